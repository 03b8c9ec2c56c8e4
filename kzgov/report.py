"""`kzgov report`: one static HTML page of what every source says, opened from disk without a server.

The page shows each office's holders through time, one row of lanes per source; the conflicts between
claims, highlighted in the charts and listed with the sources' own words; the size of chambers, courts and
councils and the seats of parties through time, per source; and the elections with their results.

The charts are plotly's. Its wheel carries plotly.js, so the page inlines the script once and needs no
network and no second package; altair would need vl-convert (another download) to inline vega's scripts,
or a CDN the page would fetch at every opening. plotly also escapes ``<`` in the figure data it writes into
a script, and every source text placed in a chart or in the page is HTML-escaped here as well, so a quote
holding ``</script>`` or a tag is shown as text, never run.

How a claim's period is drawn never invents a date: a tenure is a bar from its start to its (exclusive)
end; an unknown bound is an open end, a bar fading out to an arrow, of a fixed length that is not a date;
a one-day claim is a point; a window (a fact that held at one unknown moment inside a period, when the
source's publication date is unknown) is a dotted bracket between two open points. The precision and
basis of each bound are in the hover text. plotly is imported only when a report is built (the rest of the
CLI starts without it).
"""

from __future__ import annotations

import datetime as dt
import decimal
import html
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzgov import interface

if TYPE_CHECKING:
    import psycopg

Row = dict[str, Any]

INSTALL_HINT = "the report needs plotly: pip install 'kzgov[report]'"

# Colours of sources (and of parties), in order; a source keeps its colour in every chart.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
CONFLICT_COLOR = "rgba(214, 39, 40, 0.35)"
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "star", "hexagon", "pentagon")
QUOTE_IN_HOVER = 300  # characters of a quote shown in a chart's hover text (the lists below give it whole)


class ReportError(Exception):
    """A report that cannot be made: said in one line."""


def require_plotly() -> None:
    """Fail with one line naming what to install when plotly is missing."""
    try:
        import plotly  # noqa: F401
    except ImportError as exc:
        raise ReportError(INSTALL_HINT) from exc


# -- the data ------------------------------------------------------------------------------------------


@dataclass
class ReportData:
    """The rows of the SQL interface a report draws, each row a dict by column name."""

    tenures: list[Row]
    compositions: list[Row]
    party_seats: list[Row]
    elections: list[Row]
    results: list[Row]
    conflicts: list[Row]
    sources: list[Row]

    def summary(self) -> str:
        """What the report shows, in one line."""
        offices = len({r["office"] for r in self.tenures})
        bodies = len({r["chamber"] for r in self.compositions})
        conflicts = len({r["conflict_id"] for r in self.conflicts})
        return (
            f"{len(self.tenures)} tenures of {offices} offices, {conflicts} conflicts, {len(self.compositions)}"
            f" compositions of {bodies} bodies, {len(self.party_seats)} party seat counts, {len(self.elections)}"
            f" elections with {len(self.results)} results, from {len(self.sources)} sources"
        )


def _rows(conn: psycopg.Connection, query: interface.Query) -> list[Row]:
    columns, rows = query.run(conn)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def gather(conn: psycopg.Connection) -> ReportData:
    """Everything the report shows, as currently recorded."""
    return ReportData(
        tenures=_rows(conn, interface.office_tenures()),
        compositions=_rows(conn, interface.chamber_compositions()),
        party_seats=_rows(conn, interface.party_seat_counts()),
        elections=_rows(conn, interface.elections_between(None, None)),
        results=_rows(conn, interface.election_results_between(None, None)),
        conflicts=_rows(conn, interface.conflicts_on()),
        sources=_rows(conn, interface.sources()),
    )


# -- periods as drawn ----------------------------------------------------------------------------------


def esc(value: object) -> str:
    """Text of a source (or anything) as HTML text; None as empty."""
    return "" if value is None else html.escape(str(value))


def number(value: object) -> str:
    """A figure as written: 71 rather than 71.00 (a numeric column keeps its scale)."""
    if isinstance(value, decimal.Decimal):
        return esc(f"{value.normalize():f}")
    return esc(value)


def when(day: dt.date | None, precision: str | None) -> str:
    """A bound as precisely as the source gives it: 2019, 2019-03 or 2019-03-20; None: unknown."""
    if day is None:
        return "unknown"
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def period_text(row: Row, until_basis: str | None = None) -> str:
    """The claim's period in words, with the precision and basis of its bounds."""
    start = when(row.get("valid_from"), row.get("valid_from_precision"))
    end = when(row.get("valid_until"), row.get("valid_until_precision"))
    basis = row.get("basis") or ""
    if row.get("valid_window"):
        return f"at one unknown moment between {start} and {end} (publication date unknown; {basis})"
    if _one_day(row):
        return f"on {start} ({basis})"
    if row.get("valid_until") is None:
        until = "until an unknown date"
    else:  # the first day no longer held (a month or a year: the one it ended in, as the source gives it)
        exact = row.get("valid_until_precision") in (None, "day")
        until = f"until {end}" + (" (exclusive)" if exact else "")
    if until_basis == "inferred" and row.get("basis") != "inferred":
        until += ", inferred from the successor's start"
    starting = f"from {start}" if row.get("valid_from") is not None else "from an unknown date"
    return f"{starting} {until} ({basis})"


def _one_day(row: Row) -> bool:
    start, end = row.get("valid_from"), row.get("valid_until")
    return start is not None and end is not None and (end - start).days == 1 and not row.get("valid_window")


@dataclass
class Span:
    """One claim as drawn: its period, where it sits (y), its hover text and label (HTML-escaped)."""

    start: dt.date | None
    end: dt.date | None
    window: bool
    y: float
    hover: str
    label: str = ""
    conflict: bool = False

    @property
    def one_day(self) -> bool:
        return self.start is not None and self.end is not None and (self.end - self.start).days == 1 and not self.window

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class Axis:
    """The time axis every chart shares: the known dates, with room for open ends."""

    lo: dt.date
    hi: dt.date
    stub: dt.timedelta = field(init=False)

    def __post_init__(self) -> None:
        self.stub = max((self.hi - self.lo) * 0.07, dt.timedelta(days=90))

    @property
    def range(self) -> list[str]:
        pad = self.stub * 1.6
        return [(self.lo - pad).isoformat(), (self.hi + pad).isoformat()]

    @classmethod
    def over(cls, dates: Iterable[dt.date | None]) -> Axis:
        known = [d for d in dates if d is not None]
        if not known:
            today = dt.date.today()
            return cls(today - dt.timedelta(days=365), today)
        return cls(min(known), max(known))


def _quote(text: str | None, limit: int = QUOTE_IN_HOVER) -> str:
    """A quote for a hover box: escaped, cut at limit, wrapped every 80 characters or so."""
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) > 80:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(esc(part) for part in lines)


def _hover(title: str, lines: Sequence[str], quote: str | None) -> str:
    """Hover text: a bold title, lines (already escaped) and the quote."""
    return f"<b>{title}</b><br>" + "<br>".join(lines) + f"<br><i>“{_quote(quote)}”</i>"


# -- drawing -------------------------------------------------------------------------------------------


def _traces(spans: list[Span], axis: Axis, color: str, name: str, symbol: str = "circle") -> list[Any]:
    """The plotly traces of spans in one colour: bars, open ends, windows, days, conflict underlay, labels."""
    import plotly.graph_objects as go

    bars: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    ends: tuple[list[Any], list[Any], list[Any], list[str]] = ([], [], [], [])
    steps = 4  # an open end is a bar fading out in this many steps, then an arrow
    fades: list[tuple[list[Any], list[Any], list[Any]]] = [([], [], []) for _ in range(steps)]
    windows: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    days: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    hot_bars: tuple[list[Any], list[Any]] = ([], [])
    hot_days: tuple[list[Any], list[Any]] = ([], [])
    labels: tuple[list[Any], list[Any], list[str]] = ([], [], [])

    def add(target: tuple[list[Any], ...], *values: Any) -> None:
        for column, value in zip(target, values, strict=True):
            column.append(value)

    for span in spans:
        if not span.dated:
            continue
        if span.one_day:
            assert span.start is not None
            add(days, span.start.isoformat(), span.y, span.hover)
            if span.conflict:
                add(hot_days, span.start.isoformat(), span.y)
            label_at = span.start
        elif span.window and span.start is not None and span.end is not None:
            for day in (span.start, span.end):
                add(windows, day.isoformat(), span.y, span.hover)
            add(windows, None, None, None)
            if span.conflict:
                add(hot_bars, span.start.isoformat(), span.y)
                add(hot_bars, span.end.isoformat(), span.y)
                add(hot_bars, None, None)
            label_at = span.start
        else:
            # The known part of the bar (a window missing a bound is drawn so too, its hover saying it is one);
            # an unknown bound is an open end beyond the known one.
            start, end = span.start, span.end
            known = [d for d in (start, end) if d is not None]
            first, last = min(known), max(known)
            for day in (first, last) if first != last else (first,):
                add(bars, day.isoformat(), span.y, span.hover)
            add(bars, None, None, None)
            if span.conflict:  # over the open ends too: the claim is in conflict over its whole period
                add(hot_bars, (first if start is not None else first - axis.stub).isoformat(), span.y)
                add(hot_bars, (last if end is not None else last + axis.stub).isoformat(), span.y)
                add(hot_bars, None, None)
            for bound, direction in ((start, -1), (end, 1)):
                if bound is not None:
                    continue
                anchor = first if direction < 0 else last
                what = "start" if direction < 0 else "end"
                note = f"{span.hover}<br>({what} unknown: no date given)"
                for step in range(steps):
                    for share in (step, step + 1):
                        day = anchor + direction * axis.stub * share / steps
                        add(fades[step], day.isoformat(), span.y, note)
                    add(fades[step], None, None, None)
                add(ends, day.isoformat(), span.y, note, "arrow-left" if direction < 0 else "arrow-right")
            label_at = start if start is not None else first - axis.stub
        if span.label:
            add(labels, label_at.isoformat(), span.y, span.label)

    hover = {"hoverinfo": "text", "hoverlabel": {"align": "left"}}
    traces = []
    if hot_bars[0]:
        traces.append(
            go.Scatter(
                x=hot_bars[0], y=hot_bars[1], mode="lines", line={"color": CONFLICT_COLOR, "width": 16},
                name="in conflict", legendgroup="conflict", hoverinfo="skip", showlegend=False,
            )
        )  # fmt: skip
    if hot_days[0]:
        traces.append(
            go.Scatter(
                x=hot_days[0], y=hot_days[1], mode="markers", marker={"color": CONFLICT_COLOR, "size": 24},
                name="in conflict", legendgroup="conflict", hoverinfo="skip", showlegend=False,
            )
        )  # fmt: skip
    if bars[0]:
        traces.append(
            go.Scatter(
                x=bars[0], y=bars[1], hovertext=bars[2], mode="lines+markers", name=name, legendgroup=name,
                line={"color": color, "width": 6}, marker={"color": color, "symbol": "line-ns", "size": 12,
                "line": {"color": color, "width": 2}}, **hover,
            )
        )  # fmt: skip
    for step, fade in enumerate(fades):
        if fade[0]:
            traces.append(
                go.Scatter(
                    x=fade[0], y=fade[1], hovertext=fade[2], mode="lines", name=f"{name}: unknown bound",
                    legendgroup=name, showlegend=False, opacity=0.75 - 0.6 * step / steps,
                    line={"color": color, "width": 6}, **hover,
                )
            )  # fmt: skip
    if ends[0]:
        traces.append(
            go.Scatter(
                x=ends[0], y=ends[1], hovertext=ends[2], mode="markers", name=f"{name}: unknown bound",
                legendgroup=name, showlegend=False, opacity=0.35,
                marker={"color": color, "symbol": ends[3], "size": 11}, **hover,
            )
        )  # fmt: skip
    if windows[0]:
        traces.append(
            go.Scatter(
                x=windows[0], y=windows[1], hovertext=windows[2], mode="lines+markers",
                name=f"{name}: window", legendgroup=name, showlegend=not bars[0],
                line={"color": color, "width": 2, "dash": "dot"},
                marker={"color": color, "symbol": f"{symbol}-open", "size": 10}, **hover,
            )
        )  # fmt: skip
    if days[0]:
        traces.append(
            go.Scatter(
                x=days[0], y=days[1], hovertext=days[2], mode="markers", name=f"{name}: one day",
                legendgroup=name, showlegend=not (bars[0] or windows[0]),
                marker={"color": color, "symbol": symbol, "size": 11}, **hover,
            )
        )  # fmt: skip
    if labels[0]:
        traces.append(
            go.Scatter(
                x=labels[0], y=labels[1], text=labels[2], mode="text", textposition="top right",
                textfont={"size": 12}, hoverinfo="skip", showlegend=False, legendgroup=name,
            )
        )  # fmt: skip
    return traces


def _figure(traces: list[Any], axis: Axis, height: int, title: str, y_title: str, **yaxis: Any) -> Any:
    import plotly.graph_objects as go

    fig = go.Figure(traces)
    fig.update_layout(
        title={"text": title, "x": 0.01},
        height=height,
        margin={"l": 170, "r": 20, "t": 40, "b": 30},
        template="plotly_white",
        hovermode="closest",
        legend={"orientation": "h", "y": -0.15 if height > 260 else -0.3},
        xaxis={"type": "date", "range": axis.range},
        yaxis={"title": {"text": y_title}, **yaxis},
    )
    return fig


def _figure_html(fig: Any, div_id: str) -> str:
    import plotly.io as pio

    html_text: str = pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )
    return html_text


# -- the sections --------------------------------------------------------------------------------------


class Colors:
    """One colour per name (a source, a party), the same wherever it is drawn."""

    def __init__(self) -> None:
        self.assigned: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.assigned:
            self.assigned[name] = PALETTE[len(self.assigned) % len(PALETTE)]
        return self.assigned[name]


Hot = dict[tuple[str, int], list[tuple[str, str]]]  # (topic, claim_id) -> its conflicts: (conflict_id, attribute)


def _conflicts_by_claim(conflicts: list[Row]) -> Hot:
    found: Hot = {}
    for row in conflicts:
        ids = found.setdefault((row["topic"], row["claim_id"]), [])
        if (row["conflict_id"], row["attribute"]) not in ids:
            ids.append((row["conflict_id"], row["attribute"]))
    return found


def _conflict_line(ids: list[tuple[str, str]]) -> list[str]:
    """Hover lines naming the conflicts a claim is in, and over what."""
    return [f"<b>in conflict</b> over {esc(attribute.replace('_', ' '))}: {esc(i)}" for i, attribute in ids]


def _lanes(spans: list[Span], axis: Axis) -> int:
    """Give overlapping spans of one source lanes of their own (span.y becomes the lane); the number used."""
    ends: list[dt.date] = []
    per_char = (axis.hi - axis.lo + 2 * axis.stub) / 130  # roughly the time a label's character covers

    def extent(span: Span) -> tuple[dt.date, dt.date]:
        known = [d for d in (span.start, span.end) if d is not None]
        lo = span.start if span.start is not None else min(known) - axis.stub
        hi = span.end if span.end is not None else max(known) + axis.stub
        return lo, max(hi, lo + per_char * (len(html.unescape(span.label)) + 2))

    for span in sorted(spans, key=lambda s: extent(s)[0]):
        lo, hi = extent(span)
        lane = next((i for i, end in enumerate(ends) if end < lo), len(ends))
        if lane == len(ends):
            ends.append(hi)
        else:
            ends[lane] = hi
        span.y = lane
    return max(len(ends), 1)


def offices_section(data: ReportData, axis: Axis, colors: Colors, hot: Hot) -> str:
    """Each office's holders through time, a row of lanes per source."""
    by_office: dict[str, list[Row]] = {}
    for row in data.tenures:
        by_office.setdefault(row["office"], []).append(row)
    parts = ['<section id="offices"><h2>Offices: who held them, by source</h2>', LEGEND_NOTE]
    if not by_office:
        parts.append("<p>No source names a holder of any office.</p>")
    for number, (office, rows) in enumerate(sorted(by_office.items()), start=1):
        traces: list[Any] = []
        tickvals: list[float] = []
        ticktext: list[str] = []
        undated: list[Row] = []
        top = 0
        for source in sorted({r["source_key"] for r in rows}):
            spans = []
            for row in (r for r in rows if r["source_key"] == source):
                if row["valid_from"] is None and row["valid_until"] is None:
                    undated.append(row)
                    continue
                ids = hot.get(("office_tenure", row["claim_id"]), [])
                person = esc(row["person"]) + (" (acting)" if row.get("acting") else "")
                lines = [esc(office), esc(period_text(row, row.get("valid_until_basis"))), f"source {esc(source)}"]
                if row.get("party"):
                    lines.insert(1, f"party: {esc(row['party'])}")
                spans.append(
                    Span(
                        row["valid_from"],
                        row["valid_until"],
                        bool(row["valid_window"]),
                        0,
                        _hover(person, lines + _conflict_line(ids), row["quote"]),
                        label=person,
                        conflict=any(attribute == "holder" for _id, attribute in ids),
                    )
                )
            lanes = _lanes(spans, axis)
            for span in spans:
                span.y += top
            tickvals.append(top)
            ticktext.append(esc(source))
            traces += _traces(spans, axis, colors(source), source)
            top += lanes
        separators = [
            {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": v - 0.5, "y1": v - 0.5,
             "line": {"color": "#ddd", "width": 1}}
            for v in tickvals[1:]
        ]  # fmt: skip
        fig = _figure(
            traces,
            axis,
            height=110 + 46 * top,
            title=esc(office),
            y_title="",
            tickvals=tickvals,
            ticktext=ticktext,
            autorange="reversed",
            zeroline=False,
            showgrid=False,
        )
        fig.update_layout(shapes=separators, showlegend=False)
        fig.update_yaxes(range=[top - 0.4, -0.8])
        parts.append(f'<div class="chart office">{_figure_html(fig, f"office-{number}")}</div>')
        if undated:
            items = "".join(
                f"<li>{esc(r['person'])} ({esc(r['source_key'])}): <q>{esc(r['quote'])}</q></li>" for r in undated
            )
            parts.append(f'<p class="undated">Held at no date the source gives:</p><ul>{items}</ul>')
    parts.append("</section>")
    return "\n".join(parts)


LEGEND_NOTE = (
    '<p class="note">A bar runs from the first day a claim gives to its end (exclusive). A bar fading out to an arrow:'
    " a bound the source leaves unknown (their length is not a date). A point: a claim about one day. A dotted"
    " bracket between open points: a fact that held at one unknown moment inside that window (the source's"
    " publication date is unknown). Red underlay: the claim is in conflict with another (listed below). Hover"
    " over a mark for its dates with their precision and basis, its source and its quote.</p>"
)


def _value_charts(
    section_id: str,
    heading: str,
    groups: dict[str, list[Row]],
    value: str,
    series: Any,
    axis: Axis,
    colors: Colors,
    hot: Hot,
    topic: str,
    describe: Any,
) -> str:
    """A chart per group (a chamber) of a number through time, one series (colour) per series(row)."""
    parts = [f'<section id="{section_id}"><h2>{heading}</h2>']
    if not groups:
        parts.append("<p>No source gives any.</p>")
    for number, (group, rows) in enumerate(sorted(groups.items()), start=1):
        traces: list[Any] = []
        names = sorted({series(r) for r in rows})
        for index, name in enumerate(names):
            spans = []
            for row in (r for r in rows if series(r) == name and r[value] is not None):
                ids = hot.get((topic, row["claim_id"]), [])
                lines = [*describe(row), esc(period_text(row)), f"source {esc(row['source_key'])}"]
                spans.append(
                    Span(
                        row["valid_from"],
                        row["valid_until"],
                        bool(row["valid_window"]),
                        row[value],
                        _hover(f"{esc(group)}: {esc(row[value])}", lines + _conflict_line(ids), row["quote"]),
                        conflict=any(attribute == value for _id, attribute in ids),  # over the figure drawn
                    )
                )
            traces += _traces(spans, axis, colors(name), esc(name), SYMBOLS[index % len(SYMBOLS)])
        fig = _figure(traces, axis, height=320, title=esc(group), y_title=value.replace("_", " "), rangemode="tozero")
        parts.append(f'<div class="chart">{_figure_html(fig, f"{section_id}-{number}")}</div>')
    parts.append("</section>")
    return "\n".join(parts)


def chambers_section(data: ReportData, axis: Axis, colors: Colors, hot: Hot) -> str:
    groups: dict[str, list[Row]] = {}
    for row in data.compositions:
        if row["total_seats"] is not None:
            groups.setdefault(row["chamber"], []).append(row)

    def describe(row: Row) -> list[str]:
        said = [
            f"{label} {esc(row[key])}"
            for key, label in (("elected_seats", "elected"), ("appointed_seats", "appointed"), ("term_years", "term"))
            if row.get(key) is not None
        ]
        return [", ".join(said)] if said else []

    return _value_charts(
        "chambers",
        "Chambers, courts and councils: seats by source",
        groups,
        "total_seats",
        lambda row: row["source_key"],
        axis,
        colors,
        hot,
        "chamber_composition",
        describe,
    )


def parties_section(data: ReportData, axis: Axis, colors: Colors, hot: Hot) -> str:
    groups: dict[str, list[Row]] = {}
    for row in data.party_seats:
        groups.setdefault(row["chamber"] or "Chamber not given by the source", []).append(row)
    return _value_charts(
        "parties",
        "Party seats by source",
        groups,
        "seats",
        lambda row: f"{row['party']} ({row['source_key']})",
        axis,
        colors,
        hot,
        "party_seats",
        lambda row: [esc(row["party"])],
    )


def conflicts_section(data: ReportData) -> str:
    """Every conflict, its claims side by side in the sources' words."""
    groups: dict[str, list[Row]] = {}
    for row in data.conflicts:
        groups.setdefault(row["conflict_id"], []).append(row)
    parts = [f'<section id="conflicts"><h2>Conflicts ({len(groups)})</h2>']
    if not groups:
        parts.append("<p>The sources agree wherever they overlap.</p>")
    ordered = sorted(groups.items(), key=lambda g: (g[1][0]["topic"], g[1][0]["subject"], g[1][0]["attribute"]))
    for conflict_id, rows in ordered:
        first = rows[0]
        stretch = f"{when(first.get('conflict_from'), None)} to {when(first.get('conflict_until'), None)}"
        body = "".join(
            "<tr>"
            f'<td class="value">{esc(r["value"])}</td><td>{esc(r["source_key"])}</td>'
            f"<td>{esc(period_text(r))}</td><td><q>{esc(r['quote'])}</q></td>"
            "</tr>"
            for r in rows
        )
        parts.append(
            f'<div class="conflict" id="conflict-{esc(conflict_id)}">'
            f"<h3>{esc(first['subject'])}: {esc(first['attribute'].replace('_', ' '))}</h3>"
            f'<p class="meta">{esc(first["topic"])} · conflict {esc(conflict_id)} · over {esc(stretch)}</p>'
            "<table><thead><tr><th>says</th><th>source</th><th>when</th><th>quote</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def elections_section(data: ReportData) -> str:
    """Each election as each source tells it, with the results it gives."""
    results: dict[int, list[Row]] = {}
    for row in data.results:
        results.setdefault(row["election_id"], []).append(row)
    parts = ['<section id="elections"><h2>Elections and results</h2>']
    if not data.elections:
        parts.append("<p>No source names an election.</p>")
    for row in data.elections:
        facts = [esc(row["status"])]
        if row.get("early"):
            facts.append("early")
        if row.get("turnout_pct") is not None:
            facts.append(f"turnout {number(row['turnout_pct'])}%")
        parts.append(
            f'<div class="election"><h3>{esc(row["kind"]).capitalize()} election,'
            f" {esc(when(row['held_on'], row['held_on_precision']))}</h3>"
            f'<p class="meta">{", ".join(facts)} · source {esc(row["source_key"])}</p>'
            f"<blockquote>{esc(row['quote'])}</blockquote>"
        )
        own = results.get(row["election_id"], [])
        if own:
            body = "".join(
                "<tr>"
                f"<td>{esc(r['candidate_or_party'])}</td>"
                f"<td>{number(r['vote_share']) + '%' if r['vote_share'] is not None else ''}</td>"
                f"<td>{esc(r['seats'])}</td><td>{esc(r['outcome'])}</td><td>{esc(r['source_key'])}</td>"
                f"<td><q>{esc(r['quote'])}</q></td>"
                "</tr>"
                for r in own
            )
            parts.append(
                "<table><thead><tr><th>candidate or party</th><th>vote share</th><th>seats</th><th>outcome</th>"
                f"<th>source</th><th>quote</th></tr></thead><tbody>{body}</tbody></table>"
            )
        parts.append("</div>")
    parts.append("</section>")
    return "\n".join(parts)


def sources_section(data: ReportData) -> str:
    body = "".join(
        "<tr>"
        f"<td>{esc(r['key'])}</td><td>{esc(r['version'])}</td><td>{esc(r['title'])}</td>"
        f"<td>{esc(r['published_on'])}</td><td>{esc(r['retrieved_on'])}</td><td>{esc(r['claims'])}</td>"
        "</tr>"
        for r in data.sources
    )
    return (
        f'<section id="sources"><h2>Sources ({len(data.sources)})</h2>'
        "<table><thead><tr><th>key</th><th>version</th><th>title</th><th>published</th><th>retrieved</th>"
        f"<th>claims</th></tr></thead><tbody>{body}</tbody></table></section>"
    )


STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 1200px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.conflict { border-left: 4px solid #d62728; padding-left: 0.8em; margin: 1em 0; }
.conflict .value { font-weight: bold; color: #b01e1f; }
.meta, .note { color: #555; font-size: 0.9em; }
blockquote { margin: 0.3em 0 0.6em 1em; color: #444; font-style: italic; }
.chart { margin: 0.5em 0; }
"""


def render(data: ReportData, generated: dt.datetime | None = None) -> str:
    """The whole page, plotly.js inlined."""
    from plotly.offline import get_plotlyjs

    generated = generated or dt.datetime.now(dt.UTC)
    dates: list[dt.date | None] = []
    for rows in (data.tenures, data.compositions, data.party_seats):
        for row in rows:
            dates += [row.get("valid_from"), row.get("valid_until")]
    axis = Axis.over(dates)
    colors = Colors()
    for row in data.sources:
        colors(row["key"])
    hot = _conflicts_by_claim(data.conflicts)
    script = get_plotlyjs().replace("</script", "<\\/script")  # (it holds none; a later version must not end ours)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>kzgov report</title>",
            f"<style>{STYLE}</style>",
            f'<script type="text/javascript">{script}</script>',
            "</head><body>",
            "<h1>Kazakhstan's government over time, as each source tells it</h1>",
            f'<p class="meta">kzgov report, made {esc(generated.strftime("%Y-%m-%d %H:%M UTC"))} from the claims'
            f" currently recorded: {len(data.tenures)} tenures, {len(data.compositions)} compositions,"
            f" {len(data.party_seats)} party seat counts, {len(data.elections)} elections,"
            f" {len(data.results)} results; {len({r['conflict_id'] for r in data.conflicts})} conflicts.</p>",
            '<nav><a href="#offices">Offices</a> · <a href="#conflicts">Conflicts</a> ·'
            ' <a href="#chambers">Chambers</a> · <a href="#parties">Party seats</a> ·'
            ' <a href="#elections">Elections</a> · <a href="#sources">Sources</a></nav>',
            offices_section(data, axis, colors, hot),
            conflicts_section(data),
            chambers_section(data, axis, colors, hot),
            parties_section(data, axis, colors, hot),
            elections_section(data),
            sources_section(data),
            "</body></html>",
        ]
    )


# -- writing -------------------------------------------------------------------------------------------


def check_target(path: Path) -> None:
    """Refuse, before any work, a path the report cannot be written to."""
    if path.is_dir():
        raise ReportError(f"cannot write the report to {path}: it is a directory")
    parent = path.parent
    if not parent.is_dir():
        raise ReportError(f"cannot write the report to {path}: no directory {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ReportError(f"cannot write the report to {path}: {parent} is not writable")


def write_atomically(text: str, path: Path) -> None:
    """Write text to a temporary file beside path, then rename it over path: never a half-written report."""
    check_target(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ReportError(f"cannot write the report to {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as a file the user created (mkstemp makes it private)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ReportError(f"cannot write the report to {path}: {exc.strerror or exc}") from exc
        raise


def build(conn: psycopg.Connection, path: Path) -> ReportData:
    """Write the report of what conn's database holds to path; what it shows."""
    require_plotly()
    check_target(path)
    data = gather(conn)
    write_atomically(render(data), path)
    return data
