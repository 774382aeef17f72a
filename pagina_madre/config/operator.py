"""Who runs the portal: Ley 1581's data controller, on every page's footer and in the data
policy (``portal.operator``). Unset, pages leave it out (staff read which are pending)
and ``manage.py check --deploy`` refuses (``accounts.checks``)."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from adapters.environment import Environment


@frozen(kw_only=True)
class OperatorConfig:
    name: str = ""
    # The NIT, or the cédula of a person.
    id: str = ""
    address: str = ""
    # Where people write to exercise their rights by other means than their account (the
    # data policy says so); staff then act from the admin.
    email: str = ""
    phone: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> OperatorConfig:
        read = Environment(environ)
        return cls(
            name=read.text("OPERATOR_NAME") or "",
            id=read.text("OPERATOR_ID") or "",
            address=read.text("OPERATOR_ADDRESS") or "",
            email=read.text("OPERATOR_EMAIL") or "",
            phone=read.text("OPERATOR_PHONE") or "",
        )
