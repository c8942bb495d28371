"""Accessibility (WCAG 2.1 AA) in real Chromium: axe-core on every page type,
plus the things axe cannot see: skip link, visible focus, reflow at 320 px and
at 200 % zoom, keyboard use of search."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# One page of every type (paths in the real site).
PAGES = {
    "forside": "",
    "finder": "find/",
    "finder med filtre": "find/?kommune=ishoj&maalgruppe=aeldre",
    "initiativ": "initiativer/sorg-og-livsmodsgrupper/",
    "initiativ med mål": "initiativer/kontinensklinik/",
    "case": "cases/demensvenlige-lokalsamfund/",
    "organisation": "organisationer/frivillighed-og-lokalsamfund/",
    "sted": "steder/plejehjemmet-torsbo/",
    "kommune": "kommuner/ishoj/",
    "rapport": "rapporter/statusnotat-frivillige-sociale-initiativer-2019/",
    "målgruppe": "maalgrupper/aeldre/",
    "tema": "temaer/faellesskab/",
    "type": "typer/aktivitet/",
    "artikel": "sider/seks-opmaerksomhedspunkter/",
    "søgning": "soeg/?q=cafe",
    "overblik": "overblik/",
    "forankring": "forankring/ishoj/",
    "målramme": "maal/social-mobilitet/",
    "finansiering": "finansiering/vaerdighedsmilliarden-2019/",
    "handleplan": "handleplaner/status-handleplan-frivilligt-socialt-arbejde-2020-2022/",
    "aktivitetsoverblik": "aktivitetsoverblik/ishoj/",
    "redaktørguide": "redaktoer/",
    "fejlbeskeder": "redaktoer/fejl/",
    "forfaldent indhold": "redaktoer/forfaldent-indhold/",
    "åbne data": "aabne-data/",
    "tilgængelighed": "tilgaengelighed/",
    "ydelse (brede tabeller)": "udvikling/benchmarks/",
    "404": "findes-ikke/",
}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


def open_page(page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(site_url, page, name):
    open_page(page, site_url, PAGES[name])
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", ["forside", "initiativ", "finder"])
def test_reflows_at_320_px_and_200_percent_zoom(site_url, browser, name):
    for viewport, scale in (({"width": 320, "height": 640}, 1), ({"width": 640, "height": 400}, 2)):
        context = browser.new_context(viewport=viewport, device_scale_factor=scale)
        page = context.new_page()
        open_page(page, site_url, PAGES[name])
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        context.close()
        assert overflow <= 0, f"{name} scrolls sideways at {viewport['width']} px"


def test_wide_tables_are_reached_with_tab(site_url, browser):
    """A table wider than the screen scrolls; its wrapper is a named tab stop, a narrow one is not."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    open_page(page, site_url, PAGES["ydelse (brede tabeller)"])
    wraps = page.eval_on_selector_all(
        ".md-typeset__scrollwrap",
        "els => els.map(e => ({over: e.scrollWidth > e.clientWidth + 1, tab: e.getAttribute('tabindex'),"
        " role: e.getAttribute('role'), label: e.getAttribute('aria-label')}))",
    )
    context.close()
    assert any(w["over"] for w in wraps)
    for w in wraps:
        if w["over"]:
            assert w["tab"] == "0" and w["role"] == "region" and w["label"].startswith("Tabel"), w
        else:
            assert w["tab"] is None, w


def test_lang_skip_link_and_visible_focus(site_url, page):
    open_page(page, site_url, PAGES["initiativ"])
    assert page.get_attribute("html", "lang") == "da"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert focused["href"].startswith("#"), focused  # the first stop is the skip link
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }"
    )
    assert "none 0px none" not in style, style


def test_search_with_the_keyboard_alone(site_url, page):
    open_page(page, site_url, "soeg/")
    page.keyboard.press("Tab")  # the skip link comes first
    page.keyboard.press("Enter")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "ob-search-input":
            break
    else:
        pytest.fail("søgefeltet kan ikke nås med tabulatortasten")
    page.keyboard.type("navigator")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.ob-search-result a').length > 0")
    # the count is announced once the list is complete (and it is drawn once: typing then Enter)
    page.wait_for_function("() => /resultat/.test(document.getElementById('ob-search-status').textContent)")
    page.wait_for_timeout(400)  # longer than the typing pause (250 ms): a second search would redraw now
    reached = []
    for _ in range(4):  # the search button, "Vis kun" and "Kommune", then the first result
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id"))
    assert reached[1:3] == ["ob-search-type", "ob-search-kommune"], reached
    assert page.evaluate("() => document.activeElement.closest('.ob-search-result') !== null")


def test_status_and_anchoring_are_words_not_only_colour(site):
    text = (site / PAGES["initiativ"] / "index.html").read_text(encoding="utf-8")
    assert "ob-anchor--" in text and ("Grøn:" in text or "Gul:" in text or "Rød:" in text)


def test_typing_then_enter_searches_once(site_url, page):
    """Enter right after typing must not be followed by the typing pause's own search: a
    second search redraws the list and takes the keyboard focus away from the results."""
    open_page(page, site_url, "soeg/")
    page.evaluate("""() => {
        window.obCleared = 0;  // times a shown result list was emptied for a new search
        new MutationObserver(() => {
            if (!document.querySelector('#ob-search-results li')) window.obCleared += 1;
        }).observe(document.getElementById('ob-search-results'), {childList: true});
    }""")
    page.locator("#ob-search-input").click()
    page.keyboard.type("navigator")
    page.keyboard.press("Enter")
    page.wait_for_function("() => /resultat/.test(document.getElementById('ob-search-status').textContent)")
    page.wait_for_timeout(600)
    assert page.evaluate("() => window.obCleared") == 0
