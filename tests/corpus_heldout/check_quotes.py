"""Check answers.csv: every quote_fragment is a verbatim substring of its document; fields well formed."""
import csv, pathlib, re, sys
from collections import Counter

HERE = pathlib.Path(__file__).parent
docs = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "docs").iterdir()}
KINDS = {"office_tenure", "chamber_composition", "party_seats", "election", "election_result", "body_event"}
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")
bad = 0
rows = list(csv.DictReader(open(HERE / "answers.csv", encoding="utf-8")))
for i, r in enumerate(rows, 2):
    problems = []
    if r["doc"] not in docs: problems.append("unknown doc")
    elif r["quote_fragment"] not in docs[r["doc"]]: problems.append("quote not verbatim")
    if r["kind"] not in KINDS: problems.append("bad kind")
    for c in ("valid_from", "valid_until"):
        if not DATE.match(r[c]): problems.append("bad " + c)
    if problems:
        bad += 1
        print(f"line {i}: {', '.join(problems)}: {r}")
print(len(rows), "rows,", bad, "bad")
print(Counter(r["doc"] for r in rows))
print(Counter(r["kind"] for r in rows))
sys.exit(1 if bad else 0)
