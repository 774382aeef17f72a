from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import BaseUserManager

if TYPE_CHECKING:
    from accounts.models import CustomUser


class CustomUserManager(BaseUserManager["CustomUser"]):
    """Users are identified by their cédula; there is no username or e-mail login."""

    use_in_migrations = True

    def create_user(self, cedula: str, password: str | None = None, **extra: Any) -> CustomUser:
        user = self.model(cedula=cedula, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, cedula: str, password: str | None = None, **extra: Any
    ) -> CustomUser:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(cedula, password, **extra)
