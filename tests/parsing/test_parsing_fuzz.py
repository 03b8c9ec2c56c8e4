"""Property tests: any input either parses or raises ParseError, and evidence always holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzgov.claims import ParseError
from kzgov.parsing import parse_document

# Pieces of real documents, so random texts reach the format parsers and their rules.
FRAGMENTS = [
    "---\n",
    "title: x\n",
    "date: 2020-01-01\n",
    "[FACTBOX]\n",
    "[/FACTBOX]\n",
    "[TABLE]\n",
    "[/TABLE]\n",
    "| Party | Leader | Seats |\n",
    "| --- | --- | --- |\n",
    "| Unity | A B | 7 |\n",
    "[SECTION] Elections [/SECTION]\n",
    "Head of State: President Oren Castellan\n",
    "- The next presidential election is scheduled for 2024.\n",
    "Executive branch\n",
    "Office Name Party Since\n",
    "President Kassym-Jomart Tokayev Amanat 20 March 2019\n",
    "The Senate has 47 members, 40 of whom are elected for six-year terms and 7 presidential appointees. ",
    "Early presidential elections were held on 9 June 2019. Tokayev was re-elected with 71% of the vote. ",
    "The Mamin Cabinet resigned on 5 January 2022. ",
    "Smaiylov, who had assumed the presidency 900 months before the elections, ",
    "A nine-member Constitutional Tribunal (established in 2009) reviews laws. ",
    "The regions are: Abai (Semey), Almaty*, Ulytau (Jezkazgan).",
    "Ranked 78th out of 163 countries in the 2022 Global Peace Index",
    "... Read more\n",
    "\n",
    "  1. ^ Retrieved 2022-01-07.\n",
    "office,person,valid_from,valid_until,quote\n",
    "President,A,2019,,q\n",
    '"unterminated,\n',
    "31 February 2019 ",
    "9999 ",
    "kind,held_on,status,early,quote\n",
    "presidential,9999,held,,q\n",
    "Mirela Tanskaya, who had assumed the presidency 90000 months before the elections, spoke. ",
    "President: elected for 5 years\n",
]


def _check(text: str) -> None:
    try:
        doc = parse_document(text, "random.txt")
    except ParseError:
        return
    for item in [*doc.claims, *doc.uncovered]:
        item.evidence.check(text)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_parse_document_random_text_only_raises_parse_error(text: str) -> None:
    _check(text)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25))
def test_parse_document_document_like_text_only_raises_parse_error(pieces: list[str]) -> None:
    _check("".join(pieces))
