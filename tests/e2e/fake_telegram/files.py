"""Files: uploads from the bot, files users send, getFile and the download URL."""

from __future__ import annotations

import mimetypes
import secrets

from aiohttp import web

from .constants import JSONDict
from .errors import bad_request
from .records import RecordedCall, StoredFile, UploadedFile
from .state import ServerState


class FilesMixin(ServerState):
    """Files known by file_id, and how the bot reads and sends them."""

    def _new_file(
        self,
        kind: str,
        *,
        data: bytes | None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        number = next(self._file_counter)
        extension = {"photo": ".jpg", "sticker": ".webp"}.get(kind, "")
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"FAKE{kind.upper()}{number:06d}{secrets.token_hex(6)}",
            file_unique_id=f"U{number:06d}",
            kind=kind,
            file_name=file_name,
            mime_type=mime_type,
            data=data,
            file_size=len(data) if data is not None else 1024,
            file_path=f"{kind}s/file_{number}{extension}",
        )
        self._files[stored.file_id] = stored
        return stored

    def _input_file(self, call: RecordedCall, name: str) -> StoredFile:
        """Resolve a file param: an upload (attach://), a known file_id, or a URL."""
        value = call.params.get(name)
        upload: UploadedFile | None = call.files.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = call.files.get(value[len("attach://") :])
            if upload is None:
                raise bad_request(f"wrong file identifier/HTTP URL specified ({value})")
        if upload is not None:
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(upload.filename or "")[0] or mime
            return self._new_file(
                name, data=upload.data, file_name=upload.filename or name, mime_type=mime
            )
        if value is None or value == "":
            raise bad_request(f"there is no {name} in the request")
        text = str(value)
        if text.startswith(("http://", "https://")):
            file_name = text.rstrip("/").rsplit("/", 1)[-1] or name
            return self._new_file(
                name, data=None, file_name=file_name, mime_type=mimetypes.guess_type(file_name)[0]
            )
        known = self._files.get(text)
        if known is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return known

    def file_content(self, file_id: str) -> bytes | None:
        """Bytes of a file the bot uploaded (or a fake user sent), by file_id."""
        stored = self._files.get(file_id)
        return stored.data if stored is not None else None

    def _get_file(self, call: RecordedCall) -> JSONDict:
        stored = self._files.get(str(call.params.get("file_id") or ""))
        if stored is None:
            raise bad_request("invalid file_id")
        info: JSONDict = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.file_size is not None:
            info["file_size"] = stored.file_size
        if stored.file_path:
            info["file_path"] = stored.file_path
        return info

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        """Serve ``/file/bot<token>/<file_path>`` for files users sent."""
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.file_path == path and stored.data is not None:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )
