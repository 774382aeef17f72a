"""A logging filter that masks cédulas in every line, on every handler of the portal and
the workers (settings.LOGGING): logs are read by more people, and kept longer, than the
records they talk about. What counts as a cédula, and the trade-off, is
``portal.rules.redaction``'s. The one handler without it is the local phone's
(``adapters.sms.console``: on a local run its texts, codes included, are what the
developer reads on the "phone")."""

from __future__ import annotations

import logging

from portal.rules.redaction import mask_cedulas


class MaskCedulas(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # The message is formatted here, once, so that arguments are masked too.
        try:
            message = record.getMessage()
        except Exception:
            message = f"{record.msg} (unformattable arguments)"
        record.msg = mask_cedulas(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_cedulas(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_cedulas(record.stack_info)
        return True
