"""One aiogram Router per feature. Order matters: the fallback router must come last."""

from aiogram import Router

from handlers import (
    attendance,
    broadcast,
    common,
    errors,
    fallback,
    feedback,
    materials,
    membership,
    places,
    profile,
    registration,
    roles,
    school_requests,
    session_manage,
    sessions,
    subjects,
    workshops,
)


def build_router() -> Router:
    root = Router(name="birgemiz")
    root.include_routers(
        errors.router,
        membership.router,
        common.router,
        registration.router,
        places.router,
        subjects.router,
        profile.router,
        roles.router,
        school_requests.router,
        broadcast.router,
        workshops.router,
        sessions.router,
        session_manage.router,
        attendance.router,
        materials.router,
        feedback.router,
        fallback.router,
    )
    return root
