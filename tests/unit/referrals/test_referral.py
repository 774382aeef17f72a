from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import START

from referrals.rules.referral import (
    CODE_BYTES,
    NAMELESS_INVITER,
    InvalidReferralCode,
    Invitation,
    LinkAlreadyRevoked,
    Referral,
    ReferralCode,
    ReferralLink,
    inviter_name,
)

ANA, BETO, CARLA = 1, 2, 3


def link_of(owner: int, code: str = "AAAAbbbbCCCCdddd") -> ReferralLink:
    return ReferralLink.issued(owner, START, ReferralCode.parse(code))


def test_a_new_code_is_sixteen_url_safe_characters_from_twelve_random_bytes() -> None:
    asked = []

    def token(size: int) -> str:
        asked.append(size)
        return "Zz09_-AAAAbbbbCC"

    assert ReferralCode.new(token) == ReferralCode("Zz09_-AAAAbbbbCC")
    assert asked == [CODE_BYTES]


def test_two_new_codes_differ() -> None:
    assert ReferralCode.new() != ReferralCode.new()


@pytest.mark.parametrize(
    "text",
    ["", "short", "AAAAbbbbCCCCddddE", "AAAAbbbb CCCCddd", "AAAAbbbb/CCCCddd", "١٢٣٤٥٦٧٨AAAAbbbb"],
)
def test_text_that_is_no_code_of_ours_is_refused(text: str) -> None:
    with pytest.raises(InvalidReferralCode):
        ReferralCode.parse(text)


def test_a_code_reads_as_its_value() -> None:
    assert str(ReferralCode.parse("AAAAbbbbCCCCdddd")) == "AAAAbbbbCCCCdddd"


def test_a_link_is_issued_active_with_a_fresh_code_unless_given_one() -> None:
    link = ReferralLink.issued(ANA, START)

    assert link.is_active
    assert link.owner == ANA
    assert link.code != ReferralLink.issued(ANA, START).code


def test_a_revoked_link_says_when_and_cannot_be_revoked_again() -> None:
    revoked = link_of(ANA).revoke(START + timedelta(days=1))

    assert not revoked.is_active
    assert revoked.revoked_at == START + timedelta(days=1)
    with pytest.raises(LinkAlreadyRevoked):
        revoked.revoke(START + timedelta(days=2))


def test_the_first_working_link_opened_is_the_invitation() -> None:
    first = Invitation.none().follow(link_of(ANA), held_link_works=False)

    assert first == Invitation(ReferralCode("AAAAbbbbCCCCdddd"))
    later = first.follow(link_of(BETO, "BBBBbbbbCCCCdddd"), held_link_works=True)
    assert later == first


def test_a_later_link_replaces_an_invitation_whose_link_stopped_working() -> None:
    held = Invitation(ReferralCode("AAAAbbbbCCCCdddd"))

    later = held.follow(link_of(BETO, "BBBBbbbbCCCCdddd"), held_link_works=False)

    assert later.code == ReferralCode("BBBBbbbbCCCCdddd")


def test_a_revoked_link_invites_nobody() -> None:
    revoked = link_of(ANA).revoke(START)

    assert Invitation.none().follow(revoked, held_link_works=False) == Invitation.none()


def test_registering_through_a_working_link_makes_its_owner_the_referrer() -> None:
    referral = Referral.made(link=link_of(ANA), referred=BETO, now=START)

    assert referral == Referral(referrer=ANA, referred=BETO, at=START)


def test_registering_through_a_revoked_link_makes_no_referral() -> None:
    assert Referral.made(link=link_of(ANA).revoke(START), referred=BETO, now=START) is None


def test_nobody_is_brought_by_their_own_link() -> None:
    assert Referral.made(link=link_of(CARLA), referred=CARLA, now=START) is None


def test_whoever_opens_a_link_reads_only_its_owners_first_name() -> None:
    assert inviter_name("Ana María Rodríguez Pérez") == "Ana"
    assert inviter_name("  Shakira ") == "Shakira"


def test_a_link_whose_owner_has_a_blank_name_names_nobody() -> None:
    assert inviter_name("   ") == NAMELESS_INVITER
