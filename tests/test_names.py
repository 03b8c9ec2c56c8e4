"""Names: one identity under its transliterations, and no false merges."""

from __future__ import annotations

import pytest

from kzgov.names import canonical, name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Smaiylov", "Smailov"),
        ("Älihan Smaiylov", "Alikhan Smailov"),
        ("Mazhilis", "Mäjilis"),
        ("Majilis", "Mazhilis"),
        ("Kassym-Jomart Tokayev", "Kasym-Zhomart Toqaev"),
        ("Amirjan Qosanov", "Amirzhan Kosanov"),
        ("Nurlan NIGMATULIN", "nurlan nigmatulin"),
    ],
)
def test_name_key_joins_transliterations(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Person 11", "Person 1"), ("District 100", "District 10"), ("Senate", "Senat of Valdoria"), ("Asanov", "Asan")],
)
def test_name_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("organization", "Majlis", "Mazhilis"),
        ("organization", "Upper House Senate", "Senate"),
        ("organization", "nur otan", "Amanat"),
        ("office", "Head of Government", "Prime Minister"),
        ("organization", "Valdorian Assembly of Elders", "Valdorian Assembly of Elders"),
    ],
)
def test_canonical_uses_curated_aliases(kind: str, name: str, expected: str) -> None:
    assert canonical(kind, name) == expected
