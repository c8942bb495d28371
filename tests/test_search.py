"""Danish search in real Chromium: stemming, and ae/oe/aa typed for æ/ø/å."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def search(page, base: str, query: str) -> list[str]:
    page.goto(base + "soeg/")
    page.click("#ob-search-input")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => { const s = document.getElementById('ob-search-status').textContent;"
        " return s && !s.startsWith('Søger'); }"
    )
    return page.eval_on_selector_all(".ob-search-result__title a", "els => els.map(e => e.textContent)")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("faellesspisning", "Fællesspisning i Torslunde"),
        ("nytaarsvandring", "Nytårsvandring"),
        ("Fællesspisning", "Fællesspisning i Torslunde"),
        ("sorggruppe", "Sorg- og livsmodsgrupper"),
    ],
)
def test_danish_queries_find_the_page(site_url, page, query, expected):
    titles = search(page, site_url, query)
    assert any(expected in t for t in titles), titles


def test_result_count_is_announced(site_url, page):
    search(page, site_url, "faellesspisning")
    status = page.locator("#ob-search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert "resultat" in status.text_content()


def test_query_in_the_url_is_searched_and_shareable(site_url, page):
    page.goto(site_url + "soeg/?q=nytaarsvandring")
    page.wait_for_function("() => document.querySelectorAll('.ob-search-result').length > 0")
    titles = page.eval_on_selector_all(".ob-search-result__title a", "els => els.map(e => e.textContent)")
    assert any("Nytårsvandring" in t for t in titles)


def test_lists_do_not_crowd_the_results(site_url, page):
    """A search leads to the activity itself, not to every list of cards that shows it."""
    titles = search(page, site_url, "nytaarsvandring")
    assert titles and "Nytårsvandring" in titles[0], titles
    for listing in ("Find en aktivitet", "Alle initiativer", "Ishøj Kommune", "Aktivitet, du kan deltage i"):
        assert not any(t.startswith(listing) for t in titles), titles
