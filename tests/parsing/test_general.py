"""The general reader on documents of each genre, written for these tests with other names, numbers and dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kzgov.claims import (
    BodyEvent,
    ChamberComposition,
    Claim,
    Election,
    ElectionResult,
    Indicator,
    OfficeTenure,
    ParsedDocument,
    PartySeats,
)
from kzgov.parsing import mentions, parse_document
from kzgov.parsing.general import merge_results
from kzgov.parsing.text import LineIndex


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _find(doc: ParsedDocument, claim_type: type[Claim], **fields: Any) -> list[Claim]:
    """The claims of a kind whose fields (and period bounds, given as start=/end=) are as given."""
    start = fields.pop("start", "any")
    end = fields.pop("end", "any")
    found = []
    for claim in doc.claims:
        if not isinstance(claim, claim_type) or any(getattr(claim, k) != v for k, v in fields.items()):
            continue
        if start != "any" and claim.period.start != (_d(start) if start else None):
            continue
        if end != "any" and claim.period.end != (_d(end) if end else None):
            continue
        found.append(claim)
    return found


def _one(doc: ParsedDocument, claim_type: type[Claim], **fields: Any) -> Claim:
    found = _find(doc, claim_type, **dict(fields))
    others = [c for c in doc.claims if isinstance(c, claim_type)]
    assert len(found) == 1, f"{claim_type.__name__} {fields}: {len(found)} found in {others}"
    return found[0]


def _evidence_holds(doc: ParsedDocument, text: str) -> None:
    for item in [*doc.claims, *doc.uncovered]:
        item.evidence.check(text)
        assert item.evidence.line == text.count("\n", 0, item.evidence.start) + 1


NEWSWIRE = """Senate elects new speaker as chamber chief steps down

ALMATY, 14 October 2031 (Plains Wire) – Senators on Monday elected Aruzhan Temirova as their new speaker, two days after the upper house lost its chairman.

Temirova, 51, has headed the Central Election Commission since March 2027. The Senate has had 52 members since the January 2030 election, down from 50 before the reform.

All 44 senators present backed the candidacy. President Daulet Kenzhebek congratulated her on Tuesday.
"""


def test_newswire_relative_dates_resolve_against_the_dateline() -> None:
    doc = parse_document(NEWSWIRE, "wire.txt")
    _evidence_holds(doc, NEWSWIRE)
    assert doc.published == _d("2031-10-14")
    speaker = _one(doc, OfficeTenure, office="Chair of the Senate", person="Aruzhan Temirova")
    assert (speaker.period.start, speaker.period.basis) == (_d("2031-10-13"), "inferred")  # "on Monday"
    _one(doc, OfficeTenure, office="Head of the Central Election Commission", start="2027-03-01", end=None)
    _one(doc, ChamberComposition, body="Senate", total_seats=52, start="2030-01-01", end=None)
    _one(doc, ChamberComposition, body="Senate", total_seats=50, start=None, end="2030-01-01")
    # A title before a name in a dated story holds on the story's date.
    president = _one(doc, OfficeTenure, office="President", person="Daulet Kenzhebek")
    assert president.period.basis == "as_of_publication"


def test_counts_of_people_present_are_not_seats() -> None:
    doc = parse_document(NEWSWIRE, "wire.txt")
    assert not _find(doc, ChamberComposition, total_seats=44)


PAST_AND_PROPOSERS = """Parliament today

Until 2030, the Senate had 47 members. All 89 deputies present in the Mazhilis backed the bill.
The Assembly of People of Kazakhstan now proposes five of the Senate's appointees.
"""


def test_a_count_stated_as_past_ends_where_the_text_says_and_proposers_get_no_seats() -> None:
    doc = parse_document(PAST_AND_PROPOSERS, "today.txt")
    _one(doc, ChamberComposition, body="Senate", total_seats=47, start=None, end="2030-01-01")
    compositions = [c for c in doc.claims if isinstance(c, ChamberComposition)]
    assert [(c.body, c.total_seats) for c in compositions] == [("Senate", 47)]


PRESENT_AND_PAST_SIZE = """The upper house

The Senate meets in the capital. It has 41 members.

Until 2031, the Senate had 45 members.

The Mazhilis has 77 members. Until 2030, the Mazhilis had 77 members as well.
"""


def test_a_size_stated_now_starts_where_a_different_past_size_ended() -> None:
    doc = parse_document(PRESENT_AND_PAST_SIZE, "upper.txt")
    _evidence_holds(doc, PRESENT_AND_PAST_SIZE)
    now = _one(doc, ChamberComposition, body="Senate", total_seats=41)
    assert (now.period.start, now.period.start_precision, now.period.basis) == (_d("2031-01-01"), "year", "inferred")
    assert "It has 41 members." in now.evidence.quote and "Until 2031" in now.evidence.quote
    _one(doc, ChamberComposition, body="Senate", total_seats=45, start=None, end="2031-01-01")
    # The same size before and now dates nothing.
    lower = _find(doc, ChamberComposition, body="Mazhilis", total_seats=77)
    assert sorted(c.period.basis for c in lower) == ["as_of_publication", "explicit"]


RESULTS_PAGE = """ELECTION COMMISSION

EARLY ELECTIONS OF DEPUTIES OF THE MAZHILIS OF THE PARLIAMENT, 9 APRIL 2034

The elections were called by Decree of the President of 8 February 2034.

  Turnout .......................................  61.02 %

  No  Party                                Votes       %       Seats
  --  -----------------------------------  ----------  ------  -----
   1  Respublica party                      1 204 330   41.20     30
   2  Ak Zhol Democratic Party                880 112   30.11     21
      Against all                             120 000    4.10      -
      -------------------------------------------------------------
      Total                                 2 923 000  100.00     51
"""


def test_results_table_by_its_aligned_columns() -> None:
    doc = parse_document(RESULTS_PAGE, "results.txt")
    _evidence_holds(doc, RESULTS_PAGE)
    election = _one(doc, Election, kind="mazhilis", start="2034-04-09")
    assert isinstance(election, Election) and election.early is True and election.turnout_pct == 61.02
    ref = election.ref
    _one(doc, ElectionResult, party="Respublica", vote_share=41.2, votes=1204330, seats=30, election_ref=ref)
    _one(doc, ElectionResult, party="Ak Zhol", vote_share=30.11, votes=880112, seats=21, election_ref=ref)
    _one(doc, ElectionResult, party="Against all", vote_share=4.1, votes=120000, seats=None)
    assert not _find(doc, ElectionResult, party="Total")
    _one(doc, BodyEvent, body="Mazhilis", event="election_called", start="2034-02-08")


INFOBOX = """Prime Minister of Kazakhstan
From the free encyclopedia
IncumbentAsel Nurpeisova since 3 May 2033
Formation16 December 1991
Term lengthFive years

List of prime ministers
No.NameTook officeLeft office
1Bolat Ermekov(b. 1961)12 June 20283 May 2033
2Asel Nurpeisova(b. 1975)3 May 2033Incumbent
"""


def test_infobox_keys_glued_to_values_and_rows_that_lost_their_borders() -> None:
    doc = parse_document(INFOBOX, "pm.txt")
    _evidence_holds(doc, INFOBOX)
    assert _find(doc, OfficeTenure, office="Prime Minister", person="Asel Nurpeisova", start="2033-05-03", end=None)
    _one(doc, OfficeTenure, office="Prime Minister", person="Bolat Ermekov", start="2028-06-12", end="2033-05-03")
    _one(doc, BodyEvent, body="Prime Minister of Kazakhstan", event="established", start="1991-12-16")
    _one(doc, Indicator, subject="Prime Minister", indicator="term length", value=5.0)


BIOGRAPHY = """ERMEKOV, Bolat Serikuly

Offices held
  Minister of Energy (2015–2019)
  Deputy Prime Minister (2019–2028)
  Prime Minister (2028–2033)

Career
He became prime minister on 12 June 2028. His premiership ended on 3 May 2033, when he resigned over the budget.
"""


def test_biography_career_lines_take_the_days_its_prose_gives() -> None:
    doc = parse_document(BIOGRAPHY, "ermekov.txt")
    _evidence_holds(doc, BIOGRAPHY)
    _one(doc, OfficeTenure, office="Minister of Energy", person="Bolat Ermekov", start="2015-01-01", end="2019-01-01")
    _one(doc, OfficeTenure, office="Deputy Prime Minister", person="Bolat Ermekov", start="2019-01-01")
    pm = _find(doc, OfficeTenure, office="Prime Minister", person="Bolat Ermekov")
    assert [(c.period.start, c.period.end) for c in pm] == [(_d("2028-06-12"), _d("2033-05-03"))]


CAREER_IN_YEARS = """SADYKOVA, Gulnar Amanovna

Offices held
  Minister of Culture (2021)
  Minister of Education (2022)
  Deputy Prime Minister (2022–2026)

Career
She became Deputy Prime Minister on 14 September 2022.
"""


def test_a_post_of_one_year_ends_within_that_year() -> None:
    doc = parse_document(CAREER_IN_YEARS, "sadykova.txt")
    culture = _one(doc, OfficeTenure, office="Minister of Culture", person="Gulnar Sadykova")
    assert (culture.period.start, culture.period.end) == (_d("2021-01-01"), _d("2021-12-31"))
    assert (culture.period.end_precision, culture.period.basis) == ("year", "explicit")
    # Within the year the next post began, the day that post began ends it.
    education = _one(doc, OfficeTenure, office="Minister of Education", person="Gulnar Sadykova")
    assert (education.period.start, education.period.end) == (_d("2022-01-01"), _d("2022-09-14"))
    assert education.period.basis == "inferred"


RESHUFFLE = """Almaty, 12 June 2031

CABINET SHUFFLE

Bolat Serikov led the government from 2024 until May 2028, when he moved to run the presidential administration. That job went on Tuesday to Aigerim Nurlanova, who gave up her seat in the Senate to take it.

Yerlan Dosov went on Monday to Aktau to open a port.

Timur Kassenov, who took over the National Bank on March 3 last year, keeps his post.

Asel Omarova, who gave up the speaker's chair in the Mazhilis on Wednesday, had chaired the chamber since May 2029. On Thursday the deputies chose Nurlan Abenov to replace her at the head of the Mazhilis.
"""


def test_a_post_handed_on_taken_over_or_given_up() -> None:
    doc = parse_document(RESHUFFLE, "shuffle.txt")
    _evidence_holds(doc, RESHUFFLE)
    # "That job" is the post the text told of last, though it named it by its body.
    _one(
        doc,
        OfficeTenure,
        office="Head of the Presidential Administration",
        person="Aigerim Nurlanova",
        start="2031-06-10",
    )
    assert not _find(doc, OfficeTenure, office="Prime Minister", person="Aigerim Nurlanova")
    assert not _find(doc, OfficeTenure, person="Yerlan Dosov")  # going somewhere takes no post
    # Giving up a seat ends no office; taking over a body starts the office that heads it.
    assert all(c.period.end is None for c in _find(doc, OfficeTenure, person="Aigerim Nurlanova"))
    _one(doc, OfficeTenure, office="Chair of the National Bank", person="Timur Kassenov", start="2030-03-03")
    # The day she gave up the chair stands; her successor's day does not replace it.
    omarova = _find(doc, OfficeTenure, office="Chair of the Mazhilis", person="Asel Omarova")
    assert {c.period.end for c in omarova} == {_d("2031-06-11")}
    _one(doc, OfficeTenure, office="Chair of the Mazhilis", person="Nurlan Abenov", start="2031-06-12")


INAUGURATIONS = """EVENTS 2040-2046

2040-05-04 — Presidential election. Aruzhan Temirova wins 71.2% of the ballots; Marat Aliyev gets 20.1%.
2040-05-20 — Temirova is inaugurated for a six-year term.
2041-02-01 — Dana Ospanova is named to head the government.
2042-03-03 — Bolat Serikov is sworn in as a deputy.
2043-06-01 — Amendments signed; the presidential term is extended from six years to seven.
"""


def test_inaugurations_heads_of_government_named_and_terms_changed() -> None:
    doc = parse_document(INAUGURATIONS, "events.txt")
    _evidence_holds(doc, INAUGURATIONS)
    # The winner of the presidential election told of just before is the one inaugurated.
    _one(doc, OfficeTenure, office="President", person="Aruzhan Temirova", start="2040-05-20")
    _one(doc, Indicator, subject="President", value=6.0, start="2040-05-20", end=None)
    _one(doc, OfficeTenure, office="Prime Minister", person="Dana Ospanova", start="2041-02-01")
    assert not _find(doc, OfficeTenure, person="Bolat Serikov")  # a deputy's oath is no office of the vocabulary
    _one(doc, Indicator, subject="President", value=6.0, start=None, end="2043-06-01")
    _one(doc, Indicator, subject="President", value=7.0, start="2043-06-01", end=None)


BRIEFING = """POLICY NOTE
Prepared 3 March 2033
THE FEBRUARY 2033 SENATE ELECTION

Key points
• The vote of 12 February 2033 was a regular election, held on schedule; no early dissolution.
• Official turnout: 58.40%, the lowest since 2021.
• Respublica took 61.5% of the party-list vote, down from 70.10% in 2027.
• The amendments of May 2031 enlarged the Senate to 61 seats; a law of 2032 raised the threshold to 6 per cent.
• Respublica won all 40 party-list seats.

The Mazhilis is the lower house. The constitutional amendments of May 2029 enlarged it to 117.
"""


def test_a_briefing_dates_its_vote_and_keeps_an_earlier_share_with_its_own_election() -> None:
    doc = parse_document(BRIEFING, "note.txt")
    _evidence_holds(doc, BRIEFING)
    vote = _one(doc, Election, kind="senate", start="2033-02-12")
    assert (vote.early, vote.turnout_pct) == (False, 58.4)
    _one(doc, ElectionResult, party="Respublica", vote_share=61.5, election_ref=vote.ref)
    _one(doc, ElectionResult, party="Respublica", seats=40, election_ref=vote.ref)
    # "down from 70.10% in 2027": the share of the 2027 election, not of this one.
    earlier = _one(doc, Election, kind="senate", start="2027-01-01")
    _one(doc, ElectionResult, party="Respublica", vote_share=70.1, election_ref=earlier.ref)
    _one(doc, ChamberComposition, body="Senate", total_seats=61, start="2031-05-01")
    _one(doc, ChamberComposition, body="Mazhilis", total_seats=117, start="2029-05-01")
    assert not _find(doc, ChamberComposition, total_seats=6)  # a threshold raised is no size


RESULT_IN_PARTS = """ASTANA, 4 April 2034 (Wire) – Results of Sunday's snap Mazhilis election were published.

Respublica secured 64.10% of the ballots, enough for 40 of the 60 seats handed out by party list. Ak Zhol came second with 12.5%.
"""


def test_a_result_told_in_parts_is_one_result_and_a_different_figure_stays_apart() -> None:
    doc = parse_document(RESULT_IN_PARTS, "results.txt")
    _evidence_holds(doc, RESULT_IN_PARTS)
    whole = _one(doc, ElectionResult, party="Respublica", vote_share=64.1)
    assert whole.seats == 40 and "64.10%" in whole.evidence.quote and "40 of the 60" in whole.evidence.quote
    # Parts that disagree are two claims, each with its own evidence.
    other = dataclasses.replace(whole, vote_share=None, seats=41)
    merged = merge_results([whole, other], RESULT_IN_PARTS, LineIndex(RESULT_IN_PARTS))
    assert [(c.vote_share, c.seats) for c in merged if isinstance(c, ElectionResult)] == [(64.1, 40), (None, 41)]


ELLIPSIS = """Notes

Careful: the Mazhilis was 81 until 2029, and the Senate 44. The Senate was 50 until 2031, and the threshold 7.
"""


def test_a_past_size_said_once_for_two_bodies() -> None:
    doc = parse_document(ELLIPSIS, "notes.txt")
    _evidence_holds(doc, ELLIPSIS)
    _one(doc, ChamberComposition, body="Mazhilis", total_seats=81, start=None, end="2029-01-01")
    _one(doc, ChamberComposition, body="Senate", total_seats=44, start=None, end="2029-01-01")
    _one(doc, ChamberComposition, body="Senate", total_seats=50, start=None, end="2031-01-01")
    assert not _find(doc, ChamberComposition, total_seats=7)


TIMELINE = """KAZAKHSTAN: EVENTS, 2025–2035
One event per line.

2029-07-02 — Early presidential election; Kenzhebek wins with 64.5%
2029-07-10 — Daulet Kenzhebek sworn in as president
2032-03-03 — Government of Bolat Ermekov resigns amid protests
2033-01-12 — Zhasyl Party renamed Green Union at a party congress
"""


def test_timeline_lines_date_their_events(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / mentions.VOCABULARY_FILE).write_text(
        "kind,canonical,variant,note\nparty,Zhasyl Party,Zhasyl Party,\nparty,Green Union,Green Union,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KZGOV_HOME", str(tmp_path))
    doc = parse_document(TIMELINE, "timeline.txt")
    _evidence_holds(doc, TIMELINE)
    election = _one(doc, Election, kind="presidential", start="2029-07-02")
    assert isinstance(election, Election) and election.early is True
    _one(doc, ElectionResult, candidate="Daulet Kenzhebek", vote_share=64.5, election_ref=election.ref)
    _one(doc, OfficeTenure, office="President", person="Daulet Kenzhebek", start="2029-07-10")
    _one(doc, BodyEvent, body="Government of Kazakhstan", event="resigned", start="2032-03-03")
    _one(doc, OfficeTenure, office="Prime Minister", person="Bolat Ermekov", start=None, end="2032-03-03")
    # Parties the shipped vocabulary does not know come from the user's own vocabulary file.
    _one(doc, BodyEvent, body="Zhasyl Party", event="renamed", detail="Green Union", start="2033-01-12")


MARKDOWN = """# The Mazhilis since 2025 — notes

## Results in Mazhilis elections

| Seats | Vote % | Party name used | Election date |
|------:|-------:|-----------------|---------------|
| 30 | 41.20 | Respublica | 9 Apr 2034 |
| 21 | 30.11 | Ak Zhol | 9 Apr 2034 |

## Chairs of the chamber

| Left office | Took office | Chairman of the Mazhilis |
|-------------|-------------|--------------------------|
| 1 Feb 2031 | 10 Jan 2025[a] | Erlan Sadykov |
| — (in office) | 1 Feb 2031 | Dana Omarova |

- The Senate is **not** elected by voters. It had 49 senators until the 2031 reform and has 52 now.
"""


def test_markdown_tables_are_read_by_the_role_of_each_column_in_any_order() -> None:
    doc = parse_document(MARKDOWN, "notes.md")
    _evidence_holds(doc, MARKDOWN)
    assert doc.format == "markdown"
    election = _one(doc, Election, kind="mazhilis", start="2034-04-09")
    _one(doc, ElectionResult, party="Respublica", seats=30, vote_share=41.2, election_ref=election.ref)
    _one(doc, ElectionResult, party="Ak Zhol", seats=21, vote_share=30.11, election_ref=election.ref)
    _one(
        doc, OfficeTenure, office="Chair of the Mazhilis", person="Erlan Sadykov", start="2025-01-10", end="2031-02-01"
    )
    _one(doc, OfficeTenure, office="Chair of the Mazhilis", person="Dana Omarova", start="2031-02-01", end=None)
    _one(doc, ChamberComposition, body="Senate", total_seats=49, start=None, end="2031-01-01")
    _one(doc, ChamberComposition, body="Senate", total_seats=52, start="2031-01-01", end=None)


HTML = """<!DOCTYPE html>
<html><head><title>Mazhilis &mdash; reference</title><style>td{color:red}</style></head>
<body>
<h1>Mazhilis</h1>
<table class="infobox">
<tr><th colspan="2">Mazhilis of the Parliament</th></tr>
<tr><th>Chairman</th><td>Dana Omarova<br><small>since 1 February 2031</small></td></tr>
<tr><th>Seats</th><td>110</td></tr>
<tr><th>Term length</th><td>5 years</td></tr>
</table>
<p>The <b>Mazhilis</b> is the lower chamber of Parliament. It first met on 2&nbsp;February 1996.</p>
<table class="data">
<tr><th>Period</th><th>Elected</th><th>Appointed</th><th>Total</th></tr>
<tr><td>2025&ndash;2031</td><td>100</td><td>7</td><td>107</td></tr>
<tr><td>2031&ndash;present</td><td>110</td><td>0</td><td>110</td></tr>
</table>
</body></html>
"""


def test_html_infobox_and_tables_by_their_cells() -> None:
    doc = parse_document(HTML, "mazhilis.html")
    _evidence_holds(doc, HTML)
    assert doc.format == "html"
    _one(doc, OfficeTenure, office="Chair of the Mazhilis", person="Dana Omarova", start="2031-02-01", end=None)
    _one(doc, ChamberComposition, body="Mazhilis", term_years=5)
    _one(doc, BodyEvent, body="Mazhilis", event="first_sitting", start="1996-02-02")
    _one(
        doc,
        ChamberComposition,
        body="Mazhilis",
        total_seats=107,
        elected_seats=100,
        appointed_seats=7,
        start="2025-01-01",
    )
    _one(doc, ChamberComposition, body="Mazhilis", total_seats=110, elected_seats=110, appointed_seats=0, end=None)
    # "Seats: 110" says nothing the table's open-ended row does not.
    assert not _find(doc, ChamberComposition, total_seats=110, elected_seats=None)


KIDS = """WHO RUNS THE COUNTRY?

The Prime Minister
Aruzhan Temirova became prime minister on May 3, 2033. Before her, Bolat Ermekov had the job.

Parliament
• The Senate has 52 members. Local councils choose 44 of them. The president picks the other 8. A senator serves for six years.
"""


def test_us_dates_and_counts_told_plainly() -> None:
    doc = parse_document(KIDS, "kids.txt")
    _evidence_holds(doc, KIDS)
    _one(doc, OfficeTenure, office="Prime Minister", person="Aruzhan Temirova", start="2033-05-03")
    assert _find(doc, ChamberComposition, body="Senate", total_seats=52)
    assert _find(doc, ChamberComposition, body="Senate", elected_seats=44)
    assert _find(doc, ChamberComposition, body="Senate", appointed_seats=8)
    assert _find(doc, ChamberComposition, body="Senate", term_years=6)


SEATS_LIST = """BRIEFING

- The snap election of 9 April 2034 changed the lower house.

Seat distribution in the Mazhilis
- Respublica – 30
- Ak Zhol – 21
- Self-nominated deputies – 4
"""


def test_a_list_of_party_seats_under_a_heading_about_seats() -> None:
    doc = parse_document(SEATS_LIST, "briefing.txt")
    _evidence_holds(doc, SEATS_LIST)
    for party, seats in (("Respublica", 30), ("Ak Zhol", 21), ("Self-nominated", 4)):
        _one(doc, PartySeats, party=party, seats=seats, chamber="Mazhilis", start="2034-04-09")


def test_acting_holders_and_their_dates() -> None:
    text = "Notes\n\n[a] Marat Zhunusov was acting prime minister from 4 March 2032 until his confirmation on 20 March 2032.\n"
    doc = parse_document(text, "notes.txt")
    _one(
        doc,
        OfficeTenure,
        office="Prime Minister",
        person="Marat Zhunusov",
        acting=True,
        start="2032-03-04",
        end="2032-03-20",
    )


@pytest.mark.parametrize(
    "text",
    [NEWSWIRE, PAST_AND_PROPOSERS, RESULTS_PAGE, INFOBOX, BIOGRAPHY, MARKDOWN, HTML, KIDS, SEATS_LIST],
)
def test_every_quote_is_the_documents_own_text(text: str) -> None:
    name = "doc.html" if text.startswith("<!DOCTYPE") else ("doc.md" if text.startswith("# ") else "doc.txt")
    _evidence_holds(parse_document(text, name), text)


CAREER_NEWS = """Cabinet reshuffle

ASTANA, 4 June 2036 (Plains Wire) – Gulnar Sadykova has headed the Presidential Administration since May 2035. Before that she chaired the Supreme Court, a post she was given in 2031.

Senators on Monday elected Marat Zhunusov as their speaker. Yesterday they had heard Serik Omarov, who had held that post since 2029. Later that day Zhunusov, 60, promised reform, and the senators elected him to replace Omarov.
"""


def test_an_earlier_post_ends_where_the_later_one_begins_and_a_replaced_holder_ends() -> None:
    doc = parse_document(CAREER_NEWS, "career.txt")
    _evidence_holds(doc, CAREER_NEWS)
    _one(
        doc,
        OfficeTenure,
        office="Head of the Presidential Administration",
        person="Gulnar Sadykova",
        start="2035-05-01",
    )
    _one(
        doc,
        OfficeTenure,
        office="Chair of the Supreme Court",
        person="Gulnar Sadykova",
        start="2031-01-01",
        end="2035-05-01",
    )
    _one(doc, OfficeTenure, office="Chair of the Senate", person="Marat Zhunusov", start="2036-06-02")  # on Monday


def test_an_acting_holder_without_an_end_held_until_the_same_person_took_the_office() -> None:
    text = (
        "# Prime ministers\n\n| Name | Took office | Left office |\n|---|---|---|\n"
        "| Marat Zhunusov | 20 March 2032 | 1 May 2035 |\n\n"
        "Notes\n\nMarat Zhunusov served as acting prime minister from 4 March 2032, after the cabinet was dismissed.\n"
    )
    doc = parse_document(text, "list.md")
    acting = _one(doc, OfficeTenure, office="Prime Minister", person="Marat Zhunusov", acting=True)
    assert (acting.period.start, acting.period.end, acting.period.basis) == (
        _d("2032-03-04"),
        _d("2032-03-20"),
        "inferred",
    )
    assert not _find(doc, OfficeTenure, person="Marat Zhunusov", acting=False, start="2032-03-04")


OTHER_WORDING = """Politics of the country

Marat Zhunusov succeeded Bolat Ermekov as prime minister on 3 May 2033. There are 52 seats in the Senate.

Results of the presidential election of 4 April 2035

| Candidate | Party | Votes | % |
|---|---|---|---|
| Asel Nurpeisova | Respublica | 2 100 400 | 58.30 |
| Daulet Kenzhebek | Ak Zhol | 1 500 010 | 41.70 |

In the same vote a third candidate, Erlan Sadykov, came third with 0.5%.
"""


def test_other_wordings_of_the_same_kinds_of_statement() -> None:
    doc = parse_document(OTHER_WORDING, "politics.md")
    _evidence_holds(doc, OTHER_WORDING)
    _one(doc, OfficeTenure, office="Prime Minister", person="Marat Zhunusov", start="2033-05-03")
    _one(doc, OfficeTenure, office="Prime Minister", person="Bolat Ermekov", end="2033-05-03")
    _one(doc, ChamberComposition, body="Senate", total_seats=52)
    election = _one(doc, Election, kind="presidential", start="2035-04-04")
    _one(
        doc,
        ElectionResult,
        candidate="Asel Nurpeisova",
        party="Respublica",
        votes=2100400,
        vote_share=58.3,
        election_ref=election.ref,
    )
    _one(doc, ElectionResult, candidate="Daulet Kenzhebek", party="Ak Zhol", votes=1500010, vote_share=41.7)
    _one(doc, ElectionResult, candidate="Erlan Sadykov", vote_share=0.5, election_ref=election.ref)


ABOLISHED = """Reforms of 2036

- Places kept for the veterans' council in the Senate were abolished in March 2036.
- The Mazhilis was abolished in 2041.
"""


def test_what_of_a_body_was_abolished_is_the_detail_and_a_body_abolished_whole_has_none() -> None:
    doc = parse_document(ABOLISHED, "reforms.md")
    places = _one(doc, BodyEvent, body="Senate", event="abolished", start="2036-03-01")
    assert places.detail == "Places kept for the veterans' council"
    assert _one(doc, BodyEvent, body="Mazhilis", event="abolished", start="2041-01-01").detail is None


TIMELINE_LINES = """EVENTS OF 2040
One line an event.

2040-02-11 — Snap Senate election. Respublica leads with 44.5%; Ak Zhol gets 20.25%.
2040-03-02 — The Senate is enlarged to 60 senators, 50 of them elected by party list.
2040-04-09 — The new Senate opens; 58 senators take the oath.
"""


def test_a_timeline_line_dates_every_statement_it_makes() -> None:
    doc = parse_document(TIMELINE_LINES, "events.txt")
    _evidence_holds(doc, TIMELINE_LINES)
    election = _one(doc, Election, kind="senate", start="2040-02-11")
    assert isinstance(election, Election) and election.early is True
    _one(doc, ElectionResult, party="Respublica", vote_share=44.5, election_ref=election.ref)
    _one(doc, ElectionResult, party="Ak Zhol", vote_share=20.25, election_ref=election.ref)
    _one(doc, ChamberComposition, body="Senate", total_seats=60, start="2040-03-02")
    _one(doc, ChamberComposition, body="Senate", party_list_seats=50, start="2040-03-02")
    _one(doc, BodyEvent, body="Senate", event="first_sitting", start="2040-04-09")
    assert not _find(doc, ChamberComposition, total_seats=58)  # those who took the oath are no count of seats


PRONOUNS_AND_LISTS = """Reshuffle

ASTANA, 6 March 2041 (Plains Wire) – On Monday President Daulet Kenzhebek named Aigerim Sultanova prime minister in place of Marat Zhunusov. She had chaired the Senate since 2037. The next day the senators picked Bolat Ermekov to lead them.

The ruling Respublica holds 60 of the chamber's 98 mandates, Ak Zhol twenty and Auyl eight, a balance unchanged since the January 2040 election. The 98-member chamber has not met since.
"""


def test_gendered_pronouns_replacements_and_seat_lists() -> None:
    doc = parse_document(PRONOUNS_AND_LISTS, "reshuffle.txt")
    _evidence_holds(doc, PRONOUNS_AND_LISTS)
    _one(doc, OfficeTenure, office="Prime Minister", person="Aigerim Sultanova", start="2041-03-04")
    _one(doc, OfficeTenure, office="Prime Minister", person="Marat Zhunusov", end="2041-03-04")
    _one(doc, OfficeTenure, office="Chair of the Senate", person="Aigerim Sultanova", start="2037-01-01")  # "she"
    _one(doc, OfficeTenure, office="Chair of the Senate", person="Bolat Ermekov", start="2041-03-05")
    for party, seats in (("Respublica", 60), ("Ak Zhol", 20), ("Auyl", 8)):
        _one(doc, PartySeats, party=party, seats=seats, start="2040-01-01")


TABLES_OF_THE_KIND = """# Notes on the 2030s

## Presidential elections

| Turnout | Polling day | Early? | Election |
|--------:|-------------|--------|----------|
| 66.10% | 2031-05-11 | no | 2031 presidential |
| 71.40% | 2036-02-02 | yes, brought forward | 2036 presidential |

| % | Year | Runner-up |
|---|------|-----------|
| 12.5 | 2031 | Marat Zhunusov |

## Chambers since the 2033 reform

| Who fills them | Seats | Chamber |
|----------------|------:|---------|
| party lists | 90 | Mazhilis |
| single-member districts | 20 | Mazhilis |
| President | 12 | Senate |
"""


def test_tables_of_elections_and_of_seats_by_method_per_chamber() -> None:
    doc = parse_document(TABLES_OF_THE_KIND, "notes.md")
    _evidence_holds(doc, TABLES_OF_THE_KIND)
    first = _one(doc, Election, kind="presidential", start="2031-05-11", turnout_pct=66.1, early=False)
    _one(doc, Election, kind="presidential", start="2036-02-02", turnout_pct=71.4, early=True)
    _one(doc, ElectionResult, candidate="Marat Zhunusov", vote_share=12.5, election_ref=first.ref)
    _one(doc, ChamberComposition, body="Mazhilis", party_list_seats=90, start="2033-01-01")
    _one(doc, ChamberComposition, body="Mazhilis", single_member_seats=20, start="2033-01-01")
    _one(doc, ChamberComposition, body="Senate", appointed_seats=12, start="2033-01-01")


def test_a_long_document_is_read_a_part_at_a_time_with_the_same_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [
        f"On {1 + i % 27} March {2030 + i}, {name} was appointed Minister of Energy. "
        f"The Senate had {40 + i} members that year. He left the post in {2031 + i}."
        for i, name in enumerate(["Aidos Kenzhebek", "Marat Aliyev", "Bolat Serikov", "Timur Kassenov"] * 5)
    ]
    text = (
        "Almaty, 2 May 2060\n\nA CHRONICLE\n\n"
        + "\n\n".join(paragraphs)
        + "\n\nKenzhebek was appointed Prime Minister on Tuesday.\n"
    )
    whole = parse_document(text, "chronicle.txt")
    monkeypatch.setattr("kzgov.parsing.general.PART_CHARS", 1200)
    parted = parse_document(text, "chronicle.txt")
    _evidence_holds(parted, text)

    def stated(doc: ParsedDocument) -> list[tuple[object, ...]]:
        return sorted((type(c).__name__, repr(c.period), c.evidence.start, c.evidence.line) for c in doc.claims)

    assert len(whole.claims) >= 20 and stated(parted) == stated(whole)
    # The later parts keep the document's date and the full names it gave before.
    _one(parted, OfficeTenure, office="Prime Minister", person="Aidos Kenzhebek", start="2060-04-27")


def test_reading_a_long_document_in_parts_bounds_its_working_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The peak memory of a reading, in parts and whole, within one run: parts hold one part's model."""
    import tracemalloc

    from kzgov.parsing import general

    paragraph = (
        "The committee met in the old hall and heard the reports of its members on roads, schools and water; "
        "the chairman thanked the staff and the meeting closed after a short debate on the budget.\n\n"
    )
    text = "Minutes of the council\n\n" + paragraph * 600  # about 120 kB of prose, no claims to keep

    def peak(part_chars: int) -> int:
        monkeypatch.setattr(general, "PART_CHARS", part_chars)
        tracemalloc.start()
        try:
            general.parse(text, "minutes.txt")
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    whole, parted = peak(1 << 30), peak(10_000)
    assert parted < whole / 3, (parted, whole)
