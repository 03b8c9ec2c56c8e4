"""The loader: exactly the parsed claims, evidence that matches the text, bitemporal re-loads, bad input refused."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import psycopg
import pytest
from sql_fixtures import table_rows

from kzgov.loading import Context, LoadError, check, files, iter_claims, load_paths, load_source, read_source, stage_row
from kzgov.registry import registry_for
from kzgov.tables import FACT_TABLES

DOCS = Path(__file__).parent / "parsing" / "docs"


def expected_claim_keys(path: Path) -> dict[str, set[str]]:
    """Claim keys per table that a source file's parse yields (the loader must store exactly these)."""
    source = read_source(path)
    document, stream = iter_claims(source)
    info = registry_for(path)
    published = (info.published_on if info else None) or document.published
    retrieved = (info.retrieved_on if info else None) or dt.date.today()
    ctx = Context(published, retrieved, document.latest_date_mentioned)
    keys: dict[str, set[str]] = {t: set() for t in FACT_TABLES}
    for claim in stream:
        table, row = stage_row(claim, ctx)
        keys[table].add(row["claim_key"])
    return keys


def stored_claim_keys(conn: psycopg.Connection, key: str) -> dict[str, set[str]]:
    return {
        table: {
            r[0]
            for r in conn.execute(
                f"select t.claim_key from kzgov_internal.{table} t join kzgov_internal.source s on s.id = t.source_id"
                " where s.key = %s and upper_inf(t.recorded)",
                (key,),
            )
        }
        for table in FACT_TABLES
    }


def test_load_seeds_stores_exactly_the_parsed_claims(database_url: str, seeds_dir: Path) -> None:
    summaries = load_paths(database_url, [seeds_dir])
    assert [s.status for s in summaries] == ["new"] * 4
    with psycopg.connect(database_url) as conn:
        for path in sorted(seeds_dir.glob("*.txt")):
            assert stored_claim_keys(conn, path.stem) == expected_claim_keys(path), path.name


def test_every_stored_quote_is_the_source_text_at_its_span(database_url: str, seeds_dir: Path) -> None:
    load_paths(database_url, [seeds_dir, *sorted(DOCS.iterdir())])
    with psycopg.connect(database_url) as conn:
        checked = 0
        for table in (*FACT_TABLES, "uncovered_sentence"):
            version = "t.source_version_id"
            mismatches = conn.execute(
                f"select t.id, t.quote from kzgov_internal.{table} t join"
                f" kzgov_internal.source_version v on v.id = {version}"
                " where substr(v.content, t.quote_start + 1, t.quote_end - t.quote_start) <> t.quote"
            ).fetchall()
            assert mismatches == [], table
            checked += conn.execute(f"select count(*) from kzgov_internal.{table}").fetchone()[0]
        assert checked > 100


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Hand-checked against the seeds: each source's own number for the same body.
        (
            "select s.key, c.total_seats from kzgov_internal.chamber_composition c join kzgov_internal.organization o"
            " on o.id = c.organization_id join kzgov_internal.source s on s.id = c.source_id"
            " where o.name = 'Supreme Court' order by 1",
            [("001_2c6f85f279bc03f9", 65), ("002_990544a2b7207c7a", 44)],
        ),
        (
            "select distinct s.key, c.total_seats from kzgov_internal.chamber_composition c join"
            " kzgov_internal.organization o"
            " on o.id = c.organization_id join kzgov_internal.source s on s.id = c.source_id"
            " where o.name = 'Mazhilis' and c.total_seats is not null order by 1",
            [
                ("000_612d0cc27c4ad863", 107),
                ("001_2c6f85f279bc03f9", 98),
                ("002_990544a2b7207c7a", 107),
                ("003_e0c5cb5264b09767", 107),
            ],
        ),
        # One document contradicting itself: both term lengths kept.
        (
            "select c.term_years from kzgov_internal.chamber_composition c join"
            " kzgov_internal.source s on s.id = c.source_id"
            " join kzgov_internal.organization o on o.id = c.organization_id"
            " where s.key = '002_990544a2b7207c7a' and o.name = 'Mazhilis' and c.term_years is not null order by 1",
            [(4,), (5,)],
        ),
        # Smaiylov and Älihan Smaiylov are one person; the successor ends his tenure by inference.
        (
            "select p.name, i.inferred_until, sp.name from kzgov_internal.tenure_inference i"
            " join kzgov_internal.office_tenure t on t.id = i.tenure_id join kzgov_internal.person p"
            " on p.id = t.person_id"
            " join kzgov_internal.office_tenure s on s.id = i.successor_id join"
            " kzgov_internal.person sp on sp.id = s.person_id",
            [("Älihan Smaiylov", dt.date(2024, 2, 6), "Oljas Bektenov")],
        ),
        # Nur Otan (000) and Amanat are one party under two names.
        (
            "select count(distinct o.id) from kzgov_internal.organization_name n join kzgov_internal.organization o"
            " on o.id = n.organization_id where n.name in ('Nur Otan', 'Amanat')",
            [(1,)],
        ),
    ],
)
def test_seed_facts_as_checked_by_hand(database_url: str, seeds_dir: Path, query: str, expected: list) -> None:
    load_paths(database_url, [seeds_dir])
    with psycopg.connect(database_url) as conn:
        assert conn.execute(query).fetchall() == expected


def test_loading_same_content_again_changes_nothing(database_url: str, seeds_dir: Path) -> None:
    load_paths(database_url, [seeds_dir])
    before = table_rows(database_url)
    summaries = load_paths(database_url, [seeds_dir])
    assert {s.status for s in summaries} == {"unchanged"}
    assert all(s.totals.added == 0 and s.totals.retired == 0 for s in summaries)
    assert table_rows(database_url) == before


def test_new_version_retires_dropped_claims_and_keeps_known_at_history(
    database_url: str, seeds_dir: Path, tmp_path: Path
) -> None:
    original = seeds_dir / "001_2c6f85f279bc03f9.txt"
    load_paths(database_url, [original])
    with psycopg.connect(database_url) as conn:
        between = conn.execute("select clock_timestamp()").fetchone()[0]
    changed = tmp_path / original.name
    # The same registry entry (retrieved on the same day): only the edited sentence differs, on any day the test runs.
    shutil.copy(seeds_dir / "registry.csv", tmp_path / "registry.csv")
    text = original.read_text(encoding="utf-8")
    assert "has 98 seats" in text
    changed.write_text(text.replace("has 98 seats", "has 99 seats"), encoding="utf-8")
    (summary,) = load_paths(database_url, [changed])
    assert summary.status == "changed" and summary.version == 2
    assert summary.counts["chamber_composition"].retired == 1 and summary.counts["chamber_composition"].added == 1
    assert summary.counts["office_tenure"].retired == 0 and summary.counts["office_tenure"].added == 0

    query = (
        "select c.total_seats from kzgov_internal.chamber_composition c join"
        " kzgov_internal.organization o on o.id = c.organization_id"
        " where o.name = 'Mazhilis' and c.recorded @> %s::timestamptz"
    )
    with psycopg.connect(database_url) as conn:
        assert conn.execute(query, (between,)).fetchall() == [(98,)]
        assert conn.execute(query, (dt.datetime.now(dt.UTC),)).fetchall() == [(99,)]
        # The retired claim is closed, not erased; unchanged claims still point at version 1.
        assert (
            conn.execute(
                "select count(*) from kzgov_internal.chamber_composition where not upper_inf(recorded)"
            ).fetchone()[0]
            == 1
        )
        versions = conn.execute(
            "select distinct v.version from kzgov_internal.office_tenure t join kzgov_internal.source_version v"
            " on v.id = t.source_version_id"
        ).fetchall()
        assert versions == [(1,)]


@pytest.mark.parametrize(
    ("document", "query", "expected"),
    [
        (
            "valdoria_frontmatter.txt",
            "select p.name from kzgov_internal.office_tenure t join kzgov_internal.person p on p.id = t.person_id"
            " join kzgov_internal.office o on o.id = t.office_id where o.name = 'Prime Minister'",
            "Mirela Tanskaya",
        ),
        (
            "valdoria_encyclopedia.txt",
            "select count(*)::text from kzgov_internal.office_tenure",
            None,
        ),
        (
            "valdoria_webpage.txt",
            "select count(*)::text from kzgov_internal.chamber_composition",
            None,
        ),
    ],
)
def test_document_written_for_the_test_yields_facts(
    database_url: str, document: str, query: str, expected: str | None
) -> None:
    (summary,) = load_paths(database_url, [DOCS / document])
    assert summary.totals.added > 0
    with psycopg.connect(database_url) as conn:
        values = [r[0] for r in conn.execute(query)]
    if expected is None:
        assert int(values[0]) > 0
    else:
        assert expected in values


TENURE_HEADER = "office,person,valid_from,valid_until,quote\n"
BAD_INPUTS = {
    "empty.txt": (b"", r"empty\.txt: empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", r"binary\.txt:3: binary data"),
    "latin1.txt": ("Präsident\n".encode("latin-1"), r"latin1\.txt:1: not UTF-8"),
    "bad_date.csv": (
        (TENURE_HEADER + 'President,Ann Vel,2023-02-30,,"Ann Vel took office"\n').encode(),
        r"bad_date\.csv:2: .*valid_from",
    ),
    "end_before_start.csv": (
        (TENURE_HEADER + 'President,Ann Vel,2023-05-01,2023-01-01,"Ann Vel"\n').encode(),
        r"end_before_start\.csv:2: ",
    ),
    "negative_seats.csv": (
        b"party,chamber,seats,valid_from,valid_until,quote\nBlue,Lower House,-4,2020-01-01,,Blue -4\n",
        r"negative_seats\.csv:2: .*seats",
    ),
    "share_130.csv": (
        b"election_kind,held_on,candidate,party,vote_share,seats,quote\npresidential,2019-06-09,Ann Vel,,130,,x\n",
        r"share_130\.csv:2: .*vote_share",
    ),
    "missing_column.csv": (
        b"office,person,valid_from,quote\nPresident,Ann Vel,2020-01-01,x\n",
        r"missing_column\.csv:1: .*valid_until",
    ),
    "duplicate_column.csv": (
        b"office,person,person,valid_from,valid_until,quote\n",
        r"duplicate_column\.csv:1: .*person",
    ),
}


def test_a_document_without_facts_is_kept_as_a_version_with_no_claims(
    database_url: str, seeds_dir: Path, tmp_path: Path
) -> None:
    """Not bad input: a document that states nothing placeable still loads, its claims none."""
    doc = tmp_path / "weather.txt"
    doc.write_text("Notes\n\nNothing political is said here, only that the weather was fine.\n", encoding="utf-8")
    (summary,) = load_paths(database_url, [doc])
    assert (summary.status, summary.version, summary.totals.added) == ("new", 1, 0)


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_file_and_line_and_writes_nothing(
    database_url: str, seeds_dir: Path, tmp_path: Path, name: str
) -> None:
    content, message = BAD_INPUTS[name]
    load_paths(database_url, [seeds_dir / "003_e0c5cb5264b09767.txt"])
    before = table_rows(database_url)
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(LoadError, match=message) as raised:
        load_paths(database_url, [bad])
    assert "\n" not in str(raised.value)
    assert table_rows(database_url) == before


@pytest.mark.parametrize("check_in", ["thread", "process"])
def test_directory_with_a_bad_file_loads_none_of_it(
    database_url: str, seeds_dir: Path, tmp_path: Path, monkeypatch, check_in: str
) -> None:
    if check_in == "process":  # as for a large set: the check parses in a process of its own
        monkeypatch.setattr(check, "CHECK_IN_PROCESS_BYTES", 0)
    shutil.copy(seeds_dir / "003_e0c5cb5264b09767.txt", tmp_path)
    (tmp_path / "zz_bad.csv").write_bytes(BAD_INPUTS["negative_seats.csv"][0])
    before = table_rows(database_url)
    with pytest.raises(LoadError, match="zz_bad"):
        load_paths(database_url, [tmp_path])
    assert table_rows(database_url) == before


def test_keep_going_loads_the_good_files_and_reports_the_bad(
    database_url: str, seeds_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(seeds_dir / "003_e0c5cb5264b09767.txt", tmp_path)
    (tmp_path / "zz_bad.csv").write_bytes(BAD_INPUTS["negative_seats.csv"][0])
    errors: list[str] = []
    summaries = load_paths(database_url, [tmp_path], keep_going=True, on_error=errors.append)
    assert [s.key for s in summaries] == ["003_e0c5cb5264b09767"]
    assert len(errors) == 1 and "zz_bad.csv:2" in errors[0]


def test_csv_source_with_cross_source_election_results(database_url: str, tmp_path: Path) -> None:
    elections = tmp_path / "valdoria_elections.csv"
    elections.write_text(
        "kind,held_on,status,early,quote\npresidential,2011-04-03,held,true,Valdoria voted on 3 April 2011\n"
    )
    results = tmp_path / "valdoria_results.csv"
    results.write_text(
        "election_kind,held_on,candidate,party,vote_share,seats,quote\n"
        "presidential,2011-04-03,Mirela Tanskaya,,61.5,,Tanskaya 61.5%\n"
        "presidential,2011-04-03,Oskar Brenn,,30.25,,Brenn 30.25%\n"
    )
    load_paths(database_url, [elections])
    (summary,) = load_paths(database_url, [results])
    assert summary.counts["election_result"].added == 2
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "select p.name, r.vote_share, e.early from kzgov_internal.election_result r"
            " join kzgov_internal.person p on p.id = r.person_id join kzgov_internal.election e on"
            " e.id = r.election_id order by 2 desc"
        ).fetchall()
    assert [(n, float(v), e) for n, v, e in rows] == [("Mirela Tanskaya", 61.5, True), ("Oskar Brenn", 30.25, True)]


def test_results_for_an_unknown_election_are_refused(database_url: str, tmp_path: Path) -> None:
    results = tmp_path / "orphans.csv"
    results.write_text(
        "election_kind,held_on,candidate,party,vote_share,seats,quote\npresidential,1999-01-01,Ann Vel,,50,,x\n"
    )
    with pytest.raises(LoadError, match=r"orphans\.csv:2: no recorded presidential election held on 1999-01-01"):
        load_paths(database_url, [results])


def _tenure_csv(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["office,person,valid_from,valid_until,quote,jurisdiction"]
    lines += [
        f"{office},{person},{start},{end},{person} held the office of {office}.,VL"
        for office, person, start, end in rows
    ]
    return "\n".join(lines) + "\n"


def test_streamed_csv_text_is_stored_whole_in_chunks(database_url: str, tmp_path: Path, monkeypatch) -> None:
    # Small blocks, so the text spans many chunks and characters straddle block edges.
    monkeypatch.setattr(files, "BLOCK", 7)
    rows = [("Lord Warden of Ostrava", f"Žofie Márová {i}", f"19{10 + i}-03-04", "") for i in range(12)]
    path = tmp_path / "ostrava_wardens.csv"
    path.write_text(_tenure_csv(rows), encoding="utf-8")
    load_paths(database_url, [path])
    with psycopg.connect(database_url) as conn:
        content, chunks, text = conn.execute(
            "select v.content, count(c.seq), string_agg(c.content, '' order by c.seq)"
            " from kzgov_internal.source_version v join kzgov_internal.source s on s.id = v.source_id"
            " left join kzgov_internal.source_version_chunk c on c.source_version_id = v.id"
            " where s.key = 'ostrava_wardens' group by v.id"
        ).fetchone()
    assert content is None and chunks > 10
    assert text == path.read_text(encoding="utf-8")


def test_invalid_utf8_across_a_block_edge_names_its_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files, "BLOCK", 8)
    path = tmp_path / "broken.csv"
    good = _tenure_csv([("Lord Warden", "Ana Vel", "1950", "")]).encode()
    path.write_bytes(good + b"Lord Warden,Ana \xc3(el,1951,,q,VL\n")
    with pytest.raises(LoadError, match=r"broken\.csv:3: not UTF-8 \(byte 0xc3"):
        read_source(path)


def test_inferences_of_scoped_refreshes_equal_a_full_refresh(
    database_url: str, seeds_dir: Path, tmp_path: Path
) -> None:
    # Open-ended tenures in two offices, successors arriving from other sources and a changed version.
    first = tmp_path / "almanac.csv"
    first.write_text(
        _tenure_csv([("Chancellor", "Ivo Brand", "1990-01-01", ""), ("Treasurer", "Ola Fisk", "1991-05-01", "")])
    )
    second = tmp_path / "gazette.csv"
    second.write_text(_tenure_csv([("Chancellor", "Uma Stahl", "1994-02-02", "1999-01-01")]))
    load_paths(database_url, [seeds_dir, first, second])
    changed = tmp_path / "changed" / "almanac.csv"
    changed.parent.mkdir()
    changed.write_text(
        _tenure_csv([("Chancellor", "Ivo Brand", "1990-01-01", ""), ("Treasurer", "Ola Fisk", "1991-06-01", "")])
    )
    (third := tmp_path / "wire.csv").write_text(_tenure_csv([("Treasurer", "Per Lund", "1996-07-07", "")]))
    load_paths(database_url, [changed, third])
    with psycopg.connect(database_url) as conn:
        current = conn.execute(
            "select p.name, i.inferred_until from kzgov_internal.tenure_inference i"
            " join kzgov_internal.office_tenure t on t.id = i.tenure_id join kzgov_internal.person p"
            " on p.id = t.person_id"
            " where upper_inf(i.recorded) and t.jurisdiction_code = 'VL' order by 1"
        ).fetchall()
        assert current == [("Ivo Brand", dt.date(1994, 2, 2)), ("Ola Fisk", dt.date(1996, 7, 7))]
        # Every office looked at again: nothing to add, nothing to retire.
        assert conn.execute("select added, retired from kzgov_internal.refresh_tenure_inferences()").fetchone() == (
            0,
            0,
        )


def test_a_load_that_starts_first_and_commits_last_is_recorded_after_the_other(
    database_url: str, tmp_path: Path
) -> None:
    # Recorded time must follow commit order: the second load to commit closes an inference the first
    # one recorded, so its recorded time must come after that one's, whenever its transaction began.
    (tmp_path / "roll.csv").write_text(_tenure_csv([("Keeper of Seals", "Ana Roth", "1990-01-01", "")]))
    (tmp_path / "early.csv").write_text(_tenure_csv([("Keeper of Seals", "Ben Lutz", "1991-01-01", "1992-01-01")]))
    (tmp_path / "late.csv").write_text(_tenure_csv([("Keeper of Seals", "Cid Horn", "1993-01-01", "1994-01-01")]))
    load_paths(database_url, [tmp_path / "roll.csv"])
    staged, go = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def pause(_count: int) -> None:  # called once the early load has staged its rows, before it writes
        staged.set()
        assert go.wait(60)

    def load_early() -> None:
        try:
            with psycopg.connect(database_url, autocommit=True) as conn:
                outcome["summary"] = load_source(conn, tmp_path / "early.csv", progress=pause)
        except Exception as exc:
            outcome["error"] = exc

    early = threading.Thread(target=load_early)
    early.start()
    assert staged.wait(60)
    load_paths(database_url, [tmp_path / "late.csv"])  # begins after the early load, commits before it
    go.set()
    early.join(60)
    assert "error" not in outcome, outcome.get("error")
    with psycopg.connect(database_url) as conn:
        history = conn.execute(
            "select i.inferred_until, upper_inf(i.recorded), not isempty(i.recorded) from"
            " kzgov_internal.tenure_inference i"
            " order by lower(i.recorded)"
        ).fetchall()
    # Ana Roth until Cid Horn's start (the late load), then until Ben Lutz's (the early one, committed last).
    assert history == [(dt.date(1993, 1, 1), False, True), (dt.date(1991, 1, 1), True, True)]


def test_a_large_set_checked_in_its_own_process_loads_whole(database_url: str, seeds_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(check, "CHECK_IN_PROCESS_BYTES", 0)
    summaries = load_paths(database_url, [seeds_dir])
    assert [s.status for s in summaries] == ["new"] * 4
    with psycopg.connect(database_url) as conn:
        for path in sorted(seeds_dir.glob("*.txt")):
            assert stored_claim_keys(conn, path.stem) == expected_claim_keys(path)
