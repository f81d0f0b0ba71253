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
    profile,
    registration,
    roles,
    school_requests,
    session_manage,
    sessions,
    workshops,
)


def build_router(dialogs: Router) -> Router:
    """Commands first, then the dialogs (a command typed mid-form is a command), then the
    fallback for everything nobody else took."""
    root = Router(name="birgemiz")
    root.include_routers(
        errors.router,
        membership.router,
        common.router,
        registration.router,
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
        dialogs,
        fallback.router,
    )
    return root
