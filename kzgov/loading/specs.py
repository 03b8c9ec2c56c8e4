"""One specification per kind of claim: how the loader stages it, identifies it and stores it.

A kind is its fact table, its claim class and the parts a claim of it states, in order (kzgov.loading.parts).
A part knows the columns it is staged in (with their SQL types), its share of the claim's identity (the
claim key a re-load matches on), the fact-table columns it fills and the join that gives them their value,
whether two statements differing in it are always two claims, and the names it refers to (organizations, persons).
Staging rows, claim keys, each table's INSERT and a load's name references are all derived from SPECS
(kzgov.loading.staging, .resolve and .write): adding a kind of claim is its class in kzgov.claims, one
entry here and its table (kzgov.schema and a migration). tests/test_loading_specs.py checks every spec
against the claim classes and the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kzgov import claims as c
from kzgov.loading.parts import ElectionRef, Office, Organization, Part, Person, Value

if TYPE_CHECKING:
    from kzgov.loading.staging import Context


@dataclass(frozen=True)
class ClaimSpec:
    """A kind of claim: its fact table, its claim class and the parts of a claim, in identity order."""

    table: str
    claim: type[c.Claim]
    parts: tuple[Part, ...]
    # The field other claims of the same document name a claim of this kind by (ElectionRef reads the keys).
    keyed_by: str | None = None

    def columns(self) -> dict[str, str]:
        """The staged columns of this kind beyond those every kind has, with their SQL types."""
        return {name: kind for part in self.parts for name, kind in part.columns().items()}

    def stage(self, claim: c.Claim, ctx: Context) -> tuple[dict[str, Any], tuple[Any, ...]]:
        """The claim's staged values and its identity (besides jurisdiction and period)."""
        staged: dict[str, Any] = {}
        identity: list[Any] = []
        for part in self.parts:
            values = part.stage(claim, ctx)
            staged |= values
            identity.extend(part.identity(claim, values))
        return staged, tuple(identity)

    def same_claim(self) -> tuple[str, ...]:
        """The staged columns that tell two statements of one document apart, besides period (merge_restatements)."""
        return tuple(name for part in self.parts if part.compared for name in part.same_claim())

    def targets(self) -> dict[str, str]:
        """The kind's own columns of its fact table and their values over the staged row s and the joins."""
        return {name: value for part in self.parts for name, value in part.targets().items()}

    def joins(self) -> str:
        return " ".join(join for part in self.parts if (join := part.join()))

    def organizations(self) -> tuple[Organization, ...]:
        return tuple(org for part in self.parts for org in part.organizations())

    def persons(self) -> tuple[Person, ...]:
        return tuple(person for part in self.parts for person in part.persons())

    def offices(self) -> tuple[Office, ...]:
        return tuple(part for part in self.parts if isinstance(part, Office))


def _values(*fields: tuple[str, str], compared: bool = False, stated: bool = False) -> tuple[Value, ...]:
    return tuple(Value(name, sql_type, compared=compared, stated=stated) for name, sql_type in fields)


# In the order reports list the tables (kzgov.tables.FACT_TABLES).
SPECS: tuple[ClaimSpec, ...] = (
    ClaimSpec(
        "office_tenure",
        c.OfficeTenure,
        (
            Office(),
            Person("person", required=True, compared=True),
            Organization("party", "party", "party", target="party_id"),
            Value("acting", "boolean", compared=True, stated=True),
        ),
    ),
    ClaimSpec(
        "chamber_composition",
        c.ChamberComposition,
        (
            Organization("body", "org", kind_field="body_kind", target="organization_id", required=True, compared=True),
            *_values(
                ("total_seats", "int"),
                ("elected_seats", "int"),
                ("appointed_seats", "int"),
                ("term_years", "int"),
                ("election_method", "text"),
                compared=True,
            ),
            *_values(("party_list_seats", "int"), ("single_member_seats", "int"), compared=True, stated=True),
        ),
    ),
    ClaimSpec(
        "party_seats",
        c.PartySeats,
        (
            Organization("party", "party", "party", target="party_id", required=True, compared=True),
            Organization("chamber", "chamber", "chamber", target="chamber_id", compared=True),
            Value("seats", "int", compared=True),
        ),
    ),
    ClaimSpec(
        "election",
        c.Election,
        (
            *_values(("kind", "text"), ("status", "text"), compared=True),
            Value("early", "boolean"),
            Value("turnout_pct", "numeric", stated=True),
        ),
        keyed_by="ref",
    ),
    ClaimSpec(
        "election_result",
        c.ElectionResult,
        (
            ElectionRef(),
            Person("candidate", compared=True),
            Organization("party", "party", "party", target="party_id", compared=True),
            *_values(("vote_share", "numeric"), ("seats", "int"), ("outcome", "text")),
            *_values(("votes", "bigint"), ("list_seats", "int"), ("district_seats", "int"), stated=True),
        ),
    ),
    ClaimSpec(
        "body_event",
        c.BodyEvent,
        (
            Organization("body", "org", target="organization_id", required=True, compared=True),
            Value("event", "text", compared=True),
            Value("detail", "text"),
        ),
    ),
    ClaimSpec(
        "indicator",
        c.Indicator,
        (
            *_values(("subject", "text"), ("indicator", "text"), ("value", "numeric"), compared=True),
            Value("unit", "text"),
            Value("rank", "int", compared=True),
            Value("out_of", "int"),
        ),
    ),
    ClaimSpec(
        "admin_division",
        c.AdminDivision,
        (*_values(("name", "text"), ("kind", "text"), compared=True), Value("center", "text")),
    ),
)

BY_TABLE = {spec.table: spec for spec in SPECS}
_BY_CLAIM = {spec.claim: spec for spec in SPECS}


def spec_for(claim: c.Claim) -> ClaimSpec:
    """The specification of a claim's kind."""
    try:
        return _BY_CLAIM[type(claim)]
    except KeyError:
        raise TypeError(f"unknown claim type {type(claim).__name__}") from None
