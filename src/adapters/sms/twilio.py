"""Twilio's Messages REST API, over the standard library (no SDK to keep up to date)."""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from adapters.sms.config import TwilioConfig
from adapters.sms.sender import Phone, SmsNotSent, e164

logger = logging.getLogger("pagina_madre.sms")


class TwilioSmsSender:
    def __init__(self, config: TwilioConfig) -> None:
        self._config = config

    def send(self, to: Phone, text: str) -> None:
        request = self.request_for(to, text)
        try:
            with urllib.request.urlopen(request, timeout=self._config.timeout_s) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            # Twilio explains a refusal with a numeric code (e.g. 21211, invalid "To"),
            # which says what went wrong without repeating the number.
            raise SmsNotSent(f"Twilio refused the message: HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsNotSent(f"Twilio unreachable: {type(error).__name__}") from None
        except ValueError:
            raise SmsNotSent("Twilio answered something other than JSON") from None
        if answer.get("error_code"):
            raise SmsNotSent(f"Twilio refused the message: code {answer['error_code']}")
        logger.info("SMS handed to Twilio (%s)", answer.get("sid", "no sid"))

    def request_for(self, to: Phone, text: str) -> urllib.request.Request:
        """The HTTP request that sends one message, built without sending it."""
        config = self._config
        url = f"{config.api_url.rstrip('/')}/2010-04-01/Accounts/{config.account_sid}/Messages.json"
        sender_field = "MessagingServiceSid" if config.sender.startswith("MG") else "From"
        body = urllib.parse.urlencode({"To": e164(to), sender_field: config.sender, "Body": text})
        credentials = base64.b64encode(f"{config.account_sid}:{config.auth_token}".encode())
        return urllib.request.Request(
            url,
            data=body.encode(),
            method="POST",
            headers={
                "Authorization": f"Basic {credentials.decode()}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
