"""The kzgov schema as SQLAlchemy Core metadata.

Alembic migrations create the schema; this module describes it so ``alembic check``
can prove the migrations and the description have not drifted apart, and so tests
can check the loader's specifications (kzgov.loading.specs, which must not import
SQLAlchemy) against the tables. Views and functions live in ``sql/``. The value
lists in CHECK constraints come from the Literals of kzgov.claims.
"""

from __future__ import annotations

from typing import get_args

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import DATERANGE, TIMESTAMP, TSTZRANGE, ExcludeConstraint

from kzgov.claims import (
    Basis,
    BodyEventKind,
    DivisionKind,
    DocumentFormat,
    ElectionKind,
    ElectionStatus,
    OrganizationKind,
    Precision,
    ResultOutcome,
    SourceKind,
)
from kzgov.tables import INTERNAL_SCHEMA

metadata = MetaData(
    schema=INTERNAL_SCHEMA,
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    },
)

BASES: tuple[str, ...] = get_args(Basis)
PRECISIONS: tuple[str, ...] = get_args(Precision)


def _pk() -> Column:
    return Column("id", BigInteger, Identity(always=True), primary_key=True)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} in ({', '.join(repr(v) for v in values)})"


jurisdiction = Table(
    "jurisdiction",
    metadata,
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    CheckConstraint("code ~ '^[A-Z]{2}$'", name="iso_code"),
)

source = Table(
    "source",
    metadata,
    _pk(),
    Column("key", Text, nullable=False, unique=True),
    Column("jurisdiction_code", Text, ForeignKey("jurisdiction.code"), nullable=False),
    Column("created_at", TIMESTAMP(timezone=True), server_default=text("now()"), nullable=False),
    # The partition of office_tenure holding the source's claims (0012): 0, shared, unless a load gave a large
    # new source its own (kzgov.loading.segments). Fixed once the source has claims: they name it.
    Column(
        "segment",
        Integer,
        nullable=False,
        server_default=text("0"),
        comment="The partition of office_tenure holding the source's claims: 0 (shared) unless a load gave a"
        " large new source its own (kzgov.loading.segments).",
    ),
    UniqueConstraint("id", "segment"),
    Index("uq_source_segment_own", "segment", unique=True, postgresql_where=text("segment > 0")),
    CheckConstraint("segment >= 0", name="segment_not_negative"),
    CheckConstraint("key ~ '^[A-Za-z0-9_.-]+$'", name="key_chars"),
    CheckConstraint("key ~ '^[A-Za-z0-9]'", name="key_first_char"),  # NOT VALID where older rows fail it (0007)
)

SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
# The formats a parser reports (kzgov.claims.ParsedDocument.format), in the order they were added.
FORMATS: tuple[str, ...] = get_args(DocumentFormat)

source_version = Table(
    "source_version",
    metadata,
    _pk(),
    Column("source_id", BigInteger, ForeignKey("source.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("sha256", Text, nullable=False),
    # The full text; NULL for a streamed source (structured CSV), whose text is in source_version_chunk.
    Column("content", Text),
    Column("format", Text, nullable=False),
    Column("title", Text),
    Column("kind", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("published_on", Date),
    Column("retrieved_on", Date),
    Column("latest_date_mentioned", Date),
    Column("file_name", Text, nullable=False),
    Column("loaded_at", TIMESTAMP(timezone=True), server_default=text("kzgov_internal.recorded_now()"), nullable=False),
    UniqueConstraint("source_id", "version"),
    CheckConstraint("version >= 1", name="version_positive"),
    CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
    CheckConstraint(_in("format", FORMATS), name="format"),
    CheckConstraint(f"kind is null or {_in('kind', SOURCE_KINDS)}", name="kind"),
    CheckConstraint("content is not null or format = 'csv'", name="content_or_streamed"),
)

# The text of a streamed source, in order: what a load read, kept without holding it in memory.
source_version_chunk = Table(
    "source_version_chunk",
    metadata,
    Column("source_version_id", BigInteger, ForeignKey("source_version.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("content", Text, nullable=False),
    CheckConstraint("seq >= 0", name="seq_not_negative"),
    CheckConstraint("content <> ''", name="content_not_empty"),
)

person = Table(
    "person",
    metadata,
    _pk(),
    Column("name", Text, nullable=False),
    CheckConstraint("btrim(name) <> ''", name="name_not_blank"),
)

person_name = Table(
    "person_name",
    metadata,
    _pk(),
    Column("person_id", BigInteger, ForeignKey("person.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("normalized", Text, nullable=False, unique=True),
    CheckConstraint("normalized <> ''", name="normalized_not_blank"),
)

ORGANIZATION_KINDS: tuple[str, ...] = get_args(OrganizationKind)

organization = Table(
    "organization",
    metadata,
    _pk(),
    Column("jurisdiction_code", Text, ForeignKey("jurisdiction.code"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    CheckConstraint(_in("kind", ORGANIZATION_KINDS), name="kind"),
    CheckConstraint("btrim(name) <> ''", name="name_not_blank"),
)

# A body's names over time: a renamed party keeps its identity under every name.
organization_name = Table(
    "organization_name",
    metadata,
    _pk(),
    Column("organization_id", BigInteger, ForeignKey("organization.id"), nullable=False),
    Column("jurisdiction_code", Text, ForeignKey("jurisdiction.code"), nullable=False),
    Column("name", Text, nullable=False),
    Column("normalized", Text, nullable=False),
    Column("valid", DATERANGE),
    UniqueConstraint("jurisdiction_code", "normalized"),
    CheckConstraint("normalized <> ''", name="normalized_not_blank"),
    CheckConstraint("valid is null or not isempty(valid)", name="valid_not_empty"),
)

office = Table(
    "office",
    metadata,
    _pk(),
    Column("jurisdiction_code", Text, ForeignKey("jurisdiction.code"), nullable=False),
    Column("name", Text, nullable=False),
    Column("organization_id", BigInteger, ForeignKey("organization.id")),
    # One holder at a time (a president); false for offices held by several (deputy prime ministers).
    Column("single_holder", Boolean, nullable=False, server_default=text("true")),
    UniqueConstraint("jurisdiction_code", "name", "organization_id", postgresql_nulls_not_distinct=True),
    CheckConstraint("btrim(name) <> ''", name="name_not_blank"),
)

office_name = Table(
    "office_name",
    metadata,
    _pk(),
    Column("office_id", BigInteger, ForeignKey("office.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("normalized", Text, nullable=False),
    UniqueConstraint("office_id", "normalized"),
)


def _fact_columns(segmented: bool = False) -> list:
    """Columns and constraints every bitemporal fact table has (segmented: partitioned by its source's segment)."""
    segment = ("segment",) if segmented else ()
    return [
        Column("id", BigInteger, Identity(always=True)),
        Column("source_id", BigInteger, nullable=False),
        *([Column("segment", Integer, nullable=False, server_default=text("0"))] if segmented else []),
        ForeignKeyConstraint(["source_id", *segment], ["source.id", *(f"source.{c}" for c in segment)]),
        Column("source_version_id", BigInteger, ForeignKey("source_version.id"), nullable=False),
        Column("jurisdiction_code", Text, ForeignKey("jurisdiction.code"), nullable=False),
        # Identity of the claim across versions of its source (subject, value, period, basis).
        Column("claim_key", Text, nullable=False),
        # Valid time: when the claim says the fact held. A NULL (infinite) bound is unknown.
        Column("valid", DATERANGE, nullable=False),
        Column("valid_from_precision", Text),
        Column("valid_until_precision", Text),
        Column("basis", Text, nullable=False),
        # True: the fact held at one unknown moment inside `valid`, not necessarily throughout.
        Column("valid_window", Boolean, nullable=False, server_default=text("false")),
        # Recorded time: when this database asserted the claim. Set by a trigger, closed, never erased.
        Column("recorded", TSTZRANGE, nullable=False),
        Column("quote", Text, nullable=False),
        Column("quote_start", Integer, nullable=False),
        Column("quote_end", Integer, nullable=False),
        Column("quote_line", Integer),
        # Every key of a fact table carries jurisdiction_code, so that the table can be distributed by
        # jurisdiction (docs/scaling.md, 0009). id is an identity: unique on its own all the same.
        # A partitioned table's unique keys include its partition key: segment, fixed by the source, so the
        # identity of a claim is what it was before (0012).
        PrimaryKeyConstraint("id", "jurisdiction_code", *segment),
        CheckConstraint("not isempty(valid)", name="valid_not_empty"),
        CheckConstraint(
            "(valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)",
            name="precision_iff_bound",
        ),
        CheckConstraint(
            f"(valid_from_precision is null or {_in('valid_from_precision', PRECISIONS)})"
            f" and (valid_until_precision is null or {_in('valid_until_precision', PRECISIONS)})",
            name="precision_values",
        ),
        CheckConstraint(_in("basis", BASES), name="basis"),
        CheckConstraint("not valid_window or not upper_inf(valid)", name="window_bounded"),
        CheckConstraint("not isempty(recorded) and not lower_inf(recorded)", name="recorded_bounded"),
        CheckConstraint(
            "quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)",
            name="quote_span",
        ),
    ]


def _fact_indexes(name: str, segmented: bool = False) -> list:
    segment = ("segment",) if segmented else ()
    return [
        Index(f"ix_{name}_valid", "valid", postgresql_using="gist"),
        Index(f"ix_{name}_recorded", "recorded", postgresql_using="gist"),
        Index(f"ix_{name}_source_version_id", "source_version_id"),
        # The claim's identity: at most one currently recorded row per claim of a source, what re-loads match
        # against. claim_key is what the claim states (its period as stated included), so one person's two
        # overlapping tenures are two claims, and the same statement twice is one. Closing a row's recorded
        # period and opening its successor's happen at one moment, so the recorded history never holds one
        # claim twice at once either.
        Index(
            f"uq_{name}_current_claim",
            "source_id",
            "claim_key",
            "jurisdiction_code",
            *segment,
            unique=True,
            postgresql_where=text("upper_inf(recorded)"),
        ),
    ]


# Partitioned by its source's segment (0012): a large new source's claims go into a partition of their own,
# written before its indexes are built (kzgov.loading.segments); every other source's into segment 0.
office_tenure = Table(
    "office_tenure",
    metadata,
    *_fact_columns(segmented=True),
    Column("office_id", BigInteger, ForeignKey("office.id"), nullable=False),
    Column("person_id", BigInteger, ForeignKey("person.id"), nullable=False),
    Column("party_id", BigInteger, ForeignKey("organization.id")),
    # Held in an acting (caretaker, interim) capacity: an acting and a full tenure are different claims.
    Column("acting", Boolean, nullable=False, server_default=text("false")),
    *_fact_indexes("office_tenure", segmented=True),
    Index("ix_office_tenure_office_id_valid", "office_id", "valid", postgresql_using="gist"),
    # The successor rule's probe (refresh_tenure_inferences): the next explicitly dated start on an office,
    # found for each tenure with one index lookup instead of comparing every pair of the office's claims.
    Index(
        "ix_office_tenure_successor_start",
        "office_id",
        text("lower(valid)"),
        "id",
        postgresql_where=text("upper_inf(recorded) and basis = 'explicit' and not lower_inf(valid)"),
    ),
    postgresql_partition_by="LIST (segment)",
)

chamber_composition = Table(
    "chamber_composition",
    metadata,
    *_fact_columns(),
    Column("organization_id", BigInteger, ForeignKey("organization.id"), nullable=False),
    Column("total_seats", Integer),
    Column("elected_seats", Integer),
    Column("appointed_seats", Integer),
    Column("term_years", Integer),
    Column("election_method", Text),
    Column("party_list_seats", Integer),  # seats filled from party lists
    Column("single_member_seats", Integer),  # seats filled in single-member districts
    CheckConstraint(
        "num_nonnulls(total_seats, elected_seats, appointed_seats, term_years, election_method, party_list_seats,"
        " single_member_seats) > 0",
        name="says_something",
    ),
    CheckConstraint("total_seats >= 0 and elected_seats >= 0 and appointed_seats >= 0", name="seats_not_negative"),
    CheckConstraint("elected_seats <= total_seats and appointed_seats <= total_seats", name="parts_within_total"),
    CheckConstraint("term_years between 1 and 99", name="term_years_range"),
    CheckConstraint("party_list_seats >= 0 and single_member_seats >= 0", name="method_seats_not_negative"),
    CheckConstraint(
        "num_nonnulls(party_list_seats, single_member_seats) = 0"
        " or coalesce(party_list_seats, 0) + coalesce(single_member_seats, 0) <= total_seats",
        name="method_seats_within_total",
    ),
    *_fact_indexes("chamber_composition"),
    Index("ix_chamber_composition_organization_id_valid", "organization_id", "valid", postgresql_using="gist"),
)

party_seats = Table(
    "party_seats",
    metadata,
    *_fact_columns(),
    Column("party_id", BigInteger, ForeignKey("organization.id"), nullable=False),
    # NULL: the source does not say which chamber.
    Column("chamber_id", BigInteger, ForeignKey("organization.id")),
    Column("seats", Integer, nullable=False),
    CheckConstraint("seats >= 0", name="seats_not_negative"),
    *_fact_indexes("party_seats"),
)

ELECTION_KINDS: tuple[str, ...] = get_args(ElectionKind)

# The valid period of an election claim is the day (or month, or year) it was held on.
election = Table(
    "election",
    metadata,
    *_fact_columns(),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False, server_default=text("'held'")),
    Column("early", Boolean),
    Column("turnout_pct", Numeric),  # share of registered voters who voted, in percent
    CheckConstraint(_in("kind", ELECTION_KINDS), name="kind"),
    CheckConstraint(_in("status", get_args(ElectionStatus)), name="status"),
    CheckConstraint("not lower_inf(valid) and not upper_inf(valid)", name="held_on_known"),
    CheckConstraint("turnout_pct between 0 and 100", name="turnout_pct_percent"),
    *_fact_indexes("election"),
)

election_result = Table(
    "election_result",
    metadata,
    *_fact_columns(),
    Column("election_id", BigInteger, nullable=False),
    Column("person_id", BigInteger, ForeignKey("person.id")),
    Column("party_id", BigInteger, ForeignKey("organization.id")),
    Column("vote_share", Numeric(5, 2)),
    Column("seats", Integer),
    Column("outcome", Text),
    Column("votes", BigInteger),
    Column("list_seats", Integer),  # of seats, those won on the party list
    Column("district_seats", Integer),  # of seats, those won in single-member districts
    CheckConstraint("num_nonnulls(person_id, party_id) > 0", name="names_a_contender"),
    CheckConstraint("vote_share between 0 and 100", name="vote_share_percent"),
    CheckConstraint("seats >= 0", name="seats_not_negative"),
    CheckConstraint(_in("outcome", get_args(ResultOutcome)), name="outcome"),
    CheckConstraint("votes >= 0", name="votes_not_negative"),
    CheckConstraint("list_seats >= 0 and district_seats >= 0", name="method_seats_not_negative"),
    CheckConstraint(
        "num_nonnulls(list_seats, district_seats) = 0"
        " or coalesce(list_seats, 0) + coalesce(district_seats, 0) <= seats",
        name="method_seats_within_seats",
    ),
    # A result belongs to an election of its own jurisdiction (0009).
    ForeignKeyConstraint(["election_id", "jurisdiction_code"], ["election.id", "election.jurisdiction_code"]),
    *_fact_indexes("election_result"),
)

BODY_EVENTS: tuple[str, ...] = get_args(BodyEventKind)

body_event = Table(
    "body_event",
    metadata,
    *_fact_columns(),
    Column("organization_id", BigInteger, ForeignKey("organization.id"), nullable=False),
    Column("event", Text, nullable=False),
    Column("detail", Text),
    CheckConstraint(_in("event", BODY_EVENTS), name="event"),
    *_fact_indexes("body_event"),
)

indicator = Table(
    "indicator",
    metadata,
    *_fact_columns(),
    Column("subject", Text, nullable=False),
    Column("indicator", Text, nullable=False),
    Column("value", Numeric),
    Column("unit", Text),
    Column("rank", Integer),
    Column("out_of", Integer),
    CheckConstraint("num_nonnulls(value, rank) > 0", name="says_something"),
    # 'NaN' and 'Infinity' are no measurements: neither lies between these bounds (0007).
    CheckConstraint("value is null or value between -1e15 and 1e15", name="value_finite"),
    CheckConstraint("rank >= 1 and out_of >= 1 and rank <= out_of", name="rank_within"),
    *_fact_indexes("indicator"),
)

admin_division = Table(
    "admin_division",
    metadata,
    *_fact_columns(),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("center", Text),
    CheckConstraint(_in("kind", get_args(DivisionKind)), name="kind"),
    *_fact_indexes("admin_division"),
)

# An end of tenure inferred from a successor's start, naming both claims it came from. Its jurisdiction is the
# tenure's (both claims are of one office), filled by the trigger tenure_inference_jurisdiction when an insert
# leaves it out (0009), so that its keys carry jurisdiction_code like those of the tenures it links.
tenure_inference = Table(
    "tenure_inference",
    metadata,
    Column("id", BigInteger, Identity(always=True)),
    Column("tenure_id", BigInteger, nullable=False),
    Column("successor_id", BigInteger, nullable=False),
    Column("inferred_until", Date, nullable=False),
    Column("recorded", TSTZRANGE, nullable=False),
    Column("jurisdiction_code", Text, ForeignKey("jurisdiction.code"), nullable=False),
    # The segments of the two tenures, part of office_tenure's key (0012); filled by the same trigger.
    Column("tenure_segment", Integer, nullable=False),
    Column("successor_segment", Integer, nullable=False),
    PrimaryKeyConstraint("id", "jurisdiction_code"),
    ForeignKeyConstraint(
        ["tenure_id", "jurisdiction_code", "tenure_segment"],
        ["office_tenure.id", "office_tenure.jurisdiction_code", "office_tenure.segment"],
    ),
    ForeignKeyConstraint(
        ["successor_id", "jurisdiction_code", "successor_segment"],
        ["office_tenure.id", "office_tenure.jurisdiction_code", "office_tenure.segment"],
    ),
    CheckConstraint("tenure_id <> successor_id", name="not_self"),
    CheckConstraint("not isempty(recorded) and not lower_inf(recorded)", name="recorded_bounded"),
    ExcludeConstraint(
        ("tenure_id", "="),
        ("jurisdiction_code", "="),
        ("recorded", "&&"),
        name="ex_tenure_inference_one_at_a_time",
        using="gist",
    ),
    Index("ix_tenure_inference_successor_id", "successor_id"),
)

# Whether an office has one holder at a time, as changed after its creation (office.single_holder is the
# setting it was created with), with recorded time: the vocabulary's "holders" rows are the user's say.
office_holding = Table(
    "office_holding",
    metadata,
    _pk(),
    Column("office_id", BigInteger, ForeignKey("office.id"), nullable=False),
    Column("single_holder", Boolean, nullable=False),
    Column("recorded", TSTZRANGE, nullable=False),
    CheckConstraint("not isempty(recorded) and not lower_inf(recorded)", name="recorded_bounded"),
    ExcludeConstraint(("office_id", "="), ("recorded", "&&"), name="ex_office_holding_one_at_a_time", using="gist"),
    comment="Internal: changes to whether an office has one holder at a time, after the office was created with"
    " office.single_holder; each with its recorded period (closed, never erased, when the setting changes again).",
)

# Sentences that mention a date or a number but yielded no claim: the coverage list, per version.
uncovered_sentence = Table(
    "uncovered_sentence",
    metadata,
    _pk(),
    Column("source_version_id", BigInteger, ForeignKey("source_version.id"), nullable=False),
    Column("quote", Text, nullable=False),
    Column("quote_start", Integer, nullable=False),
    Column("quote_end", Integer, nullable=False),
    Column("quote_line", Integer),
    Column("reason", Text, nullable=False, server_default=text("''")),
    CheckConstraint("quote_start >= 0 and quote_end - quote_start = char_length(quote)", name="quote_span"),
    Index("ix_uncovered_sentence_source_version_id", "source_version_id"),
)
