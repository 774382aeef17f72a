"""The first name of a person, as the portal writes it where the whole name would say too
much: greeting the person ("Hola, Ana") and, above all, naming the owner of a referral link
to whoever opens it, who may be anyone (/referidos/ promises its owner that they see the
first name only).

The first name is the first word of the name as the person wrote it. A compound first name
("María José", "Ana María") is not told from a first name and a surname ("María Rodríguez"):
nothing in one name field says where the given names end, so only the first word is shown,
which never says more than promised. Spaces anywhere (before, between, after) are not words;
a hyphenated name ("Jean-Paul") is one word.
"""

from __future__ import annotations


def first_name(full_name: str) -> str:
    """The first word of ``full_name``; "" for a name that is blank."""
    words = full_name.split()
    return words[0] if words else ""
