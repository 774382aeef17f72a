from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import BaseUserManager
from django.db.models import Exists, OuterRef, QuerySet

from accounts.phone.requirement import phone_verification_settled
from accounts.privacy import policy

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

    def ready_for_lookup(self) -> QuerySet[CustomUser]:
        """Accounts whose census lookup may start: those that accepted the data policy (a
        version of it: whoever must accept a newer one waits, ``awaiting_policy``), and need
        not verify their phone any more (``accounts.phone.requirement``). An account made by
        staff (``createsuperuser``, the admin) accepted nothing, and is not looked up until
        it accepts. Every way a first lookup starts asks here: the one requested as an
        account becomes ready, and the sweep's."""
        acceptances = self.model.policy_acceptances.rel.related_model.objects
        accepted = acceptances.filter(user=OuterRef("pk"))
        return self.get_queryset().filter(Exists(accepted), phone_verification_settled())

    def awaiting_policy(self) -> QuerySet[CustomUser]:
        """Accounts that must accept the current data policy before anything new is done
        with their data (``PolicyConsent.must_accept`` as a query): they accepted some
        version, and not the current one."""
        acceptances = self.model.policy_acceptances.rel.related_model.objects
        accepted = acceptances.filter(user=OuterRef("pk"))
        current = accepted.filter(version=policy.current_version())
        return self.get_queryset().filter(Exists(accepted)).exclude(Exists(current))
