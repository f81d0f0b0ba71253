"""The server: an aiohttp application on 127.0.0.1 that parses, records, routes and answers
every Bot API request; :class:`FakeTelegram` puts all the parts together.
"""

from __future__ import annotations

import asyncio
import time
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from .commands import CommandsMixin
from .constants import JSONDict
from .driving import DrivingMixin
from .errors import ApiError, InjectedRaw, bad_request
from .faults import FaultsMixin
from .messages import MessagesMixin
from .objects import bot_user_dict
from .records import RecordedCall, UploadedFile
from .validation import FORM_TYPES, decode_value


class FakeTelegram(DrivingMixin, CommandsMixin, MessagesMixin, FaultsMixin):
    """An in-loop fake of ``api.telegram.org`` for one bot. See the package docstring."""

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1; :attr:`base_url` is valid afterwards."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._stopping = False
        self._origin = time.monotonic()

    async def stop(self) -> None:
        """Answer pending long polls (empty) and close the server and its connections."""
        self._stopping = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """What to put in TELEGRAM_API_URL, e.g. ``http://127.0.0.1:43210``."""
        if self._runner is None:
            raise RuntimeError("FakeTelegram is not started")
        return f"http://{self._host}:{self._port}"

    @property
    def bot_user(self) -> JSONDict:
        """The bot's own ``User`` object (what getMe returns, minus the capabilities)."""
        return bot_user_dict()

    def _routes(self) -> dict[str, Callable[[RecordedCall], Any]]:
        """Bot API method name → handler: every method the fake implements."""
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": self._get_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "editMessageCaption": self._edit_message_caption,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "sendChatAction": self._send_chat_action,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "leaveChat": self._leave_chat,
            "getFile": self._get_file,
        }

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Parse, record, dispatch and answer one Bot API request."""
        token = request.match_info["token"]
        raw_method = request.match_info["method"]
        method = self._canonical(raw_method)
        call = RecordedCall(
            method=method or raw_method,
            params={},
            token=token,
            time=time.monotonic(),
            http_method=request.method,
        )
        raw_body: str | None = None
        recorded = False
        try:
            call.params, call.files = await self._read_params(request)
            self.calls.append(call)
            recorded = True
            call.chat_id = self._peek_chat(call.params.get("chat_id"))
            self._notify()
            result = await self._process(call, method)
            status, body = 200, {"ok": True, "result": result}
        except InjectedRaw as injected:
            status, raw_body = injected.status, injected.body
            body = {"ok": False, "error_code": status, "description": raw_body}
        except ApiError as error:
            status, body = error.status, error.body()
        except Exception as error:  # a bug in the fake: make it loud, not a hung request
            status = 500
            body = {
                "ok": False,
                "error_code": 500,
                "description": f"Internal Server Error: fake_telegram bug: {error!r}",
            }
            self.internal_errors.append(traceback.format_exc())
        if not recorded:  # the body itself could not be read
            self.calls.append(call)
        call.status, call.response = status, body
        call.answered_at = time.monotonic()
        if request.transport is None or request.transport.is_closing():
            call.abandoned = True
        self._notify()
        await self._apply_delay(call.method, before=False)
        if raw_body is not None:
            return web.Response(status=status, text=raw_body, content_type="text/html")
        return web.json_response(body, status=status)

    async def _process(self, call: RecordedCall, method: str | None) -> Any:
        if self.token is not None and call.token != self.token:
            raise ApiError(401, "Unauthorized")
        if method is None:
            raise ApiError(404, "Not Found")
        self._check_deadlines(call)
        self._apply_injection(call)
        await self._apply_delay(method, before=True)
        result = self._handlers[method](call)
        if asyncio.iscoroutine(result):
            result = await result
        return result

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
        """Query string + JSON, urlencoded or multipart body, decoded like Telegram does."""
        raw: JSONDict = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise bad_request("can't parse JSON encoded request") from None
                if not isinstance(body, dict):
                    raise bad_request("JSON object expected")
                raw.update(body)
            elif request.content_type in FORM_TYPES:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = UploadedFile(
                            key, value.filename, value.content_type, value.file.read()
                        )
                    else:
                        raw[key] = value
        return {key: decode_value(key, value) for key, value in raw.items()}, files

    def _get_me(self, call: RecordedCall) -> JSONDict:
        return {
            **bot_user_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
