"""Tables read by the role of each column, in any order: holders and their dates, results, seats.

A column's role comes from its header (``Name``, ``Took office``, ``Left office``, ``Party``,
``Votes``, ``%``, ``Seats``/``Mandates``, ``Election date``, ``Period``, ``Elected``,
``Appointed``, ``Total``); headers of two rows are read together, a cell spanning rows is
repeated in the rows below, and footnote marks are ignored. What the table is about (which
office, which election, which body) comes from its own header, caption, section or the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kzgov.claims import ElectionKind, Period
from kzgov.parsing.blocks import Block, Cell, join
from kzgov.parsing.dates import When, find_spans, find_when, parse_when
from kzgov.parsing.mentions import fold, lexicon, number_value
from kzgov.parsing.text import FOOTNOTE_MARK_RE, Plain

if TYPE_CHECKING:
    from kzgov.claims import Evidence, Uncovered
    from kzgov.parsing.general import Reader

_ROLES: list[tuple[str, str]] = [
    (r"^(?:no\.?|#|nr\.?|number)$", "index"),
    (r"^turnout", "turnout"),
    (r"^early|ahead of schedule|^snap", "early"),
    (r"^(?:chamber|house|body)$", "chamber"),
    (r"who fills|filled by|selected by|chosen by|^method|^how (?:chosen|filled|elected)", "method"),
    (r"took office|assumed office|term start|^from$|^start|^since|in office from|^began", "start"),
    (r"left office|term end|^to$|^until|^end|^ended", "end"),
    (r"^(?:election\s+)?date|^held|^polling day|^election$|^year$", "date"),
    (r"^elections?$", "elections"),
    (r"^(?:period|years|dates|tenure|term of office|in office)$", "period"),
    (r"length of term|term length|^term$", "term"),
    (r"votes?\s*%|vote share|share|^%$|percent|per cent", "share"),
    (r"^votes?$|votes received|number of votes", "votes"),
    (r"^(?:seats|mandates|deputies|mps)$|seats won|mandates won", "seats"),
    (r"^elected", "elected"),
    (r"^appointed", "appointed"),
    (r"^total", "total"),
    (r"party|list|bloc|alliance", "party"),
    (
        r"^(?:name|holder|person|incumbent|candidate|officeholder|prime minister|president"
        r"|chairman|chair|speaker|leader|group|runner-up|winner)\b",
        "name",
    ),
    (r"^(?:office|position|post|title|portfolio)$", "office"),
]


def _plain_cell(text: str) -> str:
    return re.sub(r"\s+", " ", FOOTNOTE_MARK_RE.sub("", text)).strip()


def _role(header: str) -> str | None:
    h = fold(_plain_cell(header)).strip(" :")
    if not h:
        return None
    if lexicon().find(h, {"office"}) and not re.search(r"took|left|office$", h):
        return "name"
    for pattern, role in _ROLES:
        if re.search(pattern, h):
            return role
    return None


def _grid(rows: list[list[Cell]]) -> list[list[Cell | None]]:
    """Rows with colspans spread and rowspans carried down, so every row has a cell per column."""
    grid: list[list[Cell | None]] = []
    carry: dict[int, tuple[Cell, int]] = {}
    for row in rows:
        out: list[Cell | None] = []
        col = 0
        cells = iter(row)
        while True:
            if col in carry:
                cell, left = carry[col]
                out.append(cell)
                if left <= 1:
                    del carry[col]
                else:
                    carry[col] = (cell, left - 1)
                col += 1
                continue
            nxt = next(cells, None)
            if nxt is None:
                break
            for i in range(nxt.colspan):
                out.append(nxt if i == 0 else None)
                if nxt.rowspan > 1:
                    carry[col] = (nxt, nxt.rowspan - 1)
                col += 1
        grid.append(out)
    return grid


def read_table(reader: Reader, table: Block, section_office: str | None) -> None:
    """Claims from each row of a table, by what its columns hold."""
    grid = _grid(table.rows)
    if len(grid) < 2:
        return
    header_rows = 0
    while header_rows < len(grid) - 1 and all(c is None or c.header or not c.text.text for c in grid[header_rows]):
        header_rows += 1
    if header_rows == 0:
        header_rows = 1
    width = max(len(r) for r in grid)
    headers = []
    for col in range(width):
        parts: list[str] = []
        for r in grid[:header_rows]:
            c = r[col] if col < len(r) else None
            if c is not None and c.text.text and (not parts or parts[-1] != c.text.text):
                parts.append(c.text.text)
        headers.append(" ".join(parts))
    roles: dict[str, int] = {}
    for i, h in enumerate(headers):
        role = _role(h)
        if role is not None and role not in roles:
            roles[role] = i
    body = grid[header_rows:]
    context = " ".join([table.text.text, table.section, reader.ctx.title])
    about_votes = bool({"votes", "share", "date"} & roles.keys()) or re.search(r"elect|vote|result|poll", fold(context))
    if "name" in roles and ("start" in roles or "period" in roles or "end" in roles):
        _tenures(reader, table, body, roles, headers, section_office)
    elif _is_method_table(headers):
        _methods(reader, table, body, headers)
    elif "seats" in roles and "chamber" in roles:
        _methods_by_chamber(reader, table, body, roles)
    elif "date" in roles and ({"turnout", "early"} & roles.keys()) and not ({"name", "party"} & roles.keys()):
        _elections(reader, table, body, roles, context)
    elif ("party" in roles or "name" in roles) and ({"votes", "share", "seats"} & roles.keys()) and about_votes:
        _results(reader, table, body, roles, context)
    elif "period" in roles and ({"elected", "appointed", "total"} & roles.keys()):
        _compositions(reader, table, body, roles)
    else:
        for row in body:
            cells = [c for c in row if c is not None and c.text.text]
            if cells and any(re.search(r"\d", c.text.text) for c in cells):
                p = join([c.text for c in cells], " | ")
                reader.uncovered.append(reader_uncovered(reader, p, "a table row no rule reads"))


def reader_uncovered(reader: Reader, p: Plain, reason: str) -> Uncovered:
    from kzgov.claims import Uncovered

    return Uncovered(reader.evidence(p), reason)


def _cell(row: list[Cell | None], roles: dict[str, int], role: str) -> Cell | None:
    i = roles.get(role)
    if i is None or i >= len(row):
        return None
    return row[i]


def _text(cell: Cell | None) -> str:
    return _plain_cell(cell.text.text) if cell is not None else ""


def _row_plain(row: list[Cell | None]) -> Plain:
    seen = []
    for c in row:
        if c is not None and c.text.text and c not in seen:
            seen.append(c)
    seen.sort(key=lambda c: c.text.offsets[0])
    return join([c.text for c in seen], " | ")


def _when(cell: Cell | None) -> When | None:
    if cell is None:
        return None
    return parse_when(_plain_cell(cell.text.text)) or next(iter(find_when(_plain_cell(cell.text.text))), None)


def _tenures(
    reader: Reader,
    table: Block,
    body: list[list[Cell | None]],
    roles: dict[str, int],
    headers: list[str],
    section_office: str | None,
) -> None:
    name_header = headers[roles["name"]]
    in_header = lexicon().find(name_header, {"office"})
    office = in_header[0].canonical if in_header else None
    office = office or next((m.canonical for m in lexicon().find(table.text.text, {"office"})), None)
    office = office or section_office or reader.ctx.topic_office
    if office is None:
        found = lexicon().find(table.section + " " + reader.ctx.title, {"office"})
        office = found[0].canonical if found else None
    frames = reader.frames
    for row in body:
        name = re.sub(r"\s*\((?:b\.|born)[^)]*\)", "", _text(_cell(row, roles, "name"))).strip()
        row_office = _text(_cell(row, roles, "office")) or office
        if not name or not row_office or not re.search(r"[A-Za-zА-я]", name):
            continue
        if lexicon().find(row_office, {"office"}):
            row_office = lexicon().find(row_office, {"office"})[0].canonical
        start = _when(_cell(row, roles, "start"))
        end_cell = _cell(row, roles, "end")
        end = _when(end_cell)
        if "period" in roles and start is None:
            text = _text(_cell(row, roles, "period"))
            dates = find_when(text)
            spans = find_spans(text, dates)
            if spans:
                start, end = spans[0].first, spans[0].last
            elif dates:
                start = dates[0]
        if start is None and end is None:
            continue
        plain = _row_plain(row)
        s = frames.read(plain, reader.evidence(plain), table.section)
        party_text = _text(_cell(row, roles, "party"))
        parties = lexicon().find(party_text, {"party"})
        party = parties[-1].canonical if parties and parties[-1].note != "no party" else None
        if start is not None:
            period = frames._between(start, end)
        else:
            assert end is not None
            period = frames._until(end)
        if period is None:
            continue
        reader.ctx.people.learn(name)
        frames.tenure(row_office, name, period, s, party=party)
        elections = _text(_cell(row, roles, "elections"))
        kind: ElectionKind | None = "presidential" if row_office == "President" else None
        if elections and kind:
            for y in find_when(elections):
                frames.election(s, kind, y)


def _election_of(reader: Reader, context: str, when: When | None) -> str | None:
    frames = reader.frames
    if when is not None:
        kind = reader.frames._kind(frames.read(Plain(context, tuple(range(len(context)))), _no_evidence(), ""), context)
        if kind is None:
            kind = reader.ctx.election_kind
        if kind is None:
            return None
        return None if kind is None else kind
    return reader.ctx.last_election


def _no_evidence() -> Evidence:
    from kzgov.claims import Evidence

    return Evidence("", 0, 0)


def _results(reader: Reader, table: Block, body: list[list[Cell | None]], roles: dict[str, int], context: str) -> None:
    frames = reader.frames
    # A table of candidates names each one's party beside them; a table of parties has only the party.
    who_col = "name" if "name" in roles else "party"
    for row in body:
        who = _text(_cell(row, roles, who_col))
        beside = _text(_cell(row, roles, "party")) if who_col == "name" and "party" in roles else ""
        if not who or re.fullmatch(r"(?i)total|totals?:?|valid votes|invalid.*|turnout.*", who):
            continue
        plain = _row_plain(row)
        s = frames.read(plain, reader.evidence(plain), table.section)
        when = _when(_cell(row, roles, "date"))
        if when is not None:
            kind = frames._kind(s, context) or reader.ctx.election_kind
            if kind is None:
                continue
            election: str | None = frames.election(s, kind, when)
        else:
            election = reader.ctx.last_election
        if election is None:
            continue
        share = number_value(_text(_cell(row, roles, "share")).replace(",", "."))
        votes = number_value(_text(_cell(row, roles, "votes")))
        seats = number_value(_text(_cell(row, roles, "seats")))
        found = lexicon().find(who, {"party"})
        against = re.fullmatch(r"(?i)against\s+all|none\s+of\s+the\s+above", who)
        party = (
            found[0].canonical if found and found[0].start == 0 else (who if against or who_col == "party" else None)
        )
        candidate = None if who_col == "party" or found else who
        if beside and candidate is not None:
            named = lexicon().find(beside, {"party"})
            party = named[0].canonical if named else beside
        if party is not None and re.search(r"\bparty\b", party, re.IGNORECASE) and not found:
            party = re.sub(r"(?i)\s+party$", "", party).strip()
        frames.result(
            s,
            election,
            candidate=candidate,
            party=party,
            vote_share=share,
            votes=int(votes) if votes is not None and votes == int(votes) and votes > 100 else None,
            seats=int(seats) if seats is not None and seats == int(seats) else None,
        )


def _compositions(reader: Reader, table: Block, body: list[list[Cell | None]], roles: dict[str, int]) -> None:
    frames = reader.frames
    subject = reader.ctx.topic_body or reader.ctx.last_body
    if subject is None:
        return
    for row in body:
        text = _text(_cell(row, roles, "period"))
        dates = find_when(text)
        spans = find_spans(text, dates)
        if spans:
            period = frames._between(spans[0].first, spans[0].last)
        elif dates:
            period = (
                frames._since(dates[0])
                if re.search(r"since|present", text, re.IGNORECASE)
                else frames._between(dates[0], None)
            )
        else:
            continue
        if period is None:
            continue
        values: dict[str, int] = {}
        for role, column in (("elected", "elected_seats"), ("appointed", "appointed_seats"), ("total", "total_seats")):
            n = number_value(_text(_cell(row, roles, role)))
            if n is not None and n == int(n):
                values[column] = int(n)
        plain = _row_plain(row)
        s = frames.read(plain, reader.evidence(plain), table.section)
        frames._composition(s, subject[0], subject[1], period, election_method=None, **values)


def _is_method_table(headers: list[str]) -> bool:
    h = [fold(x) for x in headers]
    return any(re.search(r"^(?:group|method|category|type)", x) for x in h) and any(re.search(r"^seats", x) for x in h)


def _methods(reader: Reader, table: Block, body: list[list[Cell | None]], headers: list[str]) -> None:
    """Seats by method of selection: the subtotals of elected and appointed seats and the total."""
    subject = reader.ctx.topic_body or reader.ctx.last_body
    if subject is None:
        return
    frames = reader.frames
    seats_col = next(i for i, h in enumerate(headers) if re.search(r"^seats", fold(h)))
    caption = table.text.text
    dates = find_when(caption)
    period = (
        frames._since(dates[0])
        if dates and re.search(r"since|from", caption, re.IGNORECASE)
        else Period.as_of_publication()
    )
    values: dict[str, int] = {}
    rows = []
    for row in body:
        label = fold(_text(row[0] if row else None))
        n = number_value(_text(row[seats_col] if seats_col < len(row) else None))
        if n is None:
            continue
        if re.search(r"\belected\b.*\bsubtotal|\bsubtotal\b.*\belected", label):
            values["elected_seats"] = int(n)
            rows.append(row)
        elif re.search(r"\bappointed\b.*\bsubtotal|\bsubtotal\b.*\bappointed", label):
            values["appointed_seats"] = int(n)
            rows.append(row)
        elif re.fullmatch(r"total", label.strip()):
            values["total_seats"] = int(n)
            rows.append(row)
    if not values:
        return
    plain = join([_row_plain(r) for r in rows], " ; ")
    s = frames.read(plain, reader.evidence(plain), table.section)
    frames._composition(s, subject[0], subject[1], period, election_method=None, **values)


def _elections(
    reader: Reader, table: Block, body: list[list[Cell | None]], roles: dict[str, int], context: str
) -> None:
    """A table of elections: polling day, turnout, whether early."""
    frames = reader.frames
    for row in body:
        when = _when(_cell(row, roles, "date"))
        if when is None:
            continue
        plain = _row_plain(row)
        s = frames.read(plain, reader.evidence(plain), table.section)
        kind = frames._kind(s, plain.text + " " + context)
        if kind is None:
            continue
        turnout = number_value(_text(_cell(row, roles, "turnout")).replace(",", "."))
        early_text = fold(_text(_cell(row, roles, "early")))
        early = (
            True
            if re.match(r"yes|early|snap|true", early_text)
            else (False if re.match(r"no\b|regular|false", early_text) else None)
        )
        frames.election(
            s, kind, when, early=early, turnout=turnout if turnout is not None and 0 <= turnout <= 100 else None
        )


def _methods_by_chamber(reader: Reader, table: Block, body: list[list[Cell | None]], roles: dict[str, int]) -> None:
    """Seats of each chamber by how they are filled: "party lists | 72 | Mazhilis"."""
    frames = reader.frames
    dates = find_when(table.section + " " + table.text.text)
    since = dates[0] if dates and re.search(r"\bsince\b", fold(table.section + " " + table.text.text)) else None
    for row in body:
        chamber = lexicon().find(_text(_cell(row, roles, "chamber")), {"body"})
        seats = number_value(_text(_cell(row, roles, "seats")))
        label_cell = _cell(row, roles, "method") or next(
            (c for c in row if c is not None and not re.search(r"\d", c.text.text)), None
        )
        label = fold(_text(label_cell))
        if not chamber or seats is None or seats != int(seats):
            continue
        if re.search(r"party[\s-]*list", label):
            key = "party_list_seats"
        elif re.search(r"single[\s-]*member|district|constituenc", label):
            key = "single_member_seats"
        elif re.search(r"^(?:the\s+)?president|appoint", label):
            key = "appointed_seats"
        elif re.search(r"maslikhat|regional|local\s+(?:assembl|council)|elected|indirect", label):
            key = "elected_seats"
        else:
            continue
        plain = _row_plain(row)
        s = frames.read(plain, reader.evidence(plain), table.section)
        period = frames._since(since) if since else Period.as_of_publication()
        values: dict[str, int] = {key: int(seats)}
        method = None
        if key == "party_list_seats":
            method = f"party lists ({int(seats)})"
        elif key == "single_member_seats":
            method = f"single-member districts ({int(seats)})"
        frames._composition(
            s, chamber[0].canonical, chamber[0].note or "chamber", period, election_method=method, **values
        )
