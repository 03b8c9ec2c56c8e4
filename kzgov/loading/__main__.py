"""python -m kzgov.loading: the check of a set of files, in a process of its own (kzgov.loading.check)."""

from kzgov.loading.check import main

main()
