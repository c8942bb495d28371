"""overblik.danish: one slugifier, one sort order, one plural rule, one number format."""

from __future__ import annotations

from types import SimpleNamespace

from overblik.danish import amount, count, name_key, number, plain_number, slugify, sort_key
from overblik.site.finderdata import area_id


def test_one_slugifier_for_file_names_and_finder_areas():
    for name, slug in [
        ("Straße", "strasse"),
        ("Vejleåparken", "vejleaaparken"),
        ("Ældre Øst / Syd", "aeldre-oest-syd"),
        ("Café Ünder", "cafe-under"),
    ]:
        assert slugify(name) == slug
        assert area_id(name) == slug
    assert area_id("!!!") == "omraade"


def test_danish_order_puts_ae_oe_aa_after_z():
    words = ["Åben", "ø", "Æble", "zebra", "Aalborg", "Øre", "æg", "Ærø", "a"]
    assert sorted(words, key=sort_key) == ["a", "Aalborg", "zebra", "Æble", "æg", "Ærø", "ø", "Øre", "Åben"]


def test_name_key_breaks_ties_by_id():
    entries = [
        SimpleNamespace(name="Café", slug="b"),
        SimpleNamespace(name="café", slug="a"),
        SimpleNamespace(name="Pårørende", slug="c"),
        SimpleNamespace(name="Pædagogik", slug="d"),
    ]
    assert [e.slug for e in sorted(entries, key=name_key)] == ["a", "b", "d", "c"]


def test_plurals_and_numbers():
    assert count(1, "initiativ") == "1 initiativ"
    assert count(3, "initiativ") == "3 initiativer"
    assert count(2, "advarsel") == "2 advarsler"
    assert count(2, "gruppe", "grupper") == "2 grupper"
    assert number(1250) == "1.250"
    assert number(12.5) == "12,5"
    assert number(None) == ""
    assert amount(250000) == "250.000 kr."
    assert amount(99.5) == "99,50 kr."
    assert plain_number(43.0) == "43"
    assert plain_number(12.5) == "12.5"
