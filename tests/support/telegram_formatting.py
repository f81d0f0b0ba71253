"""Text formatting: ports of TDLib's parsers (which is what the Bot API server runs), so that
HTML or Markdown Telegram refuses is refused here too and entities get UTF-16 offsets; and the
entities Telegram's clients add to what a user types.
"""

from __future__ import annotations

import re
from typing import Any, Final

JSONDict = dict[str, Any]


class EntityParseError(ValueError):
    """Telegram's "can't parse entities" reason (without the "Bad Request" prefix)."""


_HTML_TAGS: Final = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SPACE_BYTES: Final = frozenset(b" \t\r\n\f\v\x00")
_ALNUM_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_SURROGATE_ERROR: Final = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)


def _utf16_units(byte: int) -> int:
    """UTF-16 length contributed by a UTF-8 byte (0 for continuation bytes)."""
    if byte & 0xC0 == 0x80:
        return 0
    return 2 if byte >= 0xF0 else 1


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _decode_html_entity(data: bytes, pos: int) -> tuple[int, int] | None:
    """Decode ``&lt;``/``&#123;``/``&#x1F600;`` at ``pos``: (code point, next pos) or None.

    Unknown named entities are not errors on Telegram: the ``&`` is kept literally.
    """
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    end = pos + 1
    value = 0
    if at(pos + 1) == ord("#"):
        end += 1
        if at(pos + 2) == ord("x"):
            end += 1
            while chr(at(end)) in "0123456789abcdefABCDEF" and at(end):
                value = value * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while ord("0") <= at(end) <= ord("9"):
                value = value * 10 + at(end) - ord("0")
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10:
            return None
    else:
        while chr(at(end)).isascii() and chr(at(end)).isalpha():
            end += 1
        name = data[pos + 1 : end].decode("ascii")
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
        if name not in named:
            return None
        value = ord(named[name])
    if at(end) == ord(";"):
        end += 1
    return value, end


def checked_link(url: str) -> str | None:
    """The URL Telegram would keep for a text_link, or None (entity silently dropped)."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    lowered = url.lower()
    if lowered.startswith(("http://", "https://")):
        if re.fullmatch(r"https?://[^/?#]+", url):
            url += "/"
        return url
    if lowered.startswith(("tg://", "ton://")):
        return url
    if re.match(r"[a-z][a-z0-9+.-]*:", lowered):
        return None
    if "." in url:
        return checked_link("http://" + url)
    return None


def _link_user_id(url: str) -> int | None:
    match = re.fullmatch(r"tg://user\?id=(\d+)", url.strip(), flags=re.IGNORECASE)
    return int(match.group(1)) if match else None


def _sorted_entities(entities: list[JSONDict]) -> list[JSONDict]:
    return sorted(entities, key=lambda entity: (entity["offset"], -entity["length"]))


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram HTML into plain text and entities (UTF-16 offsets).

    A port of TDLib's ``parse_html``, error messages included, so a string the bot gets
    away with here is one Telegram accepts too. Raises :class:`EntityParseError`.
    """
    data = source.encode("utf-8")
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    def is_space(byte: int) -> bool:
        return byte in _SPACE_BYTES

    out = bytearray()
    utf16 = 0
    entities: list[JSONDict] = []
    # (tag name, argument, utf16 offset, output byte offset)
    nested: list[tuple[str, str, int, int]] = []
    check_surrogates = False
    i = 0
    while i < size:
        byte = data[i]
        if byte == ord("&"):
            decoded = _decode_html_entity(data, i)
            if decoded is not None:
                code_point, i = decoded
                if 0xD800 <= code_point <= 0xDFFF:
                    check_surrogates = True
                out += chr(code_point).encode("utf-8", "surrogatepass")
                utf16 += 2 if code_point > 0xFFFF else 1
                continue
        if byte != ord("<"):
            utf16 += _utf16_units(byte)
            out.append(byte)
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != ord("/"):
            while not is_space(at(i)) and at(i) != ord(">"):
                i += 1
            if at(i) == 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
            if tag not in _HTML_TAGS:
                raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            while at(i) != ord(">"):
                while at(i) != 0 and is_space(at(i)):
                    i += 1
                if at(i) == ord(">"):
                    break
                attribute_begin = i
                while not is_space(at(i)) and at(i) not in (ord("="), ord(">")):
                    i += 1
                attribute = data[attribute_begin:i].decode("utf-8", "replace")
                if not attribute:
                    raise EntityParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while at(i) != 0 and is_space(at(i)):
                    i += 1
                if at(i) != ord("="):
                    if tag == "blockquote" and attribute.lower() == "expandable":
                        argument = "1"
                        continue
                    raise EntityParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {begin}'
                    )
                i += 1
                while at(i) != 0 and is_space(at(i)):
                    i += 1
                if at(i) == 0:
                    raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if at(i) not in (ord("'"), ord('"')):
                    token_begin = i
                    while at(i) in _ALNUM_BYTES or at(i) in (ord("."), ord("-")):
                        i += 1
                    value = data[token_begin:i].decode("ascii").lower()
                    if not is_space(at(i)) and at(i) != ord(">"):
                        raise EntityParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = at(i)
                    i += 1
                    raw_value = bytearray()
                    while at(i) != quote and at(i) != 0:
                        if at(i) == ord("&"):
                            decoded = _decode_html_entity(data, i)
                            if decoded is not None:
                                code_point, i = decoded
                                raw_value += chr(code_point).encode("utf-8", "surrogatepass")
                                continue
                        raw_value.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = raw_value.decode("utf-8", "replace")
                if at(i) == 0:
                    raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
                name = attribute.lower()
                if tag == "a" and name == "href":
                    argument = value
                elif tag == "code" and name == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and name == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and name == "emoji-id":
                    argument = value
            if tag == "span" and argument != "spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
                )
            nested.append((tag, argument, utf16, len(out)))
            i += 1  # the '>'
            continue

        # an end tag
        if not nested:
            raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
        while not is_space(at(i)) and at(i) != ord(">"):
            i += 1
        end_tag = data[begin + 2 : i].decode("utf-8", "replace").lower()
        while at(i) != 0 and is_space(at(i)):
            i += 1
        if at(i) != ord(">"):
            raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
        tag, argument, offset, out_begin = nested.pop()
        if end_tag and end_tag != tag:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", '
                f'found "</{end_tag}>"'
            )
        i += 1
        length = utf16 - offset
        if length <= 0:
            continue
        entity: JSONDict = {"offset": offset, "length": length}
        keep = True
        if tag in ("i", "em"):
            entity["type"] = "italic"
        elif tag in ("b", "strong"):
            entity["type"] = "bold"
        elif tag in ("s", "strike", "del"):
            entity["type"] = "strikethrough"
        elif tag in ("u", "ins"):
            entity["type"] = "underline"
        elif tag in ("tg-spoiler", "span"):
            entity["type"] = "spoiler"
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if argument else "blockquote"
        elif tag == "tg-emoji":
            if not argument.isdigit() or int(argument) == 0:
                raise EntityParseError("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=argument)
        elif tag == "a":
            url = argument or out[out_begin:].decode("utf-8", "replace")
            user_id = _link_user_id(url)
            if user_id is not None:
                entity.update(
                    type="text_mention", user={"id": user_id, "is_bot": False, "first_name": ""}
                )
            else:
                checked = checked_link(url)
                keep = checked is not None
                entity.update(type="text_link", url=checked)
        elif tag == "pre":
            last = entities[-1] if entities else None
            if (
                last is not None
                and last["type"] == "code"
                and last["offset"] == offset
                and last["length"] == length
                and last.get("_language")
            ):
                last["type"] = "pre"
                last["language"] = last.pop("_language")
                keep = False
            else:
                entity["type"] = "pre"
        else:  # code
            last = entities[-1] if entities else None
            if (
                last is not None
                and last["type"] == "pre"
                and last["offset"] == offset
                and last["length"] == length
                and argument
            ):
                last["language"] = argument
                keep = False
            else:
                entity["type"] = "code"
                if argument:
                    entity["_language"] = argument
        if keep:
            entities.append(entity)
    if nested:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{nested[-1][0]}"')
    for entity in entities:
        entity.pop("_language", None)
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        if check_surrogates:
            raise EntityParseError(_SURROGATE_ERROR) from None
        raise
    return text, _sorted_entities(entities)


_MD2_RESERVED: Final = frozenset(b"_*[]()~`>#+-=|{}.!")
_MD2_TYPE_NAMES: Final = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "code": "Code",
    "pre": "Pre",
    "custom_emoji": "CustomEmoji",
}


def parse_markdown_v2(source: str) -> tuple[str, list[JSONDict]]:
    """Parse MarkdownV2 like TDLib's ``parse_markdown_v2`` (blockquotes simplified).

    The rule bots trip over most, "Character 'X' is reserved and must be escaped with the
    preceding '\\'", is reproduced exactly. Raises :class:`EntityParseError`.
    """
    data = source.encode("utf-8")
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    def reserved_error(byte: int) -> EntityParseError:
        return EntityParseError(
            f"Character '{chr(byte)}' is reserved and must be escaped with the preceding '\\'"
        )

    out = bytearray()
    utf16 = 0
    entities: list[JSONDict] = []
    # (type, argument, utf16 offset, source byte offset, output byte offset)
    nested: list[tuple[str, str, int, int, int]] = []
    quote_start: int | None = None
    quote_expandable = False
    i = 0
    while i < size:
        byte = data[i]
        in_code = bool(nested) and nested[-1][0] in ("code", "pre")
        if byte == ord("\\") and 0 < at(i + 1) <= 126:
            out.append(data[i + 1])
            utf16 += 1
            i += 2
            continue
        if not in_code and (i == 0 or data[i - 1] == ord("\n")):
            if byte == ord(">") or (byte == ord("*") and data[i : i + 3] == b"**>"):
                if quote_start is None:
                    quote_start = utf16
                    quote_expandable = byte == ord("*")
                i += 1 if byte == ord(">") else 3
                continue
            if quote_start is not None:
                if utf16 - 1 > quote_start:
                    entities.append(
                        {
                            "type": "expandable_blockquote" if quote_expandable else "blockquote",
                            "offset": quote_start,
                            "length": utf16 - 1 - quote_start,
                        }
                    )
                quote_start = None
        if (
            quote_start is not None
            and quote_expandable
            and data[i : i + 2] == b"||"
            and at(i + 2) in (0, ord("\n"))
        ):
            i += 2
            continue
        reserved = frozenset(b"`") if in_code else _MD2_RESERVED
        if byte not in reserved:
            utf16 += _utf16_units(byte)
            out.append(byte)
            i += 1
            continue

        kind = nested[-1][0] if nested else None
        is_end = (
            (kind == "bold" and byte == ord("*"))
            or (kind == "italic" and byte == ord("_") and at(i + 1) != ord("_"))
            or (kind == "code" and byte == ord("`"))
            or (kind == "pre" and data[i : i + 3] == b"```")
            or (kind in ("text_link", "custom_emoji") and byte == ord("]"))
            or (kind == "underline" and data[i : i + 2] == b"__")
            or (kind == "strikethrough" and byte == ord("~"))
            or (kind == "spoiler" and data[i : i + 2] == b"||")
        )
        if not is_end:
            begin = i
            argument = ""
            if byte == ord("_"):
                kind = "italic"
                if at(i + 1) == ord("_"):
                    kind = "underline"
                    i += 1
            elif byte == ord("*"):
                kind = "bold"
            elif byte == ord("~"):
                kind = "strikethrough"
            elif byte == ord("|"):
                if at(i + 1) != ord("|"):
                    raise reserved_error(byte)
                kind = "spoiler"
                i += 1
            elif byte == ord("["):
                kind = "text_link"
            elif byte == ord("`"):
                kind = "code"
                if data[i : i + 3] == b"```":
                    kind = "pre"
                    i += 3
                    language_end = i
                    while not (at(language_end) in _SPACE_BYTES or at(language_end) == ord("`")):
                        language_end += 1
                    if i != language_end and language_end < size and at(language_end) != ord("`"):
                        argument = data[i:language_end].decode("utf-8", "replace")
                        i = language_end
                    if at(i) in (ord("\n"), ord("\r")):
                        pair = at(i + 1) in (ord("\n"), ord("\r")) and at(i) != at(i + 1)
                        i += 2 if pair else 1
                    i -= 1
            elif byte == ord("!") and at(i + 1) == ord("["):
                kind = "custom_emoji"
                i += 1
            else:
                raise reserved_error(byte)
            nested.append((kind, argument, utf16, begin, len(out)))
            i += 1
            continue

        kind, argument, offset, _begin, out_begin = nested.pop()
        entity: JSONDict | None = {"type": kind, "offset": offset, "length": utf16 - offset}
        if kind in ("underline", "spoiler"):
            i += 1
        elif kind == "pre":
            i += 2
            if argument:
                entity = {**entity, "language": argument}
        elif kind == "text_link":
            if at(i + 1) != ord("("):
                url = out[out_begin:].decode("utf-8", "replace")
            else:
                i += 2
                url_begin = i
                url_bytes = bytearray()
                while i < size and data[i] != ord(")"):
                    if data[i] == ord("\\") and 0 < at(i + 1) <= 126:
                        url_bytes.append(data[i + 1])
                        i += 2
                        continue
                    url_bytes.append(data[i])
                    i += 1
                if at(i) != ord(")"):
                    raise EntityParseError(f"Can't find end of a URL at byte offset {url_begin}")
                url = url_bytes.decode("utf-8", "replace")
            user_id = _link_user_id(url)
            checked = checked_link(url)
            if user_id is not None:
                entity = {
                    "type": "text_mention",
                    "offset": offset,
                    "length": utf16 - offset,
                    "user": {"id": user_id, "is_bot": False, "first_name": ""},
                }
            elif checked is None:
                entity = None
            else:
                entity = {**entity, "url": checked}
        elif kind == "custom_emoji":
            if at(i + 1) != ord("("):
                raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
            i += 2
            url_begin = i
            while i < size and data[i] != ord(")"):
                i += 1
            if at(i) != ord(")"):
                raise EntityParseError(
                    f"Can't find end of a custom emoji URL at byte offset {url_begin}"
                )
            match = re.fullmatch(rb"tg://emoji\?id=(\d+)", data[url_begin:i])
            if match is None:
                raise EntityParseError("Custom emoji URL must have an emoji identifier")
            entity = {**entity, "custom_emoji_id": match.group(1).decode()}
        i += 1
        if entity is not None and entity["length"] > 0:
            entities.append(entity)
    if nested:
        kind, _argument, _offset, begin, _out = nested[-1]
        raise EntityParseError(
            f"Can't find end of {_MD2_TYPE_NAMES[kind]} entity at byte offset {begin}"
        )
    if quote_start is not None and utf16 > quote_start:
        entities.append(
            {
                "type": "expandable_blockquote" if quote_expandable else "blockquote",
                "offset": quote_start,
                "length": utf16 - quote_start,
            }
        )
    return out.decode("utf-8", "replace"), _sorted_entities(entities)


def parse_markdown(source: str) -> tuple[str, list[JSONDict]]:
    """Parse legacy ``Markdown`` like TDLib's ``parse_markdown`` (no nesting, no escapes
    other than of ``_*`[``). Raises :class:`EntityParseError`."""
    data = source.encode("utf-8")
    size = len(data)

    def at(index: int) -> int:
        return data[index] if index < size else 0

    out = bytearray()
    utf16 = 0
    entities: list[JSONDict] = []
    i = 0
    while i < size:
        byte = data[i]
        if byte == ord("\\") and at(i + 1) in b"_*`[" and at(i + 1):
            out.append(data[i + 1])
            utf16 += 1
            i += 2
            continue
        if byte not in b"_*`[":
            utf16 += _utf16_units(byte)
            out.append(byte)
            i += 1
            continue
        begin = i
        end_char = ord("]") if byte == ord("[") else byte
        is_pre = False
        language = ""
        i += 1
        if byte == ord("`") and data[begin : begin + 3] == b"```":
            i += 2
            is_pre = True
            language_end = i
            while language_end < size and not (
                at(language_end) in _SPACE_BYTES or at(language_end) == ord("`")
            ):
                language_end += 1
            if i != language_end and language_end < size and at(language_end) != ord("`"):
                language = data[i:language_end].decode("utf-8", "replace")
                i = language_end
            if at(i) in (ord("\n"), ord("\r")):
                pair = at(i + 1) in (ord("\n"), ord("\r")) and at(i) != at(i + 1)
                i += 2 if pair else 1
        length = 0
        content_begin = len(out)
        while i < size and (data[i] != end_char or (is_pre and data[i + 1 : i + 3] != b"``")):
            length += _utf16_units(data[i])
            out.append(data[i])
            i += 1
        if i == size:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin}")
        if length > 0:
            entity: JSONDict = {"offset": utf16, "length": length}
            keep = True
            if byte == ord("_"):
                entity["type"] = "italic"
            elif byte == ord("*"):
                entity["type"] = "bold"
            elif byte == ord("["):
                if at(i + 1) == ord("("):
                    i += 2
                    url_begin = i
                    while i < size and data[i] != ord(")"):
                        i += 1
                    url = data[url_begin:i].decode("utf-8", "replace")
                else:
                    url = out[content_begin:].decode("utf-8", "replace")
                checked = checked_link(url)
                keep = checked is not None
                entity.update(type="text_link", url=checked)
            elif is_pre:
                entity["type"] = "pre"
                if language:
                    entity["language"] = language
            else:
                entity["type"] = "code"
            if keep:
                entities.append(entity)
            utf16 += length
        if is_pre:
            i += 2
        i += 1
    return out.decode("utf-8", "replace"), _sorted_entities(entities)


def trim(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Strip leading/trailing whitespace as Telegram does, keeping entities aligned."""
    stripped_start = len(text) - len(text.lstrip())
    shift = utf16_len(text[:stripped_start])
    text = text.strip()
    total = utf16_len(text)
    result = []
    for entity in entities:
        start = max(0, entity["offset"] - shift)
        end = min(total, entity["offset"] + entity["length"] - shift)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return text, result


def auto_entities(text: str) -> list[JSONDict]:
    """Entities Telegram's clients detect in what a user types (commands, links, @names)."""
    patterns = [
        ("bot_command", r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])"),
        ("url", r"\bhttps?://[^\s<>\"]+"),
        ("mention", r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b"),
    ]
    found: list[tuple[int, int, str]] = []
    for kind, pattern in patterns:
        for match in re.finditer(pattern, text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end, _ in found):
                continue
            found.append((start, end, kind))
    return _sorted_entities(
        [
            {
                "type": kind,
                "offset": utf16_len(text[:start]),
                "length": utf16_len(text[start:end]),
            }
            for start, end, kind in found
        ]
    )
