"""Base schema: dimensions, sources, bitemporal fact tables and their integrity rules.

The DDL is frozen here as SQL text, so this revision means the same thing
whatever later happens to kzgov/schema.py.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from alembic import context, op
from sqlalchemy import text

from kzgov.db import DatabaseError

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

EXTENSIONS = """
-- Exclusion constraints and GiST indexes that mix scalar keys with ranges need btree_gist.
create extension if not exists btree_gist;
"""

FUNCTIONS = r"""
create function kzgov.set_recorded() returns trigger
language plpgsql as $$
begin
    -- Recorded time belongs to the database: whatever a caller sent is replaced.
    new.recorded := tstzrange(now(), null, '[)');
    return new;
end
$$;

create function kzgov.close_recorded_only() returns trigger
language plpgsql as $$
begin
    -- The one change allowed to a fact row: closing its open recorded period, at now().
    if upper_inf(old.recorded) and not upper_inf(new.recorded)
       and lower(new.recorded) = lower(old.recorded)
       and (to_jsonb(new) - 'recorded') = (to_jsonb(old) - 'recorded') then
        new.recorded := tstzrange(lower(old.recorded), now(), '[)');
        return new;
    end if;
    raise exception 'kzgov.%: rows are never changed; only an open recorded period may be closed', tg_table_name
        using errcode = 'restrict_violation';
end
$$;

create function kzgov.forbid_change() returns trigger
language plpgsql as $$
begin
    raise exception 'kzgov.%: rows are never % (history is closed, not erased)', tg_table_name,
        case tg_op when 'DELETE' then 'deleted' when 'TRUNCATE' then 'truncated' else 'updated' end
        using errcode = 'restrict_violation';
end
$$;
"""

TABLES = r"""
CREATE TABLE kzgov.jurisdiction (
    code TEXT NOT NULL, 
    name TEXT NOT NULL, 
    CONSTRAINT pk_jurisdiction PRIMARY KEY (code), 
    CONSTRAINT ck_jurisdiction_iso_code CHECK (code ~ '^[A-Z]{2}$')
);


CREATE TABLE kzgov.person (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    name TEXT NOT NULL, 
    CONSTRAINT pk_person PRIMARY KEY (id), 
    CONSTRAINT ck_person_name_not_blank CHECK (btrim(name) <> '')
);


CREATE TABLE kzgov.organization (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    jurisdiction_code TEXT NOT NULL, 
    kind TEXT NOT NULL, 
    name TEXT NOT NULL, 
    CONSTRAINT pk_organization PRIMARY KEY (id), 
    CONSTRAINT ck_organization_kind CHECK (kind in ('parliament', 'chamber', 'court', 'council', 'government', 'party', 'agency', 'other')), 
    CONSTRAINT ck_organization_name_not_blank CHECK (btrim(name) <> ''), 
    CONSTRAINT fk_organization_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code)
);


CREATE TABLE kzgov.person_name (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    person_id BIGINT NOT NULL, 
    name TEXT NOT NULL, 
    normalized TEXT NOT NULL, 
    CONSTRAINT pk_person_name PRIMARY KEY (id), 
    CONSTRAINT ck_person_name_normalized_not_blank CHECK (normalized <> ''), 
    CONSTRAINT fk_person_name_person_id FOREIGN KEY(person_id) REFERENCES kzgov.person (id), 
    CONSTRAINT uq_person_name_normalized UNIQUE (normalized)
);


CREATE TABLE kzgov.source (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    key TEXT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    CONSTRAINT pk_source PRIMARY KEY (id), 
    CONSTRAINT ck_source_key_chars CHECK (key ~ '^[A-Za-z0-9_.-]+$'), 
    CONSTRAINT uq_source_key UNIQUE (key), 
    CONSTRAINT fk_source_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code)
);


CREATE TABLE kzgov.office (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    jurisdiction_code TEXT NOT NULL, 
    name TEXT NOT NULL, 
    organization_id BIGINT, 
    single_holder BOOLEAN DEFAULT true NOT NULL, 
    CONSTRAINT pk_office PRIMARY KEY (id), 
    CONSTRAINT uq_office_jurisdiction_code_name_organization_id UNIQUE NULLS NOT DISTINCT (jurisdiction_code, name, organization_id), 
    CONSTRAINT ck_office_name_not_blank CHECK (btrim(name) <> ''), 
    CONSTRAINT fk_office_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code), 
    CONSTRAINT fk_office_organization_id FOREIGN KEY(organization_id) REFERENCES kzgov.organization (id)
);


CREATE TABLE kzgov.organization_name (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    organization_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    name TEXT NOT NULL, 
    normalized TEXT NOT NULL, 
    valid DATERANGE, 
    CONSTRAINT pk_organization_name PRIMARY KEY (id), 
    CONSTRAINT uq_organization_name_jurisdiction_code_normalized UNIQUE (jurisdiction_code, normalized), 
    CONSTRAINT ck_organization_name_normalized_not_blank CHECK (normalized <> ''), 
    CONSTRAINT ck_organization_name_valid_not_empty CHECK (valid is null or not isempty(valid)), 
    CONSTRAINT fk_organization_name_organization_id FOREIGN KEY(organization_id) REFERENCES kzgov.organization (id), 
    CONSTRAINT fk_organization_name_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code)
);


CREATE TABLE kzgov.source_version (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    version INTEGER NOT NULL, 
    sha256 TEXT NOT NULL, 
    content TEXT NOT NULL, 
    format TEXT NOT NULL, 
    title TEXT, 
    kind TEXT, 
    publisher TEXT, 
    url TEXT, 
    published_on DATE, 
    retrieved_on DATE, 
    latest_date_mentioned DATE, 
    file_name TEXT NOT NULL, 
    loaded_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    CONSTRAINT pk_source_version PRIMARY KEY (id), 
    CONSTRAINT uq_source_version_source_id_version UNIQUE (source_id, version), 
    CONSTRAINT ck_source_version_version_positive CHECK (version >= 1), 
    CONSTRAINT ck_source_version_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'), 
    CONSTRAINT ck_source_version_format CHECK (format in ('frontmatter', 'encyclopedia', 'webpage', 'csv')), 
    CONSTRAINT ck_source_version_kind CHECK (kind is null or kind in ('reference_page', 'encyclopedia_article', 'official_government_page', 'structured_data', 'other')), 
    CONSTRAINT fk_source_version_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id)
);


CREATE TABLE kzgov.admin_division (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    name TEXT NOT NULL, 
    kind TEXT NOT NULL, 
    center TEXT, 
    CONSTRAINT pk_admin_division PRIMARY KEY (id), 
    CONSTRAINT ck_admin_division_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_admin_division_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_admin_division_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_admin_division_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_admin_division_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_admin_division_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_admin_division_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ck_admin_division_kind CHECK (kind in ('region', 'city')), 
    CONSTRAINT ex_admin_division_same_claim EXCLUDE USING gist (source_id WITH =, name WITH =, kind WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_admin_division_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_admin_division_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_admin_division_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code)
);

CREATE INDEX ix_admin_division_recorded ON kzgov.admin_division USING gist (recorded);
CREATE INDEX ix_admin_division_source_version_id ON kzgov.admin_division (source_version_id);
CREATE INDEX ix_admin_division_valid ON kzgov.admin_division USING gist (valid);
CREATE UNIQUE INDEX uq_admin_division_current_claim ON kzgov.admin_division (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.body_event (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    organization_id BIGINT NOT NULL, 
    event TEXT NOT NULL, 
    detail TEXT, 
    CONSTRAINT pk_body_event PRIMARY KEY (id), 
    CONSTRAINT ck_body_event_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_body_event_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_body_event_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_body_event_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_body_event_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_body_event_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_body_event_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ck_body_event_event CHECK (event in ('established', 'abolished', 'renamed', 'replaced', 'moved')), 
    CONSTRAINT ex_body_event_same_claim EXCLUDE USING gist (source_id WITH =, organization_id WITH =, event WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_body_event_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_body_event_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_body_event_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code), 
    CONSTRAINT fk_body_event_organization_id FOREIGN KEY(organization_id) REFERENCES kzgov.organization (id)
);

CREATE INDEX ix_body_event_recorded ON kzgov.body_event USING gist (recorded);
CREATE INDEX ix_body_event_source_version_id ON kzgov.body_event (source_version_id);
CREATE INDEX ix_body_event_valid ON kzgov.body_event USING gist (valid);
CREATE UNIQUE INDEX uq_body_event_current_claim ON kzgov.body_event (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.chamber_composition (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    organization_id BIGINT NOT NULL, 
    total_seats INTEGER, 
    elected_seats INTEGER, 
    appointed_seats INTEGER, 
    term_years INTEGER, 
    election_method TEXT, 
    CONSTRAINT pk_chamber_composition PRIMARY KEY (id), 
    CONSTRAINT ck_chamber_composition_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_chamber_composition_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_chamber_composition_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_chamber_composition_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_chamber_composition_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_chamber_composition_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_chamber_composition_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ck_chamber_composition_says_something CHECK (num_nonnulls(total_seats, elected_seats, appointed_seats, term_years, election_method) > 0), 
    CONSTRAINT ck_chamber_composition_seats_not_negative CHECK (total_seats >= 0 and elected_seats >= 0 and appointed_seats >= 0), 
    CONSTRAINT ck_chamber_composition_parts_within_total CHECK (elected_seats <= total_seats and appointed_seats <= total_seats), 
    CONSTRAINT ck_chamber_composition_term_years_range CHECK (term_years between 1 and 99), 
    CONSTRAINT ex_chamber_composition_same_claim EXCLUDE USING gist (source_id WITH =, organization_id WITH =, coalesce(total_seats, -1) WITH =, coalesce(elected_seats, -1) WITH =, coalesce(appointed_seats, -1) WITH =, coalesce(term_years, -1) WITH =, coalesce(election_method, '') WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_chamber_composition_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_chamber_composition_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_chamber_composition_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code), 
    CONSTRAINT fk_chamber_composition_organization_id FOREIGN KEY(organization_id) REFERENCES kzgov.organization (id)
);

CREATE INDEX ix_chamber_composition_organization_id_valid ON kzgov.chamber_composition USING gist (organization_id, valid);
CREATE INDEX ix_chamber_composition_recorded ON kzgov.chamber_composition USING gist (recorded);
CREATE INDEX ix_chamber_composition_source_version_id ON kzgov.chamber_composition (source_version_id);
CREATE INDEX ix_chamber_composition_valid ON kzgov.chamber_composition USING gist (valid);
CREATE UNIQUE INDEX uq_chamber_composition_current_claim ON kzgov.chamber_composition (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.election (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    kind TEXT NOT NULL, 
    status TEXT DEFAULT 'held' NOT NULL, 
    early BOOLEAN, 
    CONSTRAINT pk_election PRIMARY KEY (id), 
    CONSTRAINT ck_election_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_election_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_election_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_election_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_election_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_election_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_election_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ck_election_kind CHECK (kind in ('presidential', 'parliamentary', 'mazhilis', 'senate', 'referendum', 'local')), 
    CONSTRAINT ck_election_status CHECK (status in ('held', 'scheduled')), 
    CONSTRAINT ck_election_held_on_known CHECK (not lower_inf(valid) and not upper_inf(valid)), 
    CONSTRAINT ex_election_same_claim EXCLUDE USING gist (source_id WITH =, kind WITH =, status WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_election_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_election_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_election_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code)
);

CREATE INDEX ix_election_recorded ON kzgov.election USING gist (recorded);
CREATE INDEX ix_election_source_version_id ON kzgov.election (source_version_id);
CREATE INDEX ix_election_valid ON kzgov.election USING gist (valid);
CREATE UNIQUE INDEX uq_election_current_claim ON kzgov.election (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.indicator (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    subject TEXT NOT NULL, 
    indicator TEXT NOT NULL, 
    value NUMERIC, 
    unit TEXT, 
    rank INTEGER, 
    out_of INTEGER, 
    CONSTRAINT pk_indicator PRIMARY KEY (id), 
    CONSTRAINT ck_indicator_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_indicator_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_indicator_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_indicator_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_indicator_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_indicator_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_indicator_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ck_indicator_says_something CHECK (num_nonnulls(value, rank) > 0), 
    CONSTRAINT ck_indicator_rank_within CHECK (rank >= 1 and out_of >= 1 and rank <= out_of), 
    CONSTRAINT ex_indicator_same_claim EXCLUDE USING gist (source_id WITH =, subject WITH =, indicator WITH =, coalesce(value, -1) WITH =, coalesce(rank, -1) WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_indicator_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_indicator_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_indicator_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code)
);

CREATE INDEX ix_indicator_recorded ON kzgov.indicator USING gist (recorded);
CREATE INDEX ix_indicator_source_version_id ON kzgov.indicator (source_version_id);
CREATE INDEX ix_indicator_valid ON kzgov.indicator USING gist (valid);
CREATE UNIQUE INDEX uq_indicator_current_claim ON kzgov.indicator (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.office_name (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    office_id BIGINT NOT NULL, 
    name TEXT NOT NULL, 
    normalized TEXT NOT NULL, 
    CONSTRAINT pk_office_name PRIMARY KEY (id), 
    CONSTRAINT uq_office_name_office_id_normalized UNIQUE (office_id, normalized), 
    CONSTRAINT fk_office_name_office_id FOREIGN KEY(office_id) REFERENCES kzgov.office (id)
);


CREATE TABLE kzgov.office_tenure (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    office_id BIGINT NOT NULL, 
    person_id BIGINT NOT NULL, 
    party_id BIGINT, 
    CONSTRAINT pk_office_tenure PRIMARY KEY (id), 
    CONSTRAINT ck_office_tenure_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_office_tenure_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_office_tenure_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_office_tenure_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_office_tenure_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_office_tenure_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_office_tenure_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ex_office_tenure_same_claim EXCLUDE USING gist (source_id WITH =, office_id WITH =, person_id WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_office_tenure_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_office_tenure_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_office_tenure_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code), 
    CONSTRAINT fk_office_tenure_office_id FOREIGN KEY(office_id) REFERENCES kzgov.office (id), 
    CONSTRAINT fk_office_tenure_person_id FOREIGN KEY(person_id) REFERENCES kzgov.person (id), 
    CONSTRAINT fk_office_tenure_party_id FOREIGN KEY(party_id) REFERENCES kzgov.organization (id)
);

CREATE INDEX ix_office_tenure_office_id_valid ON kzgov.office_tenure USING gist (office_id, valid);
CREATE INDEX ix_office_tenure_recorded ON kzgov.office_tenure USING gist (recorded);
CREATE INDEX ix_office_tenure_source_version_id ON kzgov.office_tenure (source_version_id);
CREATE INDEX ix_office_tenure_valid ON kzgov.office_tenure USING gist (valid);
CREATE UNIQUE INDEX uq_office_tenure_current_claim ON kzgov.office_tenure (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.party_seats (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    party_id BIGINT NOT NULL, 
    chamber_id BIGINT, 
    seats INTEGER NOT NULL, 
    CONSTRAINT pk_party_seats PRIMARY KEY (id), 
    CONSTRAINT ck_party_seats_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_party_seats_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_party_seats_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_party_seats_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_party_seats_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_party_seats_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_party_seats_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ck_party_seats_seats_not_negative CHECK (seats >= 0), 
    CONSTRAINT ex_party_seats_same_claim EXCLUDE USING gist (source_id WITH =, party_id WITH =, coalesce(chamber_id, 0) WITH =, seats WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_party_seats_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_party_seats_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_party_seats_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code), 
    CONSTRAINT fk_party_seats_party_id FOREIGN KEY(party_id) REFERENCES kzgov.organization (id), 
    CONSTRAINT fk_party_seats_chamber_id FOREIGN KEY(chamber_id) REFERENCES kzgov.organization (id)
);

CREATE INDEX ix_party_seats_recorded ON kzgov.party_seats USING gist (recorded);
CREATE INDEX ix_party_seats_source_version_id ON kzgov.party_seats (source_version_id);
CREATE INDEX ix_party_seats_valid ON kzgov.party_seats USING gist (valid);
CREATE UNIQUE INDEX uq_party_seats_current_claim ON kzgov.party_seats (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.uncovered_sentence (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_version_id BIGINT NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    reason TEXT DEFAULT '' NOT NULL, 
    CONSTRAINT pk_uncovered_sentence PRIMARY KEY (id), 
    CONSTRAINT ck_uncovered_sentence_quote_span CHECK (quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT fk_uncovered_sentence_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id)
);

CREATE INDEX ix_uncovered_sentence_source_version_id ON kzgov.uncovered_sentence (source_version_id);

CREATE TABLE kzgov.election_result (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    source_id BIGINT NOT NULL, 
    source_version_id BIGINT NOT NULL, 
    jurisdiction_code TEXT NOT NULL, 
    claim_key TEXT NOT NULL, 
    valid DATERANGE NOT NULL, 
    valid_from_precision TEXT, 
    valid_until_precision TEXT, 
    basis TEXT NOT NULL, 
    valid_window BOOLEAN DEFAULT false NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    quote TEXT NOT NULL, 
    quote_start INTEGER NOT NULL, 
    quote_end INTEGER NOT NULL, 
    quote_line INTEGER, 
    election_id BIGINT NOT NULL, 
    person_id BIGINT, 
    party_id BIGINT, 
    vote_share NUMERIC(5, 2), 
    seats INTEGER, 
    outcome TEXT, 
    CONSTRAINT pk_election_result PRIMARY KEY (id), 
    CONSTRAINT ck_election_result_valid_not_empty CHECK (not isempty(valid)), 
    CONSTRAINT ck_election_result_precision_iff_bound CHECK ((valid_from_precision is null) = lower_inf(valid) and (valid_until_precision is null) = upper_inf(valid)), 
    CONSTRAINT ck_election_result_precision_values CHECK ((valid_from_precision is null or valid_from_precision in ('day', 'month', 'year')) and (valid_until_precision is null or valid_until_precision in ('day', 'month', 'year'))), 
    CONSTRAINT ck_election_result_basis CHECK (basis in ('explicit', 'as_of_publication', 'inferred')), 
    CONSTRAINT ck_election_result_window_bounded CHECK (not valid_window or not upper_inf(valid)), 
    CONSTRAINT ck_election_result_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ck_election_result_quote_span CHECK (quote <> '' and quote_start >= 0 and quote_end - quote_start = char_length(quote)), 
    CONSTRAINT ck_election_result_names_a_contender CHECK (num_nonnulls(person_id, party_id) > 0), 
    CONSTRAINT ck_election_result_vote_share_percent CHECK (vote_share between 0 and 100), 
    CONSTRAINT ck_election_result_seats_not_negative CHECK (seats >= 0), 
    CONSTRAINT ck_election_result_outcome CHECK (outcome in ('won', 'lost', 'majority')), 
    CONSTRAINT ex_election_result_same_claim EXCLUDE USING gist (source_id WITH =, election_id WITH =, coalesce(person_id, 0) WITH =, coalesce(party_id, 0) WITH =, basis WITH =, valid WITH &&, recorded WITH &&), 
    CONSTRAINT fk_election_result_source_id FOREIGN KEY(source_id) REFERENCES kzgov.source (id), 
    CONSTRAINT fk_election_result_source_version_id FOREIGN KEY(source_version_id) REFERENCES kzgov.source_version (id), 
    CONSTRAINT fk_election_result_jurisdiction_code FOREIGN KEY(jurisdiction_code) REFERENCES kzgov.jurisdiction (code), 
    CONSTRAINT fk_election_result_election_id FOREIGN KEY(election_id) REFERENCES kzgov.election (id), 
    CONSTRAINT fk_election_result_person_id FOREIGN KEY(person_id) REFERENCES kzgov.person (id), 
    CONSTRAINT fk_election_result_party_id FOREIGN KEY(party_id) REFERENCES kzgov.organization (id)
);

CREATE INDEX ix_election_result_recorded ON kzgov.election_result USING gist (recorded);
CREATE INDEX ix_election_result_source_version_id ON kzgov.election_result (source_version_id);
CREATE INDEX ix_election_result_valid ON kzgov.election_result USING gist (valid);
CREATE UNIQUE INDEX uq_election_result_current_claim ON kzgov.election_result (source_id, claim_key) WHERE upper_inf(recorded);

CREATE TABLE kzgov.tenure_inference (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    tenure_id BIGINT NOT NULL, 
    successor_id BIGINT NOT NULL, 
    inferred_until DATE NOT NULL, 
    recorded TSTZRANGE NOT NULL, 
    CONSTRAINT pk_tenure_inference PRIMARY KEY (id), 
    CONSTRAINT ck_tenure_inference_not_self CHECK (tenure_id <> successor_id), 
    CONSTRAINT ck_tenure_inference_recorded_bounded CHECK (not isempty(recorded) and not lower_inf(recorded)), 
    CONSTRAINT ex_tenure_inference_one_at_a_time EXCLUDE USING gist (tenure_id WITH =, recorded WITH &&), 
    CONSTRAINT fk_tenure_inference_tenure_id FOREIGN KEY(tenure_id) REFERENCES kzgov.office_tenure (id), 
    CONSTRAINT fk_tenure_inference_successor_id FOREIGN KEY(successor_id) REFERENCES kzgov.office_tenure (id)
);

CREATE INDEX ix_tenure_inference_successor_id ON kzgov.tenure_inference (successor_id);
"""

TRIGGERS = """
create trigger office_tenure_set_recorded before insert on kzgov.office_tenure for each row execute function kzgov.set_recorded();
create trigger office_tenure_close_only before update on kzgov.office_tenure for each row execute function kzgov.close_recorded_only();
create trigger office_tenure_no_delete before delete on kzgov.office_tenure for each row execute function kzgov.forbid_change();
create trigger office_tenure_no_truncate before truncate on kzgov.office_tenure for each statement execute function kzgov.forbid_change();
create trigger chamber_composition_set_recorded before insert on kzgov.chamber_composition for each row execute function kzgov.set_recorded();
create trigger chamber_composition_close_only before update on kzgov.chamber_composition for each row execute function kzgov.close_recorded_only();
create trigger chamber_composition_no_delete before delete on kzgov.chamber_composition for each row execute function kzgov.forbid_change();
create trigger chamber_composition_no_truncate before truncate on kzgov.chamber_composition for each statement execute function kzgov.forbid_change();
create trigger party_seats_set_recorded before insert on kzgov.party_seats for each row execute function kzgov.set_recorded();
create trigger party_seats_close_only before update on kzgov.party_seats for each row execute function kzgov.close_recorded_only();
create trigger party_seats_no_delete before delete on kzgov.party_seats for each row execute function kzgov.forbid_change();
create trigger party_seats_no_truncate before truncate on kzgov.party_seats for each statement execute function kzgov.forbid_change();
create trigger election_set_recorded before insert on kzgov.election for each row execute function kzgov.set_recorded();
create trigger election_close_only before update on kzgov.election for each row execute function kzgov.close_recorded_only();
create trigger election_no_delete before delete on kzgov.election for each row execute function kzgov.forbid_change();
create trigger election_no_truncate before truncate on kzgov.election for each statement execute function kzgov.forbid_change();
create trigger election_result_set_recorded before insert on kzgov.election_result for each row execute function kzgov.set_recorded();
create trigger election_result_close_only before update on kzgov.election_result for each row execute function kzgov.close_recorded_only();
create trigger election_result_no_delete before delete on kzgov.election_result for each row execute function kzgov.forbid_change();
create trigger election_result_no_truncate before truncate on kzgov.election_result for each statement execute function kzgov.forbid_change();
create trigger body_event_set_recorded before insert on kzgov.body_event for each row execute function kzgov.set_recorded();
create trigger body_event_close_only before update on kzgov.body_event for each row execute function kzgov.close_recorded_only();
create trigger body_event_no_delete before delete on kzgov.body_event for each row execute function kzgov.forbid_change();
create trigger body_event_no_truncate before truncate on kzgov.body_event for each statement execute function kzgov.forbid_change();
create trigger indicator_set_recorded before insert on kzgov.indicator for each row execute function kzgov.set_recorded();
create trigger indicator_close_only before update on kzgov.indicator for each row execute function kzgov.close_recorded_only();
create trigger indicator_no_delete before delete on kzgov.indicator for each row execute function kzgov.forbid_change();
create trigger indicator_no_truncate before truncate on kzgov.indicator for each statement execute function kzgov.forbid_change();
create trigger admin_division_set_recorded before insert on kzgov.admin_division for each row execute function kzgov.set_recorded();
create trigger admin_division_close_only before update on kzgov.admin_division for each row execute function kzgov.close_recorded_only();
create trigger admin_division_no_delete before delete on kzgov.admin_division for each row execute function kzgov.forbid_change();
create trigger admin_division_no_truncate before truncate on kzgov.admin_division for each statement execute function kzgov.forbid_change();
create trigger tenure_inference_set_recorded before insert on kzgov.tenure_inference for each row execute function kzgov.set_recorded();
create trigger tenure_inference_close_only before update on kzgov.tenure_inference for each row execute function kzgov.close_recorded_only();
create trigger tenure_inference_no_delete before delete on kzgov.tenure_inference for each row execute function kzgov.forbid_change();
create trigger tenure_inference_no_truncate before truncate on kzgov.tenure_inference for each statement execute function kzgov.forbid_change();
create trigger jurisdiction_no_change before update or delete on kzgov.jurisdiction for each row execute function kzgov.forbid_change();
create trigger jurisdiction_no_truncate before truncate on kzgov.jurisdiction for each statement execute function kzgov.forbid_change();
create trigger source_no_change before update or delete on kzgov.source for each row execute function kzgov.forbid_change();
create trigger source_no_truncate before truncate on kzgov.source for each statement execute function kzgov.forbid_change();
create trigger source_version_no_change before update or delete on kzgov.source_version for each row execute function kzgov.forbid_change();
create trigger source_version_no_truncate before truncate on kzgov.source_version for each statement execute function kzgov.forbid_change();
create trigger person_no_change before update or delete on kzgov.person for each row execute function kzgov.forbid_change();
create trigger person_no_truncate before truncate on kzgov.person for each statement execute function kzgov.forbid_change();
create trigger person_name_no_change before update or delete on kzgov.person_name for each row execute function kzgov.forbid_change();
create trigger person_name_no_truncate before truncate on kzgov.person_name for each statement execute function kzgov.forbid_change();
create trigger organization_no_change before update or delete on kzgov.organization for each row execute function kzgov.forbid_change();
create trigger organization_no_truncate before truncate on kzgov.organization for each statement execute function kzgov.forbid_change();
create trigger organization_name_no_change before update or delete on kzgov.organization_name for each row execute function kzgov.forbid_change();
create trigger organization_name_no_truncate before truncate on kzgov.organization_name for each statement execute function kzgov.forbid_change();
create trigger office_no_change before update or delete on kzgov.office for each row execute function kzgov.forbid_change();
create trigger office_no_truncate before truncate on kzgov.office for each statement execute function kzgov.forbid_change();
create trigger office_name_no_change before update or delete on kzgov.office_name for each row execute function kzgov.forbid_change();
create trigger office_name_no_truncate before truncate on kzgov.office_name for each statement execute function kzgov.forbid_change();
create trigger uncovered_sentence_no_change before update or delete on kzgov.uncovered_sentence for each row execute function kzgov.forbid_change();
create trigger uncovered_sentence_no_truncate before truncate on kzgov.uncovered_sentence for each statement execute function kzgov.forbid_change();
"""

SEED_ROWS = """
insert into kzgov.jurisdiction (code, name) values ('KZ', 'Kazakhstan');
"""

DROP = """
drop table if exists kzgov.uncovered_sentence, kzgov.tenure_inference, kzgov.admin_division, kzgov.indicator, kzgov.body_event, kzgov.election_result, kzgov.election, kzgov.party_seats, kzgov.chamber_composition, kzgov.office_tenure, kzgov.office_name, kzgov.office, kzgov.organization_name, kzgov.organization, kzgov.person_name, kzgov.person, kzgov.source_version, kzgov.source, kzgov.jurisdiction;
drop function if exists kzgov.set_recorded(), kzgov.close_recorded_only(), kzgov.forbid_change();
"""


def upgrade() -> None:
    op.execute(EXTENSIONS)
    op.execute(FUNCTIONS)
    op.execute(TABLES)
    op.execute(TRIGGERS)
    op.execute(SEED_ROWS)


def downgrade() -> None:
    # Dropping the tables would erase every source and claim: refuse unless the caller insists.
    versions = op.get_bind().execute(text("select count(*) from kzgov.source_version")).scalar()
    if versions and not context.config.attributes.get("force"):
        raise DatabaseError(
            f"downgrading below revision 0001 would delete {versions} loaded source version(s) and all their "
            "claims; pass --force to do it anyway"
        )
    op.execute(DROP)
