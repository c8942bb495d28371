"""Danish search in real Chromium: spelling, what each result says, narrowing, the address."""

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
    # Nor to the overviews for the committee that list it (their own titles still find them).
    for overview in ("Aktivitetsoverblik for Ishøj Kommune", "Forankring af initiativerne i Ishøj Kommune"):
        assert overview not in titles, titles
        assert overview in search(page, site_url, overview.split(" for ")[0].split(" af ")[0] + " Ishøj")[:3]


def test_each_result_says_what_it_is(site_url, page):
    """Type and municipality on every result; when and where for an activity."""
    search(page, site_url, "sorggruppe")
    first = page.locator(".ob-search-result").first
    assert "Sorg- og livsmodsgrupper" in first.locator("h2").text_content()
    assert first.locator(".ob-search-result__about").text_content() == "Aktivitet · Ishøj Kommune"
    assert "To gange om året" in first.locator(".ob-search-result__line").text_content()
    abouts = page.eval_on_selector_all(".ob-search-result__about", "els => els.map(e => e.textContent)")
    assert all(
        a.split(" · ")[0]
        in {
            "Aktivitet",
            "Initiativ",
            "Case",
            "Organisation",
            "Sted",
            "Kommune",
            "Rapport",
            "Artikel",
            "Oversigt",
            "Side",
        }
        for a in abouts
    ), abouts


def test_narrowing_by_type_and_municipality_is_kept_in_the_url(site_url, page):
    search(page, site_url, "sorg")
    page.select_option("#ob-search-type", "Case")
    page.wait_for_function("() => document.getElementById('ob-search-status').textContent.includes('(Case)')")
    abouts = page.eval_on_selector_all(".ob-search-result__about", "els => els.map(e => e.textContent)")
    assert abouts and all(a.startswith("Case") for a in abouts), abouts
    assert "type=Case" in page.url and "q=sorg" in page.url
    page.select_option("#ob-search-kommune", "Ishøj Kommune")
    page.wait_for_function("() => document.getElementById('ob-search-status').textContent.includes('Ishøj Kommune')")
    # reloading the address gives the same narrowed search
    page.goto(page.url)
    page.wait_for_function("() => document.getElementById('ob-search-status').textContent.includes('Ishøj Kommune')")
    assert page.input_value("#ob-search-type") == "Case"
    assert page.input_value("#ob-search-kommune") == "Ishøj Kommune"
    page.goto(site_url + "soeg/?q=sorg&type=Aktivitet&kommune=Ish%C3%B8j%20Kommune")
    page.wait_for_function("() => document.querySelectorAll('.ob-search-result').length > 0")
    abouts = page.eval_on_selector_all(".ob-search-result__about", "els => els.map(e => e.textContent)")
    assert set(abouts) == {"Aktivitet · Ishøj Kommune"}, abouts


def test_home_page_search_is_the_same_search(site_url, page):
    page.goto(site_url)
    page.fill("#ob-home-search", "fallesspisning")
    page.keyboard.press("Enter")
    page.wait_for_url("**/soeg/?q=fallesspisning")
    page.wait_for_function("() => document.querySelectorAll('.ob-search-result').length > 0")
    titles = page.eval_on_selector_all(".ob-search-result__title a", "els => els.map(e => e.textContent)")
    assert "Fællesspisning i Torslunde" in titles[:3], titles


def test_search_page_and_editor_pages_are_not_searched(site):
    """Editors' and developers' pages have no data-pagefind-body (see overblik.search)."""
    for path in (
        "redaktoer/index.html",
        "redaktoer/felter/index.html",
        "udvikling/benchmarks/index.html",
        "soeg/index.html",
    ):
        assert "<div data-pagefind-body>" not in (site / path).read_text(encoding="utf-8"), path
    assert "<div data-pagefind-body>" in (site / "om/index.html").read_text(encoding="utf-8")
