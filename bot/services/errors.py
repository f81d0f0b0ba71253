from __future__ import annotations


class DomainError(Exception):
    """A rule said no. `code` names the catalog message a handler shows (prefix `error-`)."""

    code = "error-generic"


class PermissionDenied(DomainError):
    code = "error-permission"


class NotFound(DomainError):
    code = "error-not-found"


class AlreadyDecided(DomainError):
    code = "error-already-decided"


class InvalidInput(DomainError):
    code = "error-invalid-input"


class NotApproved(DomainError):
    """Sessions can be scheduled only for workshops the council approved (rules 000, 3.2)."""

    code = "error-workshop-not-approved"


class OneSessionAMonth(DomainError):
    """A workshop meets once a month (rules 000, 3.4); a second one needs a coordinator's leave."""

    code = "error-one-session-a-month"


class InThePast(DomainError):
    code = "error-in-the-past"


class SessionClosed(DomainError):
    """The session was cancelled or has already begun."""

    code = "error-session-closed"
