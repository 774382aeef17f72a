"""The fields of a consulta body, whichever way the client sent them: multipart FormData
(wsp's XHR), a urlencoded form, or JSON (eleccionescolombia's API). Standard library only:
the ``email`` parser reads multipart bodies (``cgi`` is deprecated)."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qs


def form_fields(content_type: str, body: bytes) -> dict[str, str]:
    """Each field's first value, as text; an unreadable body has no fields."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return _multipart(content_type, body)
    if kind == "application/json" or body.lstrip().startswith(b"{"):
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    text = body.decode("utf-8", "replace")
    return {name: values[0] for name, values in parse_qs(text, keep_blank_values=True).items()}


def _multipart(content_type: str, body: bytes) -> dict[str, str]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    fields: dict[str, str] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in fields:
            continue
        payload = part.get_payload(decode=True)
        fields[name] = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return fields
