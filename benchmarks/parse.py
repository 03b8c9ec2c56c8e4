"""How long reading documents takes: the general reader on documents of each genre and on long prose.

For each document it times the reader (the median of several runs on one core, the vocabulary already
compiled) and puts it beside the budget of the extraction issue, 0.5 s for a 600-word document, and
beside a baseline measured in the same run: splitting the same text into sentences and finding its
dates, the least any reader of prose must do. Long prose (the first document repeated) and dense prose (made
up here, every sentence a statement of fact with other names and dates: the reader's worst case) show
whether the cost grows linearly with the text.

    python -m benchmarks.parse                       # the project's own test documents
    python -m benchmarks.parse ../shared/corpus/docs # any directory of documents
    python -m benchmarks.parse --dense 100000 400000 1600000  # dense prose of these sizes (characters)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kzgov.parsing import general
from kzgov.parsing.dates import absolute_dates
from kzgov.parsing.text import split_sentences

BUDGET_SECONDS_PER_600_WORDS = 0.5


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _baseline(text: str) -> None:
    for start, end in split_sentences(text, 0, len(text)):
        absolute_dates(text[start:end])


_FIRST = (
    "Aidar", "Bolat", "Dana", "Ermek", "Gulnar", "Kairat", "Laura", "Marat", "Nurlan", "Olzhas",
    "Saule", "Timur", "Zhanar", "Yerlan", "Asel", "Daulet", "Madina", "Ruslan", "Aruzhan", "Baurzhan",
)  # fmt: skip
_LAST = (
    "Alpysov", "Beisenova", "Kenzhin", "Ormanov", "Temirov", "Sultanova", "Zhakupov", "Mukanova", "Ospanov",
    "Tulegenova", "Abenov", "Iskakova", "Nurpeisov", "Sadykova", "Rakhimov", "Yesimova", "Dzhaksybekov", "Kaliyeva",
)  # fmt: skip
_OFFICES = (
    "Prime Minister", "Minister of Finance", "Minister of Justice", "Minister of Health", "Chair of the Senate",
    "Chair of the Mazhilis", "Minister of Education", "Foreign Minister", "Minister of Defence",
)  # fmt: skip
_BODIES = ("Mazhilis", "Senate", "Constitutional Court", "Supreme Court")
_TERMS = ("four", "five", "six")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip


def dense_prose(chars: int, seed: int = 13) -> str:
    """About chars characters of paragraphs in which every sentence states a fact (made-up names and dates)."""
    r = random.Random(seed)

    def name() -> str:
        return f"{r.choice(_FIRST)} {r.choice(_LAST)}"

    def day() -> str:
        return f"{r.randint(1, 28)} {r.choice(_MONTHS)} {r.randint(1992, 2039)}"

    sentences: list[Callable[[], str]] = [
        lambda: f"{name()} was appointed {r.choice(_OFFICES)} on {day()}.",
        lambda: f"The {r.choice(_BODIES)} had {r.randint(20, 150)} members until {r.randint(1995, 2039)}.",
        lambda: f"{name()} served as {r.choice(_OFFICES)} from {r.randint(1992, 2015)} to {r.randint(2016, 2039)}.",
        lambda: f"On {day()}, {name()} resigned as {r.choice(_OFFICES)}.",
        lambda: f"{name()} has been {r.choice(_OFFICES)} since {r.choice(_MONTHS)} {r.randint(1992, 2039)}.",
        lambda: f"Early presidential elections were held on {day()}, turnout {r.randint(500, 900) / 10} per cent.",
        lambda: f"{name()} won {r.randint(5, 90)}.{r.randint(0, 9)}% of the vote.",
        lambda: f"The {r.choice(_BODIES)} has {r.randint(20, 150)} seats, elected for a {r.choice(_TERMS)}-year term.",
    ]
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(r.choice(sentences)() for _ in range(r.randint(3, 7)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def measure(path: Path, text: str, repeat: int) -> dict[str, float]:
    """Seconds to read one document, its words, and the same for the baseline."""
    words = len(text.split())
    seconds = _median_seconds(lambda: general.parse(text, path.name), repeat)
    base = _median_seconds(lambda: _baseline(text), repeat)
    return {"words": words, "seconds": seconds, "baseline": base}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "dir", nargs="?", type=Path, default=Path(__file__).parents[1] / "tests" / "corpus_heldout" / "docs"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--long", type=int, default=80, help="copies of the first document in the long-prose check")
    parser.add_argument(
        "--dense",
        type=int,
        nargs="*",
        default=[100_000, 400_000],
        help="sizes (characters) of the dense-prose check (none: skip it)",
    )
    args = parser.parse_args(argv)
    files = sorted(p for p in args.dir.iterdir() if p.is_file())
    if not files:
        print(f"no documents in {args.dir}", file=sys.stderr)
        return 2
    general.parse(files[0].read_text(encoding="utf-8"), files[0].name)  # compile the vocabulary once
    print(
        "| document | words | reader ms | baseline ms | reader / baseline | share of the 0.5 s per 600 words budget |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    worst = 0.0
    for path in files:
        text = path.read_text(encoding="utf-8")
        m = measure(path, text, args.repeat)
        budget = BUDGET_SECONDS_PER_600_WORDS * max(m["words"], 1) / 600
        worst = max(worst, m["seconds"] / budget)
        print(
            f"| {path.name} | {m['words']:.0f} | {1000 * m['seconds']:.1f} | {1000 * m['baseline']:.1f} "
            f"| {m['seconds'] / max(m['baseline'], 1e-9):.0f}x | {100 * m['seconds'] / budget:.0f}% |"
        )
    print(f"\nworst document: {100 * worst:.0f}% of its budget")
    body = files[0].read_text(encoding="utf-8")
    print("\n| copies of the first document | characters | reader s | microseconds per character |")
    print("|---:|---:|---:|---:|")
    for copies in (max(1, args.long // 8), max(1, args.long // 2), args.long):
        text = "\n\n".join([body] * copies)
        seconds = _median_seconds(lambda text=text: general.parse(text, "long.txt"), 1)
        print(f"| {copies} | {len(text)} | {seconds:.2f} | {1e6 * seconds / len(text):.1f} |")
    if args.dense:
        print("\n| dense prose, characters | claims | reader s | microseconds per character | reader / baseline |")
        print("|---:|---:|---:|---:|---:|")
    for size in args.dense:
        text = dense_prose(size)
        start = time.perf_counter()
        claims = len(general.parse(text, "dense.txt").claims)
        seconds = time.perf_counter() - start
        base = _median_seconds(lambda text=text: _baseline(text), 1)
        print(
            f"| {len(text)} | {claims} | {seconds:.2f} | {1e6 * seconds / len(text):.1f} "
            f"| {seconds / max(base, 1e-9):.0f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
