"""Golden files for the seed documents: how a parse is written down, and a script to rewrite them.

Regenerate with ``python tests/parsing/parsing_golden.py`` from the repository root, then READ the
diff: every claim in a golden file is meant to have been checked by hand against its seed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "seeds"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"

if str(ROOT) not in sys.path:  # when run as a script
    sys.path.insert(0, str(ROOT))

from kzgov.claims import Claim, ParsedDocument, Uncovered  # noqa: E402
from kzgov.parsing import parse_document  # noqa: E402


def seed_paths() -> list[Path]:
    """The text seeds, in name order."""
    return sorted(SEEDS_DIR.glob("*.txt"))


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def claim_to_json(claim: Claim) -> dict[str, Any]:
    """A claim as a flat JSON object, its type first."""
    return {"type": type(claim).__name__, **_value(claim)}


def uncovered_to_json(item: Uncovered) -> dict[str, Any]:
    """An uncovered statement as JSON."""
    return _value(item)


def document_to_json(doc: ParsedDocument) -> dict[str, Any]:
    """Everything a parse produced, in document order."""
    return {
        "format": doc.format,
        "title": doc.title,
        "published": _value(doc.published),
        "latest_date_mentioned": _value(doc.latest_date_mentioned),
        "claims": [claim_to_json(c) for c in doc.claims],
        "uncovered": [uncovered_to_json(u) for u in doc.uncovered],
    }


def golden_path(seed: Path) -> Path:
    """Where a seed's golden file lives."""
    return GOLDEN_DIR / f"{seed.stem}.json"


def parse_seed(seed: Path) -> ParsedDocument:
    """Parse a seed exactly as the loader reads it."""
    return parse_document(seed.read_bytes().decode("utf-8"), seed.name)


def main() -> int:
    """Rewrite every golden file from the current parser."""
    GOLDEN_DIR.mkdir(exist_ok=True)
    for seed in seed_paths():
        data = document_to_json(parse_seed(seed))
        golden_path(seed).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {golden_path(seed).relative_to(ROOT)}: {len(data['claims'])} claims")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
