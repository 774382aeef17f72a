"""Spanish names in the admin for the libraries' apps whose own AppConfig has none (their
models' names come from pagina_madre/locale); INSTALLED_APPS names these configs."""

from axes.apps import AppConfig as AxesConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class LoginAttemptsConfig(AxesConfig):
    verbose_name = "Ingresos y bloqueos"


class StaffTOTPConfig(TOTPConfig):
    verbose_name = "Segundo factor del personal (TOTP)"

    def ready(self) -> None:
        super().ready()
        # After the admin's autodiscovery (its app comes first in INSTALLED_APPS), which
        # registered django-otp's English pages.
        from accounts.identity.admin import register_in_spanish

        register_in_spanish()
