"""The optional second factor for staff (STAFF_TOTP=1): the admin lets in only staff who
typed a code from their enrolled TOTP device as they logged in; a device's secret is shown
once, at enrollment, and never again."""

from __future__ import annotations

from base64 import b32encode
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import CustomUser

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")
CEDULA = "1010101"
PASSWORD = "Admin-clave-2026"
READER = "2020202"
READER_PASSWORD = "Soporte-clave-2026"


@pytest.fixture
def operator() -> CustomUser:
    return CustomUser.objects.create_superuser(
        CEDULA, PASSWORD, nombre_completo="Operadora", telefono="+573001234567"
    )


@pytest.fixture
def staff_totp(settings) -> None:
    settings.STAFF_TOTP = True


def enroll(cedula: str, *options: str) -> str:
    out = StringIO()
    call_command("enroll_totp", cedula, *options, stdout=out)
    return out.getvalue()


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"


def admin_login(client: Client, cedula: str = CEDULA, password: str = PASSWORD, **fields: str):
    return client.post(
        ADMIN_LOGIN, {"username": cedula, "password": password, "next": ADMIN, **fields}
    )


@pytest.fixture
def device_reader(staff_totp, client: Client) -> Client:
    """Staff who may view TOTP devices and nothing else, in the admin with their own code."""
    reader = CustomUser.objects.create_user(
        READER,
        READER_PASSWORD,
        nombre_completo="Soporte",
        telefono="+573001234568",
        is_staff=True,
    )
    reader.user_permissions.add(Permission.objects.get(codename="view_totpdevice"))
    enroll(READER)
    admin_login(
        client, READER, READER_PASSWORD, otp_token=code(TOTPDevice.objects.get(user=reader))
    )
    assert client.get(ADMIN).status_code == 200
    return client


def device_pages(device: TOTPDevice) -> dict[str, str]:
    return {
        "list": reverse("admin:otp_totp_totpdevice_changelist"),
        "page": reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
        "config": reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk}),
        "qrcode": reverse("admin:otp_totp_totpdevice_qrcode", kwargs={"pk": device.pk}),
    }


def shows_the_secret(page: str, device: TOTPDevice) -> bool:
    return any(
        secret in page
        for secret in (
            device.key,
            b32encode(device.bin_key).decode(),
            "otpauth://",
            device_pages(device)["config"],
            device_pages(device)["qrcode"],
        )
    )


def test_without_the_setting_staff_enter_the_admin_with_their_password(client: Client, operator):
    response = admin_login(client)

    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_with_the_setting_a_password_alone_does_not_open_the_admin(
    staff_totp, client: Client, operator
):
    enroll(CEDULA)

    response = admin_login(client)

    assert response.status_code == 200
    assert "Escribe el código que muestra tu aplicación de autenticación." in response.text
    assert client.get(ADMIN).status_code == 302


def test_a_wrong_code_does_not_open_the_admin_and_says_why_in_spanish(
    staff_totp, client: Client, operator
):
    enroll(CEDULA)
    right = code(TOTPDevice.objects.get())
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = admin_login(client, otp_token=wrong)

    assert "El código no es correcto" in response.text
    assert client.get(ADMIN).status_code == 302


def test_the_code_of_the_enrolled_device_opens_the_admin(staff_totp, client: Client, operator):
    enroll(CEDULA)

    response = admin_login(client, otp_token=code(TOTPDevice.objects.get()))

    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200
    assert client.get(reverse("admin:census_cedulainfo_changelist")).status_code == 200


def test_staff_logged_in_elsewhere_still_owe_the_code(staff_totp, client: Client, operator):
    enroll(CEDULA)
    client.force_login(operator, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response.url.startswith(ADMIN_LOGIN)


def test_enrolling_prints_the_link_for_the_authenticator_app_once(operator):
    output = enroll(CEDULA)

    device = TOTPDevice.objects.get(user=operator)
    assert device.confirmed
    link = next(line.split()[-1] for line in output.splitlines() if "otpauth://" in line)
    assert urlparse(link).scheme == "otpauth"
    assert parse_qs(urlparse(link).query)["issuer"] == ["Pagina Madre"]


def test_a_second_device_needs_replace_and_the_old_codes_stop_working(operator):
    enroll(CEDULA)
    first = TOTPDevice.objects.get()

    with pytest.raises(CommandError, match="--replace"):
        enroll(CEDULA)
    enroll(CEDULA, "--replace")

    assert list(TOTPDevice.objects.all()) != [first]
    assert TOTPDevice.objects.count() == 1


@pytest.mark.parametrize("is_staff", [False, None])
def test_only_staff_can_be_enrolled(person: CustomUser, is_staff):
    cedula = person.cedula if is_staff is False else "5555555"

    with pytest.raises(CommandError, match="is_staff"):
        enroll(cedula)
    assert not TOTPDevice.objects.exists()


def test_staff_who_may_view_devices_see_them_without_secret_and_never_their_qr_code(
    device_reader: Client, operator
):
    enroll(CEDULA)
    device = TOTPDevice.objects.get(user=operator)
    pages = device_pages(device)

    listing = device_reader.get(pages["list"])
    page = device_reader.get(pages["page"])

    assert (listing.status_code, page.status_code) == (200, 200)
    assert "Administración" in page.text  # the device is shown, its secret is not
    assert not shows_the_secret(listing.text, device)
    assert not shows_the_secret(page.text, device)
    assert device_reader.get(pages["config"]).status_code == 403
    assert device_reader.get(pages["qrcode"]).status_code == 403


def test_not_even_a_superuser_reads_a_secret_after_enrollment(staff_totp, client: Client, operator):
    enroll(CEDULA)
    device = TOTPDevice.objects.get(user=operator)
    admin_login(client, otp_token=code(device))
    pages = device_pages(device)

    page = client.get(pages["page"])

    assert page.status_code == 200
    assert not shows_the_secret(page.text, device)
    assert client.get(pages["config"]).status_code == 403
    assert client.get(pages["qrcode"]).status_code == 403
