"""An HTTP answer as a value, so that each portal's module decides what to answer and only
the server writes bytes (the portal modules stay pure and testable without a socket)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from census_sim import pages

Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Reply:
    status: int
    body: str
    content_type: str = "text/html"
    # Pairs, not a dict: an answer may set several cookies.
    headers: Headers = field(default=())

    def with_headers(self, *pairs: tuple[str, str]) -> Reply:
        return Reply(self.status, self.body, self.content_type, self.headers + pairs)

    def with_status(self, status: int) -> Reply:
        return Reply(status, self.body, self.content_type, self.headers)


def html_reply(body: str, status: int = 200) -> Reply:
    return Reply(status, body)


def json_reply(data: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(data, ensure_ascii=False), "application/json")


def php_json_reply(data: Any, status: int = 200) -> Reply:
    """JSON as PHP's json_encode() writes it: non-ASCII as \\uXXXX and every slash escaped
    (``<\\/td>``). A slash only occurs inside JSON strings, so escaping them all is safe."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    return Reply(status, text, "application/json")


def error_reply(status: HTTPStatus) -> Reply:
    return Reply(status.value, pages.error_page(status.value, status.phrase))


def rejection_reply() -> Reply:
    """The F5 BIG-IP rejection page, served with HTTP 200 as F5 does by default."""
    return Reply(200, pages.rejection_page(pages.new_support_id()))
