"""The local stand-in for the phone (`make run`): the message goes to the log.

Its texts go to a logger of their own, ``LOCAL_PHONE_LOGGER``, which the portal's logging
(settings.LOGGING) writes whole: every other log line masks runs of digits (cédulas, and
codes with them), but on a local run this logger is the phone, and the developer needs
the code it carries to finish a recovery or a verification. Outside a local run it
receives nothing.
"""

from __future__ import annotations

import logging

from adapters.sms.sender import Phone, SmsNotSent, masked

LOCAL_PHONE_LOGGER = "pagina_madre.sms.local_phone"

logger = logging.getLogger("pagina_madre.sms")
phone = logging.getLogger(LOCAL_PHONE_LOGGER)


class ConsoleSmsSender:
    def __init__(self, *, local: bool = True) -> None:
        self._local = local

    def send(self, to: Phone, text: str) -> None:
        if not self._local:
            # A deployment left on the default backend: its logs are read by more people
            # than the phone's owner, and a code in them opens the account.
            logger.error("SMS to %s not sent: set SMS_BACKEND to a real provider", masked(to))
            raise SmsNotSent("SMS_BACKEND=console sends nothing outside a local run")
        # On purpose the text is logged whole: locally this log is the phone, and the
        # developer needs the code it carries. The number is masked all the same.
        phone.info("SMS to %s: %s", masked(to), text)
