"""Refusals. A service raises one; one middleware (bot/middlewares/refusals.py) words it.

`code` is the catalog key of the message the person sees; `params` fill its placeholders;
`keeps_form` says whether the form the person is in stays open (fix the answer and go on) or
is closed (the thing the form was about is gone, e.g. the session was cancelled meanwhile).
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule said no. `code` names the catalog message shown to the person."""

    code = "error-generic"
    keeps_form = True

    def __init__(self, *args: object, **params: str | int) -> None:
        super().__init__(*args)
        self.params = params


class PermissionDenied(DomainError):
    code = "error-permission"
    keeps_form = False


class NotFound(DomainError):
    code = "error-not-found"
    keeps_form = False


class AlreadyDecided(DomainError):
    code = "error-already-decided"
    keeps_form = False


class InvalidInput(DomainError):
    code = "error-invalid-input"


class NotApproved(DomainError):
    """Sessions can be scheduled only for workshops the council approved (rules 000, 3.2)."""

    code = "error-workshop-not-approved"
    keeps_form = False


class OneSessionAMonth(DomainError):
    """A workshop meets once a month (rules 000, 3.4); a second one needs a coordinator's leave."""

    code = "error-one-session-a-month"


class InThePast(DomainError):
    code = "error-in-the-past"


class SessionClosed(DomainError):
    """The session was cancelled or has already begun."""

    code = "error-session-closed"
    keeps_form = False
