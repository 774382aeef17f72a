"""Referrals in the admin: who brought whom (read-only, a fact of registration), the trees
they make, links, and leaders with their goal and their people."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accounts.models import CustomUser
from accounts.privacy.audit import AuditedReads
from cedula_domain import VotingPlace
from census.presenter import SOURCE_WORDS, STATUS_WORDS
from census.selectors import lookups_of
from portal.admin_permissions import ReadOnlyInline, ViewOnly
from referrals.models import Leader, NetworkRefresh, Referral, ReferralLink, SharingConsentEntry
from referrals.roster import Puesto
from referrals.rules.leader import Goal
from referrals.rules.sharing_consent import SharingConsent
from referrals.selectors import NOT_YET
from referrals.services import revoke_link

# How deep a referral tree is drawn on a page; deeper people are counted, not listed.
TREE_DEPTH = 3


class ConsentEntryInline(ReadOnlyInline):
    model = SharingConsentEntry
    fields = readonly_fields = ("change", "at")
    verbose_name_plural = "autorización de ver el lugar de votación (la última vale)"


@admin.register(Referral)
class ReferralAdmin(AuditedReads, ViewOnly, admin.ModelAdmin):
    """Read-only: who referred whom is fixed when the person registers."""

    list_display = ("referred", "referrer_link", "created_at", "brought", "shares_place")
    search_fields = (
        "referred__nombre_completo",
        "referred__cedula",
        "referrer__nombre_completo",
        "referrer__cedula",
    )
    date_hierarchy = "created_at"
    list_select_related = ("referred", "referrer")
    ordering = ("-created_at",)
    readonly_fields = ("referrer", "referred", "link", "created_at", "chain", "tree")
    # Named: the admin draws a fieldset's name as its label (an unnamed one has none).
    fieldsets = (("Quién trajo a quién", {"fields": readonly_fields}),)
    inlines = (ConsentEntryInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Referral]:
        queryset = super().get_queryset(request).prefetch_related("consent_entries")
        return queryset.annotate(people=Count("referred__referrals_made"))

    @admin.display(description="referente", ordering="referrer__nombre_completo")
    def referrer_link(self, referral: Referral) -> SafeString:
        """The referrer, linking to everyone they brought."""
        url = reverse("admin:referrals_referral_changelist")
        return format_html(
            '<a href="{}?referrer__id__exact={}">{}</a>',
            url,
            referral.referrer_id,
            referral.referrer.nombre_completo,
        )

    @admin.display(description="invitó a", ordering="people")
    def brought(self, referral: Referral) -> int:
        return referral.people

    @admin.display(description="comparte su lugar", boolean=True)
    def shares_place(self, referral: Referral) -> bool:
        ledger = (entry.to_domain() for entry in referral.consent_entries.all())
        return SharingConsent.from_ledger(ledger).granted

    @admin.display(description="invitado por (hacia arriba)")
    def chain(self, referral: Referral) -> str:
        names, seen = [], {referral.referred_id}
        person_id: int | None = referral.referrer_id
        while person_id is not None and person_id not in seen:
            seen.add(person_id)
            row = (
                CustomUser.objects.filter(pk=person_id)
                .values_list("nombre_completo", "referral__referrer_id")
                .first()
            )
            if row is None:
                break
            names.append(row[0])
            person_id = row[1]
        return " ← ".join(names)

    @admin.display(description="a quiénes invitó (hacia abajo)")
    def tree(self, referral: Referral) -> SafeString:
        return _tree(referral.referred_id, TREE_DEPTH) or "Nadie todavía."


def _tree(person_id: int, depth: int) -> SafeString:
    people = Referral.objects.filter(referrer_id=person_id).select_related("referred")
    people = people.annotate(people=Count("referred__referrals_made")).order_by("created_at")
    if depth == 0:
        total = people.count()
        return format_html("<p>… y {} más</p>", total) if total else SafeString("")
    items = [
        (
            reverse("admin:referrals_referral_change", args=[row.pk]),
            row.referred.nombre_completo,
            row.people,
            _tree(row.referred_id, depth - 1) if row.people else "",
        )
        for row in people
    ]
    if not items:
        return SafeString("")
    rows = format_html_join("", '<li><a href="{}">{}</a> ({}){}</li>', items)
    return format_html("<ul>{}</ul>", rows)


@admin.register(ReferralLink)
class ReferralLinkAdmin(AuditedReads, ViewOnly, admin.ModelAdmin):
    list_display = ("code", "owner", "issued_at", "revoked_at", "brought")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("owner__nombre_completo", "owner__cedula", "code")
    list_select_related = ("owner",)
    readonly_fields = ("owner", "code", "issued_at", "revoked_at")
    fieldsets = (("Enlace", {"fields": readonly_fields}),)
    actions = ("revoke",)

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("referrals.change_referrallink")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReferralLink]:
        return super().get_queryset(request).annotate(people=Count("referrals"))

    @admin.display(description="invitó a", ordering="people")
    def brought(self, link: ReferralLink) -> int:
        return link.people

    @admin.action(description="Revocar (ya no invitan a nadie)", permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ReferralLink]) -> None:
        revoked = sum(revoke_link(link=link) for link in queryset)
        self.message_user(request, f"Se revocaron {revoked} enlace(s).", messages.SUCCESS)


class NetworkRefreshInline(ReadOnlyInline):
    model = NetworkRefresh
    fields = readonly_fields = ("asked_at", "lookups")
    max_num = 0


@admin.register(Leader)
class LeaderAdmin(AuditedReads, admin.ModelAdmin):
    """Staff mark a person as leader and set their goal here."""

    list_display = ("person", "meta", "brought", "progress", "since")
    search_fields = ("person__nombre_completo", "person__cedula")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)
    fieldsets = (("Líder", {"fields": ("person", "meta", "since", "people")}),)
    readonly_fields = ("since", "people")
    inlines = (NetworkRefreshInline,)

    def get_inlines(self, request: HttpRequest, obj: Leader | None) -> tuple:
        # A leader being added has asked for nothing yet.
        return self.inlines if obj else ()

    def get_readonly_fields(self, request: HttpRequest, obj: Leader | None = None) -> tuple:
        # The goal changes; whose goal it is does not.
        return ("person", *self.readonly_fields) if obj else self.readonly_fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Leader]:
        return super().get_queryset(request).annotate(people_count=Count("person__referrals_made"))

    @admin.display(description="trajo a", ordering="people_count")
    def brought(self, leader: Leader) -> int:
        return leader.people_count

    @admin.display(description="avance")
    def progress(self, leader: Leader) -> str:
        if not leader.meta:
            return "sin meta"
        return f"{Goal(leader.meta).progress(leader.people_count).percent} %"

    @admin.display(description="su gente")
    def people(self, leader: Leader) -> SafeString:
        if leader.pk is None:
            return SafeString("")
        referrals = Referral.objects.filter(referrer=leader.person_id)
        rows = referrals.order_by("-created_at").values_list(
            "pk", "referred_id", "referred__nombre_completo", "referred__cedula", "created_at"
        )
        # Read through the census app, as every page of people is (staff see every result).
        lookups = lookups_of(people=referrals.values("referred_id"))
        items = []
        for pk, person_id, name, cedula, created in rows:
            status, place, source = lookups.get(person_id, NOT_YET)
            items.append(
                (
                    reverse("admin:referrals_referral_change", args=[pk]),
                    name,
                    cedula,
                    f"{created:%Y-%m-%d}",
                    STATUS_WORDS[status],
                    SOURCE_WORDS[source] if source else "",
                    _where(place),
                )
            )
        if not items:
            return SafeString("Nadie todavía.")
        body = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
            "<td>{}</td></tr>",
            items,
        )
        return format_html(
            "<table><thead><tr><th>Nombre</th><th>Cédula</th><th>Registro</th><th>Consulta</th>"
            "<th>Origen del dato</th><th>Puesto</th></tr></thead><tbody>{}</tbody></table>",
            body,
        )


def _where(place: VotingPlace | None) -> str:
    """A person's puesto as their leader counts it, and whether the official list has it."""
    if place is None:
        return ""
    puesto = Puesto.of(place)
    mark = f"código {puesto.code}" if puesto.verified else "sin verificar en la lista oficial"
    return f"{puesto.puesto} · mesa {place.mesa} ({mark})"
