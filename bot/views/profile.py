"""A teacher's profile card, as /profile shows it."""

from __future__ import annotations

from aiogram_i18n import I18nContext

from bot.services.users import Profile
from bot.views.text import echo


def profile_text(i18n: I18nContext, profile: Profile, registered_on: str) -> str:
    kk = i18n.locale == "kk"
    if profile.school_kk:
        school = profile.school_kk if kk else profile.school_ru
    elif profile.pending_school:
        school = i18n.get("profile-school-pending", school=echo(profile.pending_school))
    else:
        school = i18n.get("profile-none")
    district = (profile.district_kk if kk else profile.district_ru) or i18n.get("profile-none")
    region = (profile.region_kk if kk else profile.region_ru) or i18n.get("profile-none")
    index = {"kk": 0, "ru": 1}.get(i18n.locale, 2)
    subjects = ", ".join(names[index] for names in profile.subjects) or i18n.get("profile-none")
    roles = ", ".join(i18n.get(f"role-{role.value}") for role in sorted(profile.roles))
    return i18n.get(
        "profile-card",
        name=echo(profile.full_name),
        region=echo(region),
        district=echo(district),
        school=echo(school),
        subjects=echo(subjects, 600),
        roles=roles,
        language=i18n.get(f"language-name-{profile.language}"),
        registered=registered_on,
    )
