from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Cuentas"

    def ready(self) -> None:
        # The sections of /perfil/mis-datos/ that accounts holds, the audit trail, and the
        # deploy check of the operator's identity.
        from accounts import checks  # noqa: F401  (registers it)
        from accounts.privacy import audit, personal_data  # noqa: F401  (register them)
