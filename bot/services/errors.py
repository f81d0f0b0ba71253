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
