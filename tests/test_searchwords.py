"""The words a page is found by besides its text (overblik.searchwords), and
what each page tells the search index (overblik.search)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from overblik.site import searchwords
from overblik.site.search import excluded, narrowing


def test_fold_writes_ae_and_oe_as_people_type_them():
    assert searchwords.fold("Fællesspisning i Rødovre") == "Fallesspisning i Rodovre"
    assert searchwords.fold("Nytårsvandring") == "Nytårsvandring"  # Pagefind itself matches å as a


def test_compounds_in_two_halves_are_written_out():
    assert searchwords.compounds("Sorg- og livsmodsgrupper") == ["sorggrupper"]
    assert searchwords.compounds("Senior-, Sundheds- og Fritidsforvaltningen") == [
        "seniorforvaltningen",
        "sundhedsforvaltningen",
    ]
    assert searchwords.compounds("Forebyggelse på alkohol- og stofområdet") == ["alkoholområdet"]
    # no known ending: nothing is guessed
    assert searchwords.compounds("Kør- og Xyzqw") == []
    assert searchwords.compounds("Et helt almindeligt navn") == []


def test_extra_words_are_new_words_only_in_the_text_order():
    words = searchwords.extra_words(
        "Sorg- og livsmodsgrupper for ældre, der har mistet", synonyms=True, skip={"sorg", "ældre"}
    )
    assert words[:2] == ["sorggrupper", "aldre"]
    assert "død" in words  # "mistet" is how the grief group says it; people also write "død"
    assert searchwords.extra_words("Lektiehjælp", synonyms=True) == ["lektiehjalp", "lektier", "lektie"]
    assert searchwords.extra_words("Ingen danske bogstaver her") == []


def test_fields_put_name_and_keywords_where_they_weigh():
    f = searchwords.fields(
        "Cool Kids – angstprogram", ["angst", "børn med angst"], "Forældre deltager.", field=searchwords.ACTIVITY
    )
    assert f[searchwords.ACTIVITY].startswith("Cool Kids – angstprogram angst børn med angst")
    assert "born" in f[searchwords.ACTIVITY].split()
    assert f[searchwords.TEXT] == "foraldre"
    weights = searchwords.RANKING
    assert (
        weights[searchwords.ACTIVITY] > weights[searchwords.THING] > weights[searchwords.OVERVIEW] >= weights["title"]
    )
    assert weights["type"] == weights["kommune"] == weights["linje"] == weights["filtre"] == 0


def test_narrowing_words_are_plain_and_end_alike():
    assert narrowing("kommune", "Ishøj Kommune") == "kommuneishoejkommunezq"
    assert narrowing("type", "Aktivitet") == "typeaktivitetzq"
    assert narrowing("kommune", "Lyngby-Taarbæk Kommune") == "kommunelyngbytaarbaekkommunezq"


def test_editor_and_developer_pages_stay_out():
    assert excluded("redaktoer/index.md")
    assert excluded("redaktoer/felter.md")
    assert excluded("udvikling/benchmarks.md")
    assert excluded("om.md", {"search": {"exclude": True}})
    assert not excluded("om.md", {})
    assert not excluded("initiativer/sorg-og-livsmodsgrupper.md")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcæøåÆØÅé -_1,.\n") + ["ß", "ǅ", "½", "²", "\u0301"]), max_size=40))
def test_folded_words_are_the_words_with_ae_or_oe_folded(text):
    """`_foldable` finds, in order, every run of letters that folding changes."""
    expected = [searchwords.fold(w) for w in re.findall(r"[^\W\d_]+", text) if searchwords.fold(w) != w]
    assert searchwords._foldable(text) == expected
