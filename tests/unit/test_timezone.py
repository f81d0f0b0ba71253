"""Kazakhstan has one zone, UTC+5, since 1 March 2024; times must not drift by an hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.settings import load_zone


def test_almaty_is_utc_plus_five_after_the_change() -> None:
    zone = load_zone("Asia/Almaty")
    assert datetime(2024, 3, 1, 12, tzinfo=UTC).astimezone(zone).utcoffset() == timedelta(hours=5)
    assert datetime(2026, 12, 15, 10, tzinfo=UTC).astimezone(zone).hour == 15


def test_almaty_was_utc_plus_six_before_the_change() -> None:
    zone = load_zone("Asia/Almaty")
    assert datetime(2024, 2, 1, tzinfo=UTC).astimezone(zone).utcoffset() == timedelta(hours=6)


def test_zone_comes_from_the_tzdata_package_not_the_system() -> None:
    import tzdata

    major = int(tzdata.IANA_VERSION[:4])
    assert (major, tzdata.IANA_VERSION[4:]) >= (2024, "a"), tzdata.IANA_VERSION
