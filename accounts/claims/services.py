"""Use cases of cédula claims: someone else registered my cédula; staff decide.

Handing an account over gives it the claimant's name and phone, ends its password (and
so every open session: Django's session auth hash) and texts the claimant a recovery
code to choose their own. The account starts afresh: what was about the previous holder
goes (``forget_previous_holder``), and the apps built on accounts end what the previous
holder had through it (``account_handed_over``). Only the cédula's census lookup stays,
and staff's trail. Every decision leaves a ``ClaimDecision`` row, the audit trail; a
hand-over's names its code, so that staff see whether its text left (``selectors``).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from phonenumber_field.phonenumber import PhoneNumber

from accounts.models import CedulaClaim, ClaimDecision, CodePurpose, CustomUser
from accounts.phone.codes import issue_code
from accounts.privacy import policy
from accounts.privacy.consents import accept_policy
from accounts.privacy.forgetting import forget_previous_holder
from accounts.signals import account_handed_over

HAND_OVER_SMS = (
    "Página Madre: aprobamos tu reclamo; la cuenta de tu cédula ya es tuya. Crea tu "
    "contraseña en {link} con el código {code}. Vence en {minutes} minutos; allí mismo "
    "puedes pedir otro."
)


class ClaimAlreadyDecided(Exception):
    """Someone decided this claim already (possibly a moment ago)."""


class NoAccountToHandOver(Exception):
    """No account holds the claimed cédula any more: there is nothing to hand over."""


def submit_claim(*, cedula: str, full_name: str, phone: PhoneNumber, message: str) -> CedulaClaim:
    """A claim from someone who accepted the current data policy just now."""
    return CedulaClaim.objects.create(
        cedula=cedula,
        full_name=full_name,
        phone=phone,
        message=message,
        policy_accepted_at=timezone.now(),
        policy_version=policy.current_version(),
    )


def hand_over_account(
    *, claim: CedulaClaim, decided_by: CustomUser, link: str, note: str = ""
) -> ClaimDecision:
    """Give the account of the claimed cédula to the claimant, and text them a code to set
    their password at ``link`` (absolute: it goes in the SMS) from a worker.

    Raises ClaimAlreadyDecided, NoAccountToHandOver."""
    with transaction.atomic():
        claim = _pending(claim)
        account = CustomUser.objects.select_for_update().filter(cedula=claim.cedula).first()
        if account is None:
            raise NoAccountToHandOver(claim.pk)
        decision = _decide(
            claim,
            ClaimDecision.Kind.HAND_OVER,
            decided_by=decided_by,
            note=note,
            account=account,
            previous_full_name=account.nombre_completo,
            previous_phone=account.telefono,
        )
        account.nombre_completo = claim.full_name
        account.telefono = claim.phone
        # The new phone is proven when its code is used, not before.
        account.phone_verified_at = None
        account.set_unusable_password()
        account.save()
        forget_previous_holder(user=account)
        # The claimant accepted the policy with their claim: their acceptance starts the
        # account's ledger.
        accept_policy(user=account, version=claim.policy_version, at=claim.policy_accepted_at)
        account_handed_over.send(sender=CustomUser, user=account)
        # The link goes in before the code, its braces escaped from the format that follows.
        message = HAND_OVER_SMS.replace("{link}", link.replace("{", "{{").replace("}", "}}"))
        # Not limited: a staff decision, once per claim. Issued in the decision's
        # transaction, so that its trail names the code from the start.
        decision.code = issue_code(
            user=account, purpose=CodePurpose.RECOVERY, message=message, limited=False
        )
        decision.save(update_fields=["code"])
    return decision


def reject_claim(*, claim: CedulaClaim, decided_by: CustomUser, note: str = "") -> ClaimDecision:
    """Raises ClaimAlreadyDecided."""
    with transaction.atomic():
        account = CustomUser.objects.filter(cedula=claim.cedula).first()
        return _decide(
            _pending(claim),
            ClaimDecision.Kind.REJECTION,
            decided_by=decided_by,
            note=note,
            account=account,
        )


def _pending(claim: CedulaClaim) -> CedulaClaim:
    claim = CedulaClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != CedulaClaim.Status.PENDING:
        raise ClaimAlreadyDecided(claim.pk)
    return claim


def _decide(
    claim: CedulaClaim, kind: ClaimDecision.Kind, *, decided_by: CustomUser, **details: object
) -> ClaimDecision:
    now = timezone.now()
    claim.status = (
        CedulaClaim.Status.HANDED_OVER
        if kind is ClaimDecision.Kind.HAND_OVER
        else CedulaClaim.Status.REJECTED
    )
    claim.decided_at = now
    claim.save(update_fields=["status", "decided_at"])
    return ClaimDecision.objects.create(
        claim=claim, kind=kind, decided_by=decided_by, decided_at=now, **details
    )
