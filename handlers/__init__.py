"""One aiogram Router per feature. Order matters: the fallback router must come last."""

from aiogram import Router

from handlers import (
    broadcast,
    common,
    errors,
    fallback,
    membership,
    places,
    profile,
    registration,
    roles,
    school_requests,
    subjects,
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
        fallback.router,
    )
    return root
