"""The SMS senders and their settings, without Django; Twilio only as a local stand-in."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import phonenumbers
import pytest

from adapters.sms import (
    ConsoleSmsSender,
    FileSmsSender,
    SmsConfig,
    SmsNotSent,
    TwilioConfig,
    TwilioSmsSender,
    build_sms_sender,
    read_outbox,
)
from adapters.sms.console import LOCAL_PHONE_LOGGER

NUMBER = "+573001234567"


def test_without_settings_messages_go_to_the_console() -> None:
    config = SmsConfig.from_env({}, local=True)

    assert config.backend == "console"
    assert isinstance(build_sms_sender(config), ConsoleSmsSender)


def test_the_file_backend_writes_where_it_is_told(tmp_path: Path) -> None:
    path = tmp_path / "outbox.jsonl"
    config = SmsConfig.from_env({"SMS_BACKEND": "File", "SMS_FILE_PATH": str(path)}, local=True)

    sender = build_sms_sender(config)

    assert config.file_path == path
    assert isinstance(sender, FileSmsSender)


def test_the_twilio_backend_reads_every_provider_setting() -> None:
    config = SmsConfig.from_env(
        {
            "SMS_BACKEND": "twilio",
            "SMS_PROVIDER_ACCOUNT_SID": "AC123",
            "SMS_PROVIDER_AUTH_TOKEN": "secreto",
            "SMS_PROVIDER_FROM": "+15005550006",
            "SMS_PROVIDER_URL": "http://127.0.0.1:9",
            "SMS_PROVIDER_TIMEOUT_S": "3",
        },
        local=False,
    )

    assert config.provider == TwilioConfig(
        account_sid="AC123",
        auth_token="secreto",
        sender="+15005550006",
        api_url="http://127.0.0.1:9",
        timeout_s=3.0,
    )
    assert "secreto" not in repr(config)
    assert isinstance(build_sms_sender(config), TwilioSmsSender)


def test_an_unknown_backend_is_named_at_start() -> None:
    with pytest.raises(ValueError, match="SMS_BACKEND must be one of console, file, twilio"):
        SmsConfig.from_env({"SMS_BACKEND": "carrier-pigeon"}, local=True)


def test_twilio_without_credentials_names_what_is_missing() -> None:
    with pytest.raises(ValueError, match="SMS_PROVIDER_AUTH_TOKEN, SMS_PROVIDER_FROM"):
        SmsConfig.from_env(
            {"SMS_BACKEND": "twilio", "SMS_PROVIDER_ACCOUNT_SID": "AC123"}, local=True
        )
    with pytest.raises(ValueError, match="needs the SMS_PROVIDER_"):
        SmsConfig(backend="twilio")


def test_the_console_shows_the_message_but_only_the_end_of_the_number(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="pagina_madre.sms"):
        ConsoleSmsSender().send(phonenumbers.parse(NUMBER), "Tu código es 123456")

    assert "Tu código es 123456" in caplog.text
    assert "…4567" in caplog.text
    assert "3001234567" not in caplog.text
    # The logger the portal's logging writes whole (settings.LOGGING), and only this line.
    assert [record.name for record in caplog.records] == [LOCAL_PHONE_LOGGER]


def test_outside_a_local_run_the_console_sends_nothing_and_shows_no_code(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sender = build_sms_sender(SmsConfig.from_env({}, local=False))

    with caplog.at_level(logging.INFO, logger="pagina_madre.sms"), pytest.raises(SmsNotSent):
        sender.send(NUMBER, "Tu código es 123456")

    assert "123456" not in caplog.text
    assert "…4567 not sent" in caplog.text


def test_the_file_keeps_one_json_line_per_message_in_order(tmp_path: Path) -> None:
    path = tmp_path / "sms" / "outbox.jsonl"
    sender = FileSmsSender(path)

    sender.send(phonenumbers.parse(NUMBER), "uno")
    sender.send("+573009998877", "dos, con tilde: código")

    messages = read_outbox(path)
    assert [(m["to"], m["text"]) for m in messages] == [
        (NUMBER, "uno"),
        ("+573009998877", "dos, con tilde: código"),
    ]
    assert len(path.read_text().splitlines()) == 2


def test_an_outbox_never_written_reads_empty(tmp_path: Path) -> None:
    assert read_outbox(tmp_path / "nada.jsonl") == []


def test_an_unwritable_outbox_is_a_message_not_sent(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")

    with pytest.raises(SmsNotSent, match="outbox not writable"):
        FileSmsSender(blocker / "outbox.jsonl").send(NUMBER, "hola")


class StandInTwilio(BaseHTTPRequestHandler):
    """Answers as Twilio does: 201 with the message's sid, or 400 for a bad "To"."""

    received: list[dict[str, object]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        form = {key: values[0] for key, values in parse_qs(body).items()}
        self.received.append(
            {"path": self.path, "auth": self.headers["Authorization"], "form": form}
        )
        refused = form["To"] == "+570000000000"
        answer = {"code": 21211} if refused else {"sid": "SM1", "status": "queued"}
        payload = json.dumps(answer).encode()
        self.send_response(400 if refused else 201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def twilio_stand_in() -> Iterator[tuple[str, list[dict[str, object]]]]:
    received: list[dict[str, object]] = []
    handler = type("Handler", (StandInTwilio,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def twilio(url: str, sender: str = "+15005550006") -> TwilioSmsSender:
    return TwilioSmsSender(
        TwilioConfig(account_sid="AC123", auth_token="token", sender=sender, api_url=url)
    )


def test_twilio_gets_the_message_with_the_account_credentials(twilio_stand_in) -> None:
    url, received = twilio_stand_in

    twilio(url).send(phonenumbers.parse(NUMBER), "Tu código es 123456")

    [request] = received
    assert request["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert request["auth"] == "Basic QUMxMjM6dG9rZW4="  # AC123:token
    assert request["form"] == {"To": NUMBER, "From": "+15005550006", "Body": "Tu código es 123456"}


def test_twilio_can_send_through_a_messaging_service(twilio_stand_in) -> None:
    url, received = twilio_stand_in

    twilio(url, sender="MG0123").send(NUMBER, "hola")

    assert received[0]["form"]["MessagingServiceSid"] == "MG0123"


def test_a_refusal_by_twilio_is_a_message_not_sent_that_omits_the_number(twilio_stand_in) -> None:
    url, _ = twilio_stand_in

    with pytest.raises(SmsNotSent, match="HTTP 400") as refused:
        twilio(url).send("+570000000000", "hola")

    assert "570000000000" not in str(refused.value)


def test_an_unreachable_twilio_is_a_message_not_sent() -> None:
    with pytest.raises(SmsNotSent, match="Twilio unreachable"):
        twilio("http://127.0.0.1:9").send(NUMBER, "hola")
