"""The three lookup pages the Registraduría ran in 2025–2026, and where the replica serves them.

One simulator serves all three at once, each at the path of the real site. The
eleccionescolombia page takes its data from an API on another origin; the replica plays
that origin with the other loopback name of the same server (127.0.0.1 <-> localhost), so
that the browser really makes a cross-origin call.
"""

from __future__ import annotations

import enum


class Portal(enum.Enum):
    # https://consultacenso.registraduria.gov.co/ (single-page app)
    CONSULTACENSO = "consultacenso"
    # https://wsp.registraduria.gov.co/censo/consultar/ (PHP + jQuery)
    WSP = "wsp"
    # https://eleccionescolombia.registraduria.gov.co/identificacion (React, election season)
    ELECCIONESCOLOMBIA = "eleccionescolombia"

    @property
    def path(self) -> str:
        return PAGE_PATHS[self]


PAGE_PATHS: dict[Portal, str] = {
    Portal.CONSULTACENSO: "/",
    Portal.WSP: "/censo/consultar/",
    Portal.ELECCIONESCOLOMBIA: "/identificacion",
}
ELECCIONES_API_PATH = "/api/v1/citizen/get-information"

# Each loopback name's counterpart: the page loaded from one calls the API on the other.
_OTHER_LOOPBACK_NAME = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}


def portal_at(path: str) -> Portal | None:
    """The portal whose page is at ``path`` (wsp's with or without its final slash)."""
    for portal, page_path in PAGE_PATHS.items():
        if path == page_path or (page_path != "/" and path == page_path.rstrip("/")):
            return portal
    return None


def api_origin_for(host_header: str, scheme: str = "http") -> str:
    """The API origin a page served under ``host_header`` calls: the other loopback name on
    the same port; for any other host name, the page's own origin (no second name known)."""
    host, _, port = host_header.rpartition(":")
    if not host:  # no port in the header
        host, port = host_header, ""
    other = _OTHER_LOOPBACK_NAME.get(host.lower(), host)
    return f"{scheme}://{other}{':' + port if port else ''}"
