"""Who gave the answer a lookup record shows."""

from __future__ import annotations

import enum


class AnswerSource(enum.Enum):
    # Read from the census site by a browser engine; the record's ``engine`` says which.
    REGISTRADURIA = "registraduria"
    # The person looked themselves up on the Registraduría's page and told us.
    PERSON = "persona"
    # An operator verified it through official channels.
    OPERATOR = "operador"
