"""The parts a claim states, as the loader stages, identifies and stores them: a plain value, an organization,
a person, an office, an election. The kinds of claim are made of them (kzgov.loading.specs).

No SQLAlchemy here: loads import neither it nor the schema description.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kzgov import claims as c
from kzgov.names import canonical, name_key

if TYPE_CHECKING:
    from kzgov.loading.staging import Context


class Part:
    """One thing a claim states, as the loader stages, identifies and stores it."""

    compared: bool = False  # two statements of one document differing in it are two claims, never a restatement

    def columns(self) -> dict[str, str]:
        """Its staged columns and their SQL types."""
        raise NotImplementedError

    def stage(self, claim: c.Claim, ctx: Context) -> dict[str, Any]:
        """Its staged values for claim."""
        raise NotImplementedError

    def identity(self, claim: c.Claim, staged: dict[str, Any]) -> tuple[Any, ...]:
        """Its share of the claim's identity, from the claim and its staged values."""
        raise NotImplementedError

    def targets(self) -> dict[str, str]:
        """The fact-table columns it fills and their values, over the staged row s and its join."""
        raise NotImplementedError

    def join(self) -> str:
        """The join that gives its targets their value ('' when the staged row does)."""
        return ""

    def same_claim(self) -> tuple[str, ...]:
        """The staged columns that tell two statements of one document apart (staging.merge_restatements)."""
        raise NotImplementedError

    def organizations(self) -> tuple[Organization, ...]:
        """The organizations it names."""
        return ()

    def persons(self) -> tuple[Person, ...]:
        """The persons it names."""
        return ()

    def unmatched(self, stage: str) -> tuple[str, str] | None:
        """When its join can find nothing (the row is then not inserted): a select over the staging table s of
        the columns that say what was missing, and the error message they fill in. None when the join cannot
        miss (names are created before claims are inserted)."""
        return None


@dataclass(frozen=True)
class Value(Part):
    """A field of the claim, staged and stored as it is in a column of its own name."""

    field: str
    sql_type: str
    compared: bool = False
    # Part of the identity only when the claim states it (not None, not False), named: a field added to a
    # kind after claims of it were recorded, so those claims (and those of sources that never state it)
    # keep the keys they were recorded under.
    stated: bool = False

    def columns(self) -> dict[str, str]:
        return {self.field: self.sql_type}

    def stage(self, claim: c.Claim, ctx: Context) -> dict[str, Any]:
        return {self.field: getattr(claim, self.field)}

    def identity(self, claim: c.Claim, staged: dict[str, Any]) -> tuple[Any, ...]:
        value = staged[self.field]
        if not self.stated:
            return (value,)
        return ((self.field, value),) if value is not None and value is not False else ()

    def targets(self) -> dict[str, str]:
        return {self.field: f"s.{self.field}"}

    def same_claim(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True)
class Organization(Part):
    """An organization the claim names, by its canonical name; identified by its key.

    Staged as {prefix}_key and {prefix}_name (and {prefix}_kind when kind_field gives the kind); a
    name no organization has yet becomes a new one, of that kind."""

    field: str  # the claim field that names it
    prefix: str
    kind: c.OrganizationKind = "other"  # the kind of a new organization ...
    kind_field: str | None = None  # ... unless this claim field gives it
    target: str | None = None  # the fact column of its id (None: it is stored elsewhere, as an office's body)
    required: bool = False
    compared: bool = False

    @property
    def key(self) -> str:
        return f"{self.prefix}_key"

    @property
    def name(self) -> str:
        return f"{self.prefix}_name"

    def kind_sql(self) -> str:
        """The kind of a new organization, over a staged row."""
        return f"{self.prefix}_kind" if self.kind_field else f"'{self.kind}'"

    def columns(self) -> dict[str, str]:
        kind = {f"{self.prefix}_kind": "text"} if self.kind_field else {}
        return {self.key: "text", self.name: "text", **kind}

    def stage(self, claim: c.Claim, ctx: Context) -> dict[str, Any]:
        name = getattr(claim, self.field)
        display = canonical("organization", name) if name else None
        # A name of blanks has a blank key: the database refuses it rather than the claim being lost.
        staged = {self.key: name_key(display) if display is not None else None, self.name: display}
        if self.kind_field:
            staged[f"{self.prefix}_kind"] = getattr(claim, self.kind_field)
        return staged

    def identity(self, claim: c.Claim, staged: dict[str, Any]) -> tuple[Any, ...]:
        return (staged[self.key],)

    def targets(self) -> dict[str, str]:
        return {self.target: f"_{self.prefix}.id"} if self.target else {}

    def join(self) -> str:
        if not self.target:
            return ""
        alias = f"_{self.prefix}"
        return (
            f"{'join' if self.required else 'left join'} _org_ids {alias}"
            f" on ({alias}.jurisdiction_code, {alias}.key) = (s.jurisdiction_code, s.{self.key})"
        )

    def same_claim(self) -> tuple[str, ...]:
        return (self.key,)

    def organizations(self) -> tuple[Organization, ...]:
        return (self,)


@dataclass(frozen=True)
class Person(Part):
    """A person the claim names, as written (spaces tidied); identified by the key of the name."""

    field: str  # the claim field that names them
    required: bool = False
    compared: bool = False
    key = "person_key"
    name = "person_name"

    def columns(self) -> dict[str, str]:
        return {self.key: "text", self.name: "text"}

    def stage(self, claim: c.Claim, ctx: Context) -> dict[str, Any]:
        written = getattr(claim, self.field)
        display = " ".join(written.split()) if written else None
        return {self.key: name_key(display) if display is not None else None, self.name: display}

    def identity(self, claim: c.Claim, staged: dict[str, Any]) -> tuple[Any, ...]:
        return (staged[self.key],)

    def targets(self) -> dict[str, str]:
        return {"person_id": "_person.id"}

    def join(self) -> str:
        return f"{'join' if self.required else 'left join'} _person_ids _person on _person.key = s.{self.key}"

    def same_claim(self) -> tuple[str, ...]:
        return (self.key,)

    def persons(self) -> tuple[Person, ...]:
        return (self,)


@dataclass(frozen=True)
class Office(Part):
    """The office a claim names (canonical name) with the body it belongs to, if any: one office per both.

    Staged as office_name and the organization's columns; kzgov.loading.resolve creates the offices."""

    field: str = "office"
    organization: Organization = Organization("organization", "office_org", "party")
    compared: bool = True

    def columns(self) -> dict[str, str]:
        return {"office_name": "text", **self.organization.columns()}

    def stage(self, claim: c.Claim, ctx: Context) -> dict[str, Any]:
        return {"office_name": canonical("office", getattr(claim, self.field)), **self.organization.stage(claim, ctx)}

    def identity(self, claim: c.Claim, staged: dict[str, Any]) -> tuple[Any, ...]:
        return (staged["office_name"], *self.organization.identity(claim, staged))

    def targets(self) -> dict[str, str]:
        return {"office_id": "_office.id"}

    def join(self) -> str:
        return (
            "join _office_ids _office on (_office.jurisdiction_code, _office.name, _office.org_key)"
            f" = (s.jurisdiction_code, s.office_name, coalesce(s.{self.organization.key}, ''))"
        )

    def same_claim(self) -> tuple[str, ...]:
        return ("office_name", self.organization.key)

    def organizations(self) -> tuple[Organization, ...]:
        return (self.organization,)


@dataclass(frozen=True)
class ElectionRef(Part):
    """The election a result belongs to: an election of the same document (by its ref), else one any source
    recorded, named "kind:held_on" (a structured results file)."""

    field: str = "election_ref"
    compared: bool = True

    def columns(self) -> dict[str, str]:
        return {"election_claim_key": "text", "election_kind": "text", "election_held_on": "date"}

    def stage(self, claim: c.Claim, ctx: Context) -> dict[str, Any]:
        ref = getattr(claim, self.field)
        key = ctx.election_keys.get(ref)
        kind = held_on = None
        if key is None:
            kind, _, held_on = ref.partition(":")
        return {"election_claim_key": key, "election_kind": kind or None, "election_held_on": held_on or None}

    def identity(self, claim: c.Claim, staged: dict[str, Any]) -> tuple[Any, ...]:
        return (staged["election_claim_key"] or getattr(claim, self.field),)

    def targets(self) -> dict[str, str]:
        return {"election_id": "_election.id"}

    def join(self) -> str:
        # The election of this source's version, else the first recorded by any source.
        return (
            "join lateral (select e.id from kzgov_internal.election e"
            "  where upper_inf(e.recorded) and e.jurisdiction_code = s.jurisdiction_code and ("
            "   (e.source_id = %(source_id)s and e.claim_key = s.election_claim_key)"
            "   or (s.election_claim_key is null and e.kind = s.election_kind"
            "       and lower(e.valid) = s.election_held_on))"
            "  order by (e.source_id = %(source_id)s) desc, e.id limit 1) _election on true"
        )

    def same_claim(self) -> tuple[str, ...]:
        return ("election_claim_key", "election_kind", "election_held_on")

    def unmatched(self, stage: str) -> tuple[str, str]:
        return (
            f"select s.quote_line, s.election_kind, s.election_held_on from {stage} s",
            "{}: no recorded {} election held on {}: load its election first",
        )
