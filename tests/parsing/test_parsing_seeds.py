"""The four seed documents against their hand-checked golden files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from parsing_golden import document_to_json, golden_path, parse_seed, seed_paths

from kzgov.claims import ChamberComposition, Election, ElectionResult, Indicator, OfficeTenure

SEEDS = seed_paths()
SEED_IDS = [p.stem for p in SEEDS]


def _by_type(seed: Path) -> Counter[str]:
    return Counter(type(c).__name__ for c in parse_seed(seed).claims)


def test_seeds_are_present() -> None:
    assert len(SEEDS) == 4


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_matches_golden(seed: Path) -> None:
    golden = json.loads(golden_path(seed).read_text(encoding="utf-8"))
    produced = document_to_json(parse_seed(seed))
    for key in ("format", "title", "published", "latest_date_mentioned"):
        assert produced[key] == golden[key], key
    # Claim by claim first, so a failure names the claim that changed.
    for index, (got, want) in enumerate(zip(produced["claims"], golden["claims"], strict=False)):
        assert got == want, f"claim {index}"
    assert len(produced["claims"]) == len(golden["claims"])
    assert produced["uncovered"] == golden["uncovered"]


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_evidence_points_into_text(seed: Path) -> None:
    text = seed.read_bytes().decode("utf-8")
    doc = parse_seed(seed)
    for item in [*doc.claims, *doc.uncovered]:
        item.evidence.check(text)
        assert item.evidence.line == text.count("\n", 0, item.evidence.start) + 1


@pytest.mark.parametrize(
    ("seed_key", "expected"),
    [
        (
            "000",
            {
                "OfficeTenure": 11,
                "ChamberComposition": 4,
                "Indicator": 5,
                "PartySeats": 5,
                "Election": 4,
                "ElectionResult": 1,
            },
        ),
        (
            "001",
            {
                "OfficeTenure": 8,
                "Indicator": 8,
                "BodyEvent": 6,
                "ChamberComposition": 4,
                "AdminDivision": 21,
            },
        ),
        (
            "002",
            {"Indicator": 4, "ChamberComposition": 8, "Election": 1, "OfficeTenure": 1, "ElectionResult": 2},
        ),
        ("003", {"BodyEvent": 1, "Indicator": 1, "ChamberComposition": 2}),
    ],
)
def test_seed_claim_counts(seed_key: str, expected: dict[str, int]) -> None:
    seed = next(p for p in SEEDS if p.name.startswith(seed_key))
    assert _by_type(seed) == Counter(expected)


def _one(claims: list, cls: type, /, **fields: object) -> object:
    found = [c for c in claims if isinstance(c, cls) and all(getattr(c, k) == v for k, v in fields.items())]
    assert len(found) >= 1, (cls.__name__, fields)
    return found[0]


def test_seed_key_facts_from_the_brief() -> None:
    seeds = {p.name[:3]: parse_seed(p).claims for p in SEEDS}
    senate = _one(seeds["001"], ChamberComposition, body="Senate")
    assert (senate.total_seats, senate.elected_seats, senate.appointed_seats, senate.term_years) == (
        47,
        40,
        7,
        6,
    )
    assert _one(seeds["001"], ChamberComposition, body="Mäjilis").total_seats == 98
    assert _one(seeds["001"], ChamberComposition, body="Constitutional Court").total_seats == 11
    pm = _one(seeds["001"], OfficeTenure, office="Prime Minister", person="Smaiylov")
    assert (pm.period.start.isoformat(), pm.period.start_precision, pm.period.end) == (
        "2022-01-11",
        "day",
        None,
    )
    terms = [
        c.term_years for c in seeds["002"] if isinstance(c, ChamberComposition) and c.body == "Lower House Assembly"
    ]
    assert terms == [4, 5]  # the paragraph contradicts itself; both statements are kept
    election = _one(seeds["002"], Election, kind="presidential")
    assert (election.early, election.period.start.isoformat()) == (True, "2019-06-09")
    assert _one(seeds["002"], ElectionResult, candidate="Tokayev").vote_share == 71
    assert _one(seeds["002"], ElectionResult, candidate="Amirjan Qosanov").party == "Ult Tagdyry"
    gpi = _one(seeds["000"], Indicator, indicator="Global Peace Index")
    assert (gpi.rank, gpi.out_of, gpi.period.start.isoformat(), gpi.period.end.isoformat()) == (
        78,
        163,
        "2022-01-01",
        "2023-01-01",
    )
    scheduled = _one(seeds["000"], Election, kind="parliamentary", status="scheduled")
    assert scheduled.period.start_precision == "year"
    assert _one(seeds["000"], OfficeTenure, person="Älihan Smaiylov", office="Prime Minister").period.basis == (
        "as_of_publication"
    )
