"""Mentions: vocabulary matched across case, accents, scripts and plurals; numbers in digits and words; persons."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzgov.parsing import mentions
from kzgov.parsing.mentions import People, candidate_names, fold, lexicon, number_value, numbers


@pytest.mark.parametrize(
    ("text", "kind", "canonical"),
    [
        ("the MAJILIS voted", "body", "Mazhilis"),
        ("the Mäjilis voted", "body", "Mazhilis"),
        ("the Мәжіліс voted", "body", "Mazhilis"),
        ("in the lower house", "body", "Mazhilis"),
        ("two heads of government", "office", "Prime Minister"),
        ("the Senate Speaker said", "office", "Chair of the Senate"),
        ("AMANAT party lists", "party", "Amanat"),
        ("Aq Jol deputies", "party", "Ak Zhol"),
        ("People's Party of Kazakhstan won", "party", "People's Party of Kazakhstan"),
    ],
)
def test_vocabulary_matches_spellings_scripts_and_plurals(text: str, kind: str, canonical: str) -> None:
    found = [(m.kind, m.canonical) for m in lexicon().find(text)]
    assert (kind, canonical) in found


def test_fold_keeps_one_character_for_one_and_folds_case_before_transliterating() -> None:
    for text in ("Şymkent", "Мәжіліс", "ÄLİHAN"):
        assert len(fold(text)) == len(text)
    assert fold("Şymkent") == "symkent" and fold("Shymkent").startswith("sh")


def test_a_user_vocabulary_file_extends_the_shipped_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert not [m for m in lexicon().find("the Steppe Council met") if m.kind == "body"]
    (tmp_path / mentions.VOCABULARY_FILE).write_text(
        "kind,canonical,variant,note\n"
        "body,Steppe Council,Steppe Council,council\n"
        "body,Steppe Council,Dala Kenesi,council\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KZGOV_HOME", str(tmp_path))
    found = [(m.kind, m.canonical, m.note) for m in lexicon().find("the Steppe Council and the Dala Kenesi met")]
    assert found == [("body", "Steppe Council", "council"), ("body", "Steppe Council", "council")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("3,431,510 votes", [3431510.0]),
        ("3 431 510 votes", [3431510.0]),
        ("3\u00a0431\u00a0510 votes", [3431510.0]),
        ("53.90 per cent", [53.9]),
        ("eight seats and a five-year term", [8.0, 5.0]),
        ("twenty-four members", [24.0]),
        ("version 2.3.1", []),
    ],
)
def test_numbers_in_digits_and_words(text: str, values: list[float]) -> None:
    assert [n.value for n in numbers(text)] == values


def test_number_value_reads_a_cell_alone() -> None:
    assert number_value("1 204 330") == 1204330.0
    assert number_value("41.20 %") == 41.2
    assert number_value("-") is None


def test_persons_are_capitalised_names_that_are_no_office_or_body() -> None:
    text = "President Daulet Kenzhebek met Aruzhan Temirova in the Senate on Monday."
    masked = [(m.start, m.end) for m in lexicon().find(text)]
    assert [p.name for p in candidate_names(text, masked)] == ["Daulet Kenzhebek", "Aruzhan Temirova"]


def test_a_surname_stands_for_the_full_name_the_document_used_unless_two_share_it() -> None:
    people = People()
    people.learn("Daulet Kenzhebek")
    people.learn("Serik Akhmetov")
    people.learn("Daniyar Akhmetov")
    assert people.complete("Kenzhebek") == "Daulet Kenzhebek"
    assert people.complete("Kenjebek") == "Daulet Kenzhebek"  # another romanisation of the same name
    assert people.complete("Akhmetov") is None
    assert people.complete("Nobody") is None
