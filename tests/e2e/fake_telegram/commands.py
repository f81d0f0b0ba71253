"""The bot's command lists (per scope and language) and its menu button."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from typing import Any

from .constants import COMMAND_RE, SCOPE_TYPES, JSONDict
from .errors import bad_request
from .records import RecordedCall
from .state import ServerState
from .validation import decode_value


class CommandsMixin(ServerState):
    """set/get/deleteMyCommands and the chat menu button."""

    def get_commands(
        self, scope: Mapping[str, Any] | None = None, language_code: str = ""
    ) -> list[JSONDict]:
        """Commands set for a scope (default scope if None) and language."""
        return copy.deepcopy(self._commands.get((self._scope_key(scope), language_code), []))

    @property
    def all_commands(self) -> dict[tuple[str, str], list[JSONDict]]:
        """Every command list stored, keyed by (canonical scope JSON, language_code)."""
        return copy.deepcopy(self._commands)

    def _scope_key(self, scope: Mapping[str, Any] | None) -> str:
        scope = dict(scope) if scope else {"type": "default"}
        if "chat_id" in scope:
            peeked = self._peek_chat(decode_value("chat_id", scope["chat_id"]))
            scope["chat_id"] = peeked
        return json.dumps(scope, sort_keys=True, ensure_ascii=False)

    def _commands_key(self, call: RecordedCall) -> tuple[str, str]:
        scope = call.params.get("scope")
        if isinstance(scope, str):
            raise bad_request("can't parse BotCommandScope JSON object")
        if scope is not None:
            if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
                raise bad_request("wrong bot command scope type specified")
            if "chat_id" in scope:
                self._resolve_chat(decode_value("chat_id", scope["chat_id"]))
        language = str(call.params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2,3}", language):
            raise bad_request("invalid language code specified")
        return self._scope_key(scope), language

    def _set_my_commands(self, call: RecordedCall) -> bool:
        commands = call.params.get("commands")
        if isinstance(commands, str) or not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JSONDict] = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not COMMAND_RE.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_key(call)
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _delete_my_commands(self, call: RecordedCall) -> bool:
        self._commands.pop(self._commands_key(call), None)
        return True

    def _get_my_commands(self, call: RecordedCall) -> list[JSONDict]:
        return copy.deepcopy(self._commands.get(self._commands_key(call), []))

    def _set_chat_menu_button(self, call: RecordedCall) -> bool:
        chat_id: int | None = None
        if call.params.get("chat_id") not in (None, ""):
            chat = self._resolve_chat(call.params["chat_id"])
            if chat["type"] != "private":
                raise bad_request("chat_id must be a private chat")
            chat_id = call.chat_id = int(chat["id"])
        button = call.params.get("menu_button", {"type": "default"})
        if not isinstance(button, dict):
            raise bad_request("can't parse menu button JSON object")
        if button.get("type") not in ("default", "commands", "web_app"):
            raise bad_request("wrong menu button type specified")
        self.menu_buttons[chat_id] = dict(button)
        return True

    def _get_chat_menu_button(self, call: RecordedCall) -> JSONDict:
        chat_id: int | None = None
        if call.params.get("chat_id") not in (None, ""):
            chat_id = int(self._resolve_chat(call.params["chat_id"])["id"])
        button = self.menu_buttons.get(chat_id) or self.menu_buttons.get(None)
        return copy.deepcopy(button) if button else {"type": "commands"}
