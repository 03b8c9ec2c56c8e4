"""How long reading documents takes: the general reader on documents of each genre and on long prose.

For each document it times the reader (the median of several runs on one core, the vocabulary already
compiled) and puts it beside the budget of the extraction issue, 0.5 s for a 600-word document, and
beside a baseline measured in the same run: splitting the same text into sentences and finding its
dates, the least any reader of prose must do. Long prose (the first document repeated) shows whether the
cost grows linearly with the text.

    python -m benchmarks.parse                       # the project's own test documents
    python -m benchmarks.parse ../shared/corpus/docs # any directory of documents
"""

from __future__ import annotations

import argparse
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
