"""Error answers: the Bot API's JSON errors, and an injected page that is not JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .constants import JSONDict


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code", "description", parameters}``."""

    def __init__(
        self, status: int, description: str, parameters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = dict(parameters) if parameters else None

    def body(self) -> JSONDict:
        """The JSON body Telegram answers with."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(description: str, parameters: Mapping[str, Any] | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {description}", parameters)


class InjectedRaw(Exception):
    """An injected error whose body is not JSON (e.g. a proxy's HTML error page)."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(body)
        self.status = status
        self.body = body
