"""kzgov's benchmark harness: a synthetic source generator and one command that measures a whole run.

``python -m benchmarks.run --size 1M`` from the repository root; see benchmarks/RESULTS.md.
"""
