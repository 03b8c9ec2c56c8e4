"""A person a document names by surname alone, completed to the full name it gives that person."""

from __future__ import annotations

import dataclasses
from typing import Any

from kzgov import claims as c
from kzgov.names import name_key

# The fields of each kind of claim that name a person.
PERSON_FIELDS: dict[type[c.Claim], tuple[str, ...]] = {c.OfficeTenure: ("person",), c.ElectionResult: ("candidate",)}


def complete_surnames(claims: list[c.Claim]) -> list[c.Claim]:
    """A person a document names by surname alone is the one person it names in full with that surname.

    "Smaiylov was sworn in" after "Älihan Smaiylov" is Älihan Smaiylov; the spelling the
    source used stays in the quote. A surname shared by two full names stays as written.
    """
    by_surname: dict[str, set[str]] = {}
    for claim in claims:
        for name in (getattr(claim, f) for f in PERSON_FIELDS.get(type(claim), ())):
            if name and len(name.split()) > 1:
                by_surname.setdefault(name_key(name.split()[-1]), set()).add(name)
    completed = []
    for claim in claims:
        changes: dict[str, Any] = {}
        for f in PERSON_FIELDS.get(type(claim), ()):
            name = getattr(claim, f)
            if name and len(name.split()) == 1 and len(by_surname.get(name_key(name), ())) == 1:
                changes[f] = next(iter(by_surname[name_key(name)]))
        completed.append(dataclasses.replace(claim, **changes) if changes else claim)
    return completed
