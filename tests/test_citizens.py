"""The public site as citizens meet it, on a 360×740 phone in real Chromium.

The 78-year-old's path from the front page to an activity (with and without
JavaScript), where "when" and "where" must be on the first screen; no page
wider than the screen; no link to GitHub on citizens' pages; editors' pages
out of the citizens' menu and search. See issue 15."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_accessibility import PAGES

PHONE = {"width": 360, "height": 740}
EDITOR_FOLDERS = ("redaktoer/", "udvikling/")


def pages_of(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*.html")
        if "pagefind" not in p.parts
    }


def for_editors(path: str) -> bool:
    return path.startswith(EDITOR_FOLDERS)


def menu_links(html: str) -> list[str]:
    menu = re.search(r'<nav class="ob-menu ob-menu--wide"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'href="([^"]+)"', menu)


def test_no_citizen_page_links_to_github(site):
    offenders = [
        path
        for path, html in pages_of(site).items()
        if not for_editors(path) and re.search(r'href="https?://(www\.)?github\.com', html)
    ]
    assert offenders == []


def test_the_menu_holds_no_editor_pages_and_the_footer_leads_to_them(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    links = menu_links(html)
    assert links == ["find/", "soeg/", "cases/", "kommuner/", "om/"]
    footer = html[html.index("<footer") :]
    assert '<a href="redaktoer/">For redaktører</a>' in footer


def test_editor_pages_are_left_out_of_search(site):
    pages = pages_of(site)
    editor = [p for p in pages if for_editors(p)]
    assert "redaktoer/index.html" in editor and "udvikling/benchmarks/index.html" in editor
    assert "redaktoer/forfaldent-indhold/index.html" in editor and "redaktoer/felter/index.html" in editor
    assert [p for p in editor if "<div data-pagefind-body>" in pages[p]] == []
    assert "<div data-pagefind-body>" in pages["initiativer/fredagscafeen/index.html"]


def test_no_repository_link_and_no_pencil_for_citizens(site):
    html = (site / "initiativer/fredagscafeen/index.html").read_text(encoding="utf-8")
    assert "md-source" not in html and 'rel="edit"' not in html
    assert "Ret eller tilføj oplysninger" in html
    mail = re.search(r'href="(mailto:[^"]+)"[^>]*>Skriv en rettelse', html).group(1)
    assert mail.startswith("mailto:redaktion@overblik.example.dk?subject=Rettelse%20til%20N%C3%A6stehj%C3%A6lperne")
    assert "https%3A//overblik.example.dk/overblik/initiativer/fredagscafeen/" in mail
    assert "content/kommuner/ishoj/initiativer/fredagscafeen.md" in html


def test_publisher_from_configuration(site):
    html = (site / "om/index.html").read_text(encoding="utf-8")
    assert '<span class="ob-header__name">Overblik</span>' in html
    assert "Hvem står bag" in html and "redaktion@overblik.example.dk" in html
    assert 'alt="Overbliks logo: en blå ring med en prik i midten"' in html
    statement = (site / "tilgaengelighed/index.html").read_text(encoding="utf-8")
    assert "mkdocs.yml" not in statement and "extra.overblik" not in statement


def test_activity_page_puts_the_citizens_facts_before_the_record(site):
    html = (site / "initiativer/aeldrecafeerne/index.html").read_text(encoding="utf-8")
    order = [
        html.index(s)
        for s in (
            "<dt>For hvem</dt>",
            "<dt>Hvornår</dt>",
            "<dt>Hvor</dt>",
            "<dt>Pris</dt>",
            "<dt>Sådan deltager du</dt>",
            "<dt>Kontakt</dt>",
            "<dt>Senest bekræftet</dt>",
            ">Kommunens opfølgning</h2>",
        )
    ]
    assert order == sorted(order)


def test_home_page_says_which_municipalities_have_activities(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Overblik har aktiviteter, du kan være med i, fra" in html
    assert 'href="https://www.ishoj.dk"' not in html.split("Fra de andre kommuner")[1]  # Ishøj is covered
    assert 'Rødovre Kommune <span class="ob-list__note">(hjemmeside ikke oplyst)</span>' in html
    assert "Vælg område, målgruppe og dag" not in html


def test_empty_list_says_why_and_offers_more(site):
    html = (site / "kommuner/roedovre/index.html").read_text(encoding="utf-8")
    assert "Overblik har endnu ingen aktiviteter fra Rødovre Kommune" in html


def phone(browser, javascript: bool = True):
    return browser.new_context(viewport=PHONE, locale="da-DK", java_script_enabled=javascript)


def assert_when_and_where_on_first_screen(page) -> None:
    for label in ("Hvornår", "Hvor"):
        box = page.locator(f".ob-facts--citizen dt:text-is('{label}') + dd").bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], (label, box)


@pytest.mark.browser
def test_the_78_year_olds_path_with_javascript(browser, site_url):
    context = phone(browser)
    page = context.new_page()
    page.goto(site_url)
    page.get_by_role("link", name=re.compile("^Find en aktivitet")).first.click()
    page.wait_for_selector('details[data-facet="maalgruppe"]')
    page.locator('details[data-facet="maalgruppe"] summary').click()
    option = page.locator('input[name="maalgruppe"][value="aeldre"]')
    page.locator(f'label[for="{option.get_attribute("id")}"]').click()
    page.locator(".ob-finder__results a[href*='initiativer/']").first.click()
    page.wait_for_load_state()
    assert "/initiativer/" in page.url
    assert_when_and_where_on_first_screen(page)
    context.close()


@pytest.mark.browser
def test_the_78_year_olds_path_without_javascript(browser, site_url):
    context = phone(browser, javascript=False)
    page = context.new_page()
    page.goto(site_url)
    page.locator("a[href='maalgrupper/aeldre/']").click()
    page.locator("#aktiviteter ~ .ob-cards a, h2:text-is('Aktiviteter, du kan være med i') ~ .ob-cards a").first.click()
    assert "/initiativer/" in page.url
    assert_when_and_where_on_first_screen(page)
    # The finder lists every activity without JavaScript too.
    page.goto(site_url + "find/")
    assert page.locator(".ob-finder-static a[href*='initiativer/']").count() >= 10
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "uden-js"])
def test_no_page_is_wider_than_the_phone(browser, site_url, javascript):
    context = phone(browser, javascript)
    page = context.new_page()
    too_wide = {}
    for name, path in PAGES.items():
        page.goto(site_url + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            too_wide[name] = widths
    context.close()
    assert too_wide == {}


@pytest.mark.browser
def test_the_phone_menu_opens_without_javascript(browser, site_url):
    context = phone(browser, javascript=False)
    page = context.new_page()
    page.goto(site_url + "initiativer/fredagscafeen/")
    assert not page.locator(".ob-menu--wide").is_visible()
    page.locator(".ob-menu__button").click()
    page.locator(".ob-menu--phone").get_by_role("link", name="Kommuner", exact=True).click()
    assert page.url.endswith("/kommuner/")
    context.close()
