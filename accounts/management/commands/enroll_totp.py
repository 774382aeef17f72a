"""``manage.py enroll_totp CEDULA [--replace]``

Gives a staff member a TOTP device for the admin's second factor (STAFF_TOTP=1) and
prints, once, what to add to their authenticator app: the otpauth:// link (most apps
read it as a QR code) and the secret to type by hand. Nothing else keeps the secret.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.identity.staff_totp import CannotEnroll, enroll_staff_totp


class Command(BaseCommand):
    help = "Inscribe un dispositivo TOTP (segundo factor del admin) para un miembro del equipo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cedula", help="cédula del miembro del equipo (is_staff)")
        parser.add_argument(
            "--replace", action="store_true", help="reemplaza el dispositivo que ya tenga"
        )

    def handle(self, *args: Any, cedula: str, replace: bool, **options: Any) -> None:
        try:
            device = enroll_staff_totp(cedula=cedula, replace=replace)
        except CannotEnroll as error:
            raise CommandError(str(error)) from None
        self.stdout.write("Agrega esta cuenta a la aplicación de autenticación (una sola vez):")
        self.stdout.write(f"  enlace: {device.config_url}")
        self.stdout.write(f"  clave:  {b32encode(device.bin_key).decode()}")
