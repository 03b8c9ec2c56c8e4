"""Sentence rules one kind of statement at a time, on wording that appears in no seed."""

from __future__ import annotations

import datetime as dt

import pytest

from kzgov.claims import (
    BodyEvent,
    ChamberComposition,
    Claim,
    Election,
    ElectionResult,
    Indicator,
    OfficeTenure,
)
from kzgov.parsing.document import Builder


def _claims(text: str, subject: str = "Valdoria") -> list[Claim]:
    b = Builder(text, "rules.txt", subject=subject)
    b.paragraph(0, len(text))
    for claim in b.claims:
        claim.evidence.check(text)
    return b.claims


def _summary(claim: Claim, *fields: str) -> tuple:
    return (type(claim).__name__, *(getattr(claim, f) for f in fields))


@pytest.mark.parametrize(
    ("text", "fields", "expected"),
    [
        (
            "Teodor Vance became Prime Minister on 2 June 2004.",
            ("office", "person"),
            [("OfficeTenure", "Prime Minister", "Teodor Vance")],
        ),
        (
            "Deputy Prime Minister Ansel Dorrow took office in March 2015.",
            ("office", "person"),
            [("OfficeTenure", "Deputy Prime Minister", "Ansel Dorrow")],
        ),
        (
            "Lidia Marek resigned as Speaker of the Senate on 1 May 2020.",
            ("office", "person"),
            [("OfficeTenure", "Chair of the Senate", "Lidia Marek")],
        ),
        (
            "Yerlan Abenov was appointed Akim of Ulytau Region on 8 June 2022.",
            ("office", "person"),
            [("OfficeTenure", "Akim of Ulytau Region", "Yerlan Abenov")],
        ),
        (
            "Petra Vashti is the current President of Valdoria.",
            ("office", "person"),
            [("OfficeTenure", "President", "Petra Vashti")],
        ),
        (
            "The Council of Elders has 41 members, 30 of whom are elected for five-year terms.",
            ("body", "total_seats", "elected_seats", "term_years"),
            [("ChamberComposition", "Council of Elders", 41, 30, 5)],
        ),
        (
            "The Unity Front party has 200,000 members.",
            ("body",),
            [],
        ),
        (
            "A referendum was held on 5 June 2022.",
            ("kind", "ref"),
            [("Election", "referendum", "referendum:2022-06-05")],
        ),
        (
            "Local elections took place in 2021; on 3 May 2022 the council met.",
            ("kind", "ref"),
            [("Election", "local", "local:2021")],
        ),
        (
            "The Ministry of Digital Affairs was abolished on 1 July 2019.",
            ("body", "event"),
            [("BodyEvent", "Ministry of Digital Affairs", "abolished")],
        ),
        (
            "The Council of Wardens was renamed the Senate in 1995.",
            ("body", "event", "detail"),
            [("BodyEvent", "Council of Wardens", "renamed", "Senate")],
        ),
        (
            "The capital was moved from Ilsk to Port Ilven in 1999.",
            ("body", "event", "detail"),
            [("BodyEvent", "capital", "moved", "Port Ilven")],
        ),
        (
            "Valdoria ranks 12th among 140 countries in the Rule of Law Index.",
            ("subject", "indicator", "rank", "out_of"),
            [("Indicator", "Valdoria", "Rule of Law Index", 12, 140)],
        ),
        (
            "The number of registered parties in Valdoria is 9.",
            ("subject", "indicator", "value"),
            [("Indicator", "Valdoria", "number of registered parties", 9.0)],
        ),
    ],
)
def test_rules_sentence_kinds(text: str, fields: tuple[str, ...], expected: list[tuple]) -> None:
    assert [_summary(c, *fields) for c in _claims(text)] == expected


def test_rules_result_needs_an_election_and_a_vote() -> None:
    text = "Presidential elections were held on 12 May 2015. Oren Castellan won with 58.1% of the vote."
    election, result = _claims(text)
    assert isinstance(election, Election) and isinstance(result, ElectionResult)
    assert (result.candidate, result.vote_share, result.outcome) == ("Oren Castellan", 58.1, "won")
    # A percentage with no election mentioned before it is no result.
    assert _claims("Oren Castellan got 58.1% approval in a poll.") == []


def test_rules_inferred_start_outside_the_calendar_is_dropped() -> None:
    text = (
        "Early presidential elections were held on 9 June 2019. "
        "Mirela Tanskaya, who had assumed the presidency 90000 months before the elections, spoke."
    )
    assert [type(c) for c in _claims(text)] == [Election]


def test_rules_inferred_start_from_months_before_an_election() -> None:
    text = (
        "Early presidential elections were held on 9 June 2019. "
        "Mirela Tanskaya, who had assumed the presidency two months before the elections, spoke."
    )
    tenure = _claims(text)[1]
    assert isinstance(tenure, OfficeTenure)
    assert (tenure.period.start, tenure.period.start_precision, tenure.period.basis) == (
        dt.date(2019, 4, 1),
        "month",
        "inferred",
    )


def test_rules_members_refer_back_to_the_last_chamber() -> None:
    text = "There are nine members of the Constitutional Tribunal. Out of the 9 members, 4 are appointed."
    first, second = _claims(text)
    assert isinstance(second, ChamberComposition)
    assert (second.body, second.total_seats, second.appointed_seats) == ("Constitutional Tribunal", 9, 4)
    assert first.body == second.body


def test_rules_cabinet_resignation_ends_tenure_and_body() -> None:
    text = "The Vance Government resigned on 28 March 2011."
    event, tenure = _claims(text)
    assert isinstance(event, BodyEvent) and isinstance(tenure, OfficeTenure)
    assert (event.body, event.event, event.detail) == ("Vance Government", "abolished", "resigned")
    assert (tenure.person, tenure.period.end, tenure.period.start) == ("Vance", dt.date(2011, 3, 28), None)


def test_rules_quota_starts_when_introduced() -> None:
    (quota,) = _claims("In January 2018 parliament introduced a 25% quota for women on party lists.")
    assert isinstance(quota, Indicator)
    assert (quota.indicator, quota.value, quota.unit, quota.period.start) == (
        "quota for women",
        25.0,
        "%",
        dt.date(2018, 1, 1),
    )
