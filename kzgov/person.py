"""One person's record: every office, party and election result the sources give them.

A user types a name as they know it (Назарбаев, Nazarbayev, NAZARBAEV, or the surname alone); the persons
the claims name are matched by kzgov.names.script_key, which folds case, accents, transliteration and
script. The claims themselves come from kzgov's SQL interface (kzgov.interface).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import psycopg

from kzgov import interface
from kzgov.names import script_key
from kzgov.queries import Answer, NoSuchName


class SeveralPersons(NoSuchName):
    """A name that matches more than one person: the user must say which."""


@dataclass(frozen=True)
class Person:
    """One person under every spelling recorded for them (one id per spelling the loader could not fold)."""

    name: str
    spellings: tuple[str, ...]
    ids: tuple[int, ...]


def people(recorded: list[tuple[int, str]]) -> list[Person]:
    """The recorded (id, name) pairs as persons: names whose script_key is the same are one person."""
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for person_id, name in recorded:
        by_key[script_key(name)].append((person_id, name))
    found = []
    for named in by_key.values():
        spellings = sorted({name for _, name in named}, key=lambda n: (not _latin(n), n))
        found.append(Person(spellings[0], tuple(spellings), tuple(sorted({i for i, _ in named}))))
    return sorted(found, key=lambda p: p.name)


def _latin(name: str) -> bool:
    """True when every letter of name is Latin (accented or not): the spelling shown first."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def find(wanted: str, candidates: list[Person]) -> list[Person]:
    """The persons wanted names: those whose whole name it is, else those with every word of it in their name."""
    key = script_key(wanted)
    if not key:
        return []
    whole = [p for p in candidates if any(script_key(s) == key for s in p.spellings)]
    if whole:
        return whole
    words = set(key.split())
    return [p for p in candidates if any(words <= set(script_key(s).split()) for s in p.spellings)]


def record(conn: psycopg.Connection, wanted: str) -> Answer:
    """Every office, party and result of the one person wanted names, by source."""
    _, recorded = interface.persons().run(conn)
    candidates = people([(int(i), str(n)) for i, n in recorded])
    found = find(wanted, candidates)
    if not found:
        raise NoSuchName(
            f"no person called {wanted!r} in the claims recorded (names compared whatever their case, accents,"
            " spelling or script)"
        )
    if len(found) > 1:
        raise SeveralPersons(
            f"{wanted!r} names {len(found)} persons: {'; '.join(p.name for p in found)}; give more of the name"
        )
    person = found[0]
    columns, rows = interface.person_record(person.ids).run(conn)
    return Answer(columns, rows, f"no claims about {person.name}", interface.PERSON_COLUMNS)
