"""eleccionescolombia as the server runs it once the edge has let a request through: the
app shell (told which origin its API is on) and the API's checks (single-use Bearer token in
CAPTCHA modes, the backend) before the census answer."""

from __future__ import annotations

from http import HTTPStatus

from census_sim import elecciones_api, elecciones_page
from census_sim.census import entry_for
from census_sim.edge import PAGE_CAPTCHAS
from census_sim.modes import Mode
from census_sim.portals import PAGE_PATHS, Portal, api_origin_for
from census_sim.replies import Reply, json_reply

MIN_DIGITS, MAX_DIGITS = 2, 12


def page_reply(mode: Mode, host_header: str) -> Reply:
    page = elecciones_page.page(
        api_origin=api_origin_for(host_header),
        captcha=PAGE_CAPTCHAS.get(mode, ""),
        changed=mode is Mode.CHANGED_PAGE,
        page_path=PAGE_PATHS[Portal.ELECCIONESCOLOMBIA],
    )
    return Reply(200, page)


def _forbidden() -> Reply:
    return json_reply(elecciones_api.FORBIDDEN, HTTPStatus.FORBIDDEN.value)


def consulta_reply(
    mode: Mode, identification: str, authorization: str, spent: elecciones_api.SpentTokens
) -> Reply:
    if mode is Mode.RELOAD:
        # No reload is documented for this site. A 403 is (a spent token, Akamai), so it
        # would make this mode a block; a 401 says "start over" and the app reloads itself,
        # as wsp's page does on {"reload": true}: the query is simply not answered.
        return json_reply(elecciones_api.SESSION_EXPIRED, HTTPStatus.UNAUTHORIZED.value)
    if mode in PAGE_CAPTCHAS:
        token = elecciones_api.bearer_token(authorization)
        if not token or not spent.spend(token):
            return _forbidden()
    if mode is Mode.MALFORMED_JSON:
        return Reply(200, '{"status":true,"data":{"polling_', "application/json")
    if mode is Mode.STATUS_403_JSON:
        return _forbidden()
    if mode is Mode.BACKEND_FAILURE:
        return json_reply(elecciones_api.BACKEND_FAILURE, HTTPStatus.GATEWAY_TIMEOUT.value)
    valid = identification.isascii() and identification.isdigit()
    if not (valid and MIN_DIGITS <= len(identification) <= MAX_DIGITS):
        return json_reply(elecciones_api.INVALID_DOCUMENT, HTTPStatus.BAD_REQUEST.value)
    return elecciones_api.answer(entry_for(identification))
