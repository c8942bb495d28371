"""The activity finder (issue 4): its data file, the list without JavaScript,
and filters, text search, URL state and "Nær mig" in real Chromium.

Most tests use their own small content tree (tests/fixtures/finder) so they do
not depend on the real content; one smoke test opens the real site.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURES, build_project, copy_project, mkdocs_build, serve
from overblik.content.repository import load_repository
from overblik.site.finder import activities
from overblik.site.finderdata import area_id, finder_data, to_json

FINDER_CONTENT = FIXTURES / "finder"
GOLDEN = Path(__file__).parent / "golden" / "finder"
ALL = [
    'Café <script>alert("navn")</script> & "venner"',
    "Fællesspisning i Torslunde",
    "Gåklubben",
    "Sorggruppen",
    "Ældrecaféen i Vejleåparken",
    "Lektiecaféen",
    "Morgenbadning",
    "Strikkecaféen",
]
# The finder's default order: A–Å by name, in the Danish alphabet.
ALL_AZ = [
    'Café <script>alert("navn")</script> & "venner"',
    "Fællesspisning i Torslunde",
    "Gåklubben",
    "Lektiecaféen",
    "Morgenbadning",
    "Sorggruppen",
    "Strikkecaféen",
    "Ældrecaféen i Vejleåparken",
]
# A phone user standing at Plejehjemmet Torsbo in Torslunde.
TORSLUNDE = {"latitude": 55.6307, "longitude": 12.333}


@pytest.fixture(scope="session")
def finder_site(tmp_path_factory) -> Path:
    out = build_project(tmp_path_factory, "finder-project", FINDER_CONTENT)
    # The same page drawing 3 cards at a time, to test "Vis flere".
    small = out / "find-smaa"
    small.mkdir()
    page = (out / "find" / "index.html").read_text(encoding="utf-8")
    (small / "index.html").write_text(
        page.replace('id="ob-finder"', 'id="ob-finder" data-page-size="3"', 1), encoding="utf-8"
    )
    return out


@pytest.fixture(scope="session")
def finder_url(finder_site):
    with serve(finder_site) as url:
        yield url + "find/"


# --- the data file -------------------------------------------------------------


def test_data_file_matches_golden(finder_site):
    """The exact bytes the script reads (update the golden file on purpose)."""
    built = (finder_site / "data" / "finder.json").read_text(encoding="utf-8")
    assert built == (GOLDEN / "finder.json").read_text(encoding="utf-8")


def test_page_matches_golden():
    """The list without JavaScript, as Markdown for the theme (update the golden file on purpose)."""
    from overblik.site.finder import finder_outputs
    from overblik.site.settings import Settings
    from overblik.site.siteindex import SiteIndex

    repo = load_repository(FINDER_CONTENT)
    page = next(o for o in finder_outputs(repo, Settings(), SiteIndex.build(repo)) if o.src_uri == "find/index.md")
    assert page.content == (GOLDEN / "find.md").read_text(encoding="utf-8")


def test_data_lists_only_activities_citizens_can_join():
    repo = load_repository(FINDER_CONTENT)
    data = finder_data(repo, activities(repo))
    assert [a["n"] for a in data["aktiviteter"]] == ALL
    assert "Den gamle klub" not in json.dumps(data, ensure_ascii=False)  # ended
    assert "Udviklingsprojektet" not in json.dumps(data, ensure_ascii=False)  # not an activity


def test_data_is_deterministic():
    first = to_json(finder_data(load_repository(FINDER_CONTENT), activities(load_repository(FINDER_CONTENT))))
    repo = load_repository(FINDER_CONTENT)
    assert to_json(finder_data(repo, activities(repo))) == first
    json.loads(first)


def test_data_follows_directory_urls_setting():
    repo = load_repository(FINDER_CONTENT)
    assert finder_data(repo, activities(repo))["url"] == ["../initiativer/", "/"]
    assert finder_data(repo, activities(repo), use_directory_urls=False)["url"] == ["../initiativer/", ".html"]


def test_every_day_counts_for_every_weekday():
    repo = load_repository(FINDER_CONTENT)
    data = finder_data(repo, activities(repo))
    morning = next(a for a in data["aktiviteter"] if a["n"] == "Morgenbadning")
    assert data["tidspunkter"][morning["t"][0]] == ["Hver dag fra kl. 07.00", 127]


def test_area_ids_are_written_like_content_ids():
    assert area_id("Vejleåparken") == "vejleaaparken"
    assert area_id("Ældre Øst / Syd") == "aeldre-oest-syd"


def test_data_is_small():
    repo = load_repository(FINDER_CONTENT)
    raw = to_json(finder_data(repo, activities(repo))).encode()
    assert len(gzip.compress(raw)) < 2000


# --- the page without JavaScript ------------------------------------------------------


def test_page_escapes_hostile_content(finder_site):
    html = (finder_site / "find" / "index.html").read_text(encoding="utf-8")
    assert '<script>alert("navn")' not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html


@pytest.mark.browser
def test_without_javascript_all_activities_are_listed_by_municipality_and_area(browser, finder_url):
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    page.goto(finder_url)
    titles = page.locator("#ob-finder-static .ob-finder-card h4").all_text_contents()
    assert sorted(titles) == sorted(ALL)
    assert page.locator("#ob-finder-static h2").all_text_contents() == ["Ishøj Kommune", "Rødovre Kommune"]
    assert page.locator("#kommune-ishoj ~ h3, #kommune-ishoj").count() >= 1
    ishoj_areas = page.locator("section[aria-labelledby=kommune-ishoj] h3").all_text_contents()
    assert ishoj_areas == ["Torslunde", "Vejleåparken", "Område ikke oplyst"]
    assert page.locator("#ob-finder-count").text_content().startswith("8 aktiviteter")
    assert not page.locator("#ob-finder").is_visible()  # no filters that cannot work
    # Browsing by place without JavaScript: the page says how.
    assert (
        "find din kommune og dit område i listen" in page.locator("noscript").first.text_content()
        or "listen over kommuner" in page.content()
    )
    context.close()


# --- filters in the browser ---------------------------------------------------------------


def open_finder(page, url: str):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append("dialog: " + d.message))
    page.goto(url)
    page.wait_for_selector("#ob-finder[data-ready]")
    return errors


def titles(page) -> list[str]:
    return page.locator("#ob-finder-list .ob-card__title").all_text_contents()


def settled(page) -> None:
    """The address is written just after the results are drawn: wait for it."""
    page.wait_for_selector("#ob-finder:not([data-url-pending])", state="attached")


def query(page) -> dict[str, list[str]]:
    settled(page)
    return parse_qs(urlsplit(page.url).query)


def option(page, facet: str, value: str):
    return page.locator(f'#ob-finder input[name="{facet}"][value="{value}"]')


def expand(page, facet: str):
    details = page.locator(f'details[data-facet="{facet}"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()


@pytest.mark.browser
def test_javascript_replaces_the_list_with_all_cards(page, finder_url):
    errors = open_finder(page, finder_url)
    assert titles(page) == ALL_AZ
    assert not page.locator("#ob-finder-static").is_visible()
    assert page.locator("#ob-finder-status").text_content() == "Viser alle 8 aktiviteter."
    assert page.locator("#ob-finder-status").get_attribute("aria-live") == "polite"
    assert errors == []


@pytest.mark.browser
def test_pick_filters_updates_results_counts_and_url(page, finder_url):
    open_finder(page, finder_url)
    for facet, value in [("kommune", "ishoj"), ("maalgruppe", "aeldre"), ("pris", "gratis")]:
        expand(page, facet)
        page.locator(f'label[for="{option(page, facet, value).get_attribute("id")}"]').click()
    assert titles(page) == ["Gåklubben", "Ældrecaféen i Vejleåparken"]
    assert query(page) == {"kommune": ["ishoj"], "maalgruppe": ["aeldre"], "pris": ["gratis"]}
    assert page.locator("#ob-finder-status").text_content() == "2 aktiviteter passer til dine valg."

    # Counts: what each value would give with the other groups' choices.
    def count(f, v):
        return page.locator(f'label[for="{option(page, f, v).get_attribute("id")}"] .ob-facet__count').text_content()

    assert count("pris", "egenbetaling") == "(1)"  # Fællesspisning in Torslunde
    assert count("kommune", "roedovre") == "(0)"  # Rødovre has nothing free for older people
    assert count("maalgruppe", "alle") == "(1)"  # Sorggruppen
    assert page.locator('details[data-facet="kommune"] summary').text_content() == "Kommune (1 valgt)"


@pytest.mark.browser
def test_values_in_one_group_widen_the_choice(page, finder_url):
    open_finder(page, finder_url + "?dag=mandag&dag=onsdag")
    assert titles(page) == ["Gåklubben", "Lektiecaféen", "Morgenbadning", "Strikkecaféen"]


@pytest.mark.browser
def test_filtered_url_opens_with_the_same_results(page, finder_url):
    open_finder(page, finder_url + "?kommune=ishoj&maalgruppe=aeldre&pris=gratis")
    assert titles(page) == ["Gåklubben", "Ældrecaféen i Vejleåparken"]
    assert option(page, "kommune", "ishoj").is_checked()
    assert option(page, "maalgruppe", "aeldre").is_checked()
    assert option(page, "pris", "gratis").is_checked()
    assert not option(page, "kommune", "roedovre").is_checked()
    assert page.locator("#ob-finder-status").text_content() == "2 aktiviteter passer til dine valg."
    chips = page.locator(".ob-finder__chip").all_text_contents()
    assert [c.replace("×", "").strip() for c in chips] == ["Ishøj Kommune", "Ældre", "Gratis"]


@pytest.mark.browser
def test_unknown_values_in_the_url_are_ignored(page, finder_url):
    errors = open_finder(page, finder_url + "?kommune=atlantis&tema=%3Cscript%3E&dag=fredag")
    assert titles(page) == ["Fællesspisning i Torslunde", "Morgenbadning"]
    assert errors == []


@pytest.mark.browser
def test_back_button_restores_the_previous_choice(page, finder_url):
    open_finder(page, finder_url)
    expand(page, "kommune")
    option(page, "kommune", "roedovre").check()
    expand(page, "pris")
    option(page, "pris", "gratis").check()
    assert titles(page) == ["Lektiecaféen", "Morgenbadning"]
    settled(page)
    page.go_back()
    page.wait_for_function("() => !location.search.includes('pris')")
    assert titles(page) == ["Lektiecaféen", "Morgenbadning", "Strikkecaféen"]
    assert not option(page, "pris", "gratis").is_checked()
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert titles(page) == ALL_AZ
    page.go_forward()
    page.wait_for_function("() => location.search.includes('roedovre')")
    assert option(page, "kommune", "roedovre").is_checked()
    assert len(titles(page)) == 3


@pytest.mark.browser
@pytest.mark.parametrize(
    "typed, expected",
    [
        ("aeldrecafe", ["Ældrecaféen i Vejleåparken"]),  # ae for æ, no accent on é
        ("Vejleaaparken", ["Ældrecaféen i Vejleåparken"]),  # aa for å, an area name
        ("gaaklub", ["Gåklubben"]),
        ("spisecafe", ["Ældrecaféen i Vejleåparken"]),  # a keyword
        ("rodovre strik", ["Strikkecaféen"]),  # every word must match; municipality names count
        ("sorg", ["Sorggruppen"]),
    ],
)
def test_text_box_folds_danish_letters(page, finder_url, typed, expected):
    open_finder(page, finder_url)
    page.locator("#ob-finder-text").click()
    page.keyboard.type(typed)
    assert titles(page) == expected
    assert query(page)["tekst"] == [typed]
    page.wait_for_function(
        "n => document.getElementById('ob-finder-status').textContent.startsWith(n)", arg=str(len(expected))
    )


@pytest.mark.browser
def test_typing_adds_one_history_entry(page, finder_url):
    open_finder(page, finder_url)
    page.locator("#ob-finder-text").click()
    page.keyboard.type("kaffe")
    assert query(page) == {"tekst": ["kaffe"]}
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.locator("#ob-finder-text").input_value() == ""
    assert titles(page) == ALL_AZ


@pytest.mark.browser
def test_clear_all(page, finder_url):
    open_finder(page, finder_url + "?kommune=ishoj&tekst=kaffe")
    assert titles(page) == []
    assert "Ingen aktiviteter passer" in page.locator("#ob-finder-status").text_content()
    page.get_by_role("button", name="Ryd alle").click()
    assert titles(page) == ALL_AZ
    assert query(page) == {}
    assert page.locator("#ob-finder-text").input_value() == ""
    assert not page.locator(".ob-finder__chosen").is_visible()


@pytest.mark.browser
def test_removing_one_choice(page, finder_url):
    open_finder(page, finder_url + "?kommune=ishoj&pris=gratis")
    page.get_by_role("button", name="Fjern Pris: Gratis").click()
    assert query(page) == {"kommune": ["ishoj"]}
    assert len(titles(page)) == 5


@pytest.mark.browser
def test_show_more(page, finder_url):
    open_finder(page, finder_url.replace("/find/", "/find-smaa/"))
    assert titles(page) == ALL_AZ[:3]
    more = page.locator(".ob-finder__more")
    assert more.text_content() == "Vis flere (5 tilbage)"
    more.click()
    assert titles(page) == ALL_AZ[:6]
    assert page.evaluate("document.activeElement.textContent") == ALL_AZ[3]  # focus on the first new card
    more.click()
    assert titles(page) == ALL_AZ
    assert not more.is_visible()


@pytest.mark.browser
def test_works_under_a_sub_path(finder_site, page):
    with serve(finder_site, "/kommune/overblik/") as url:
        open_finder(page, url + "find/?pris=gratis&maalgruppe=aeldre")
        assert titles(page) == ["Gåklubben", "Ældrecaféen i Vejleåparken"]
        page.locator("#ob-finder-list a").first.click()
        page.wait_for_url(url + "initiativer/gaaklubben/")
        assert page.locator("h1").text_content() == "Gåklubben"


@pytest.mark.browser
def test_hostile_content_stays_text(page, finder_url):
    errors = open_finder(page, finder_url + "?maalgruppe=unge")
    assert ALL[0] in titles(page)
    assert page.locator("#ob-finder-list img").count() == 0
    assert page.locator("#ob-finder-list script").count() == 0
    assert errors == []


# --- "Nær mig" ------------------------------------------------------------------------------

COUNT_GEO_CALLS = """
window.__geoCalls = 0;
const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
navigator.geolocation.getCurrentPosition = function () { window.__geoCalls++; return real.apply(null, arguments); };
"""


def card_pitch(page) -> list[float]:
    """From one card's top to the next's, every card laid out at its real size
    (off-screen cards otherwise keep a placeholder height: content-visibility)."""
    page.add_style_tag(content=".md-typeset ul.ob-finder-list > li { content-visibility: visible !important; }")
    tops = page.locator("#ob-finder-list > li").evaluate_all("els => els.map(e => e.getBoundingClientRect().top)")
    return [b - a for a, b in itertools.pairwise(tops)]


def distances(page) -> list[str]:
    return page.locator("#ob-finder-list .ob-finder-card__distance").all_text_contents()


def kms(page) -> list[float]:
    """The distance each card was sorted by (the card shows it in words)."""
    return [float(k) for k in page.locator("#ob-finder-list > li").evaluate_all("els => els.map(e => e.dataset.km)")]


@pytest.mark.browser
def test_near_me_sorts_by_distance_with_honest_precision(browser, finder_url):
    context = browser.new_context(locale="da-DK", geolocation=TORSLUNDE, permissions=["geolocation"])
    context.add_init_script(COUNT_GEO_CALLS)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_finder(page, finder_url)
    assert page.evaluate("window.__geoCalls") == 0  # never without being asked
    assert not any("byer.json" in r for r in requests)  # the gazetteer only when asked
    near = page.get_by_role("button", name="Nær mig")
    near.click()
    page.wait_for_function(
        "() => document.querySelector('.ob-finder__geo').textContent.startsWith('Sorteret efter afstand fra din position')"
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ob-finder-card__distance')].some(d => d.textContent === 'I din kommune')"
    )
    assert page.evaluate("window.__geoCalls") == 1
    assert near.get_attribute("aria-pressed") == "true"
    got = titles(page)
    assert sorted(got) == sorted(ALL)  # none hidden
    assert got[0] == "Fællesspisning i Torslunde"
    assert kms(page) == sorted(kms(page))  # nearest first (to the place, its town or its municipality's town)
    said = dict(zip(got, distances(page)))
    assert said["Fællesspisning i Torslunde"] == "under 100 m"  # the place's own address
    assert re.fullmatch(r"ca\. 2,\d km", said["Ældrecaféen i Vejleåparken"])
    assert said["Gåklubben"] == "I din kommune"  # no place: Ishøj, where the position is
    assert re.fullmatch(r"ca\. \d+(,\d)? km", said["Strikkecaféen"])  # its address in Rødovre
    assert re.fullmatch(r"ca\. \d+(,\d)? km til kommunen", said["Morgenbadning"])  # no place, Rødovre
    assert all("Ishøj Kommune" not in d and "Rødovre" not in d for d in said.values())
    # Filters still apply to the sorted list.
    expand(page, "maalgruppe")
    option(page, "maalgruppe", "aeldre").check()
    assert titles(page)[0] == "Fællesspisning i Torslunde" and len(titles(page)) == 4
    assert "lat" not in page.url and "55.6" not in page.url  # the position never goes into the link
    page.select_option("#ob-finder-sort", "navn")
    assert titles(page) == ["Fællesspisning i Torslunde", "Gåklubben", "Strikkecaféen", "Ældrecaféen i Vejleåparken"]
    assert page.locator(".ob-finder-card__distance").first.is_visible()  # the distance stays on the cards
    page.get_by_role("button", name="Fjern afstandene").click()
    assert not page.locator(".ob-finder-card__distance").first.is_visible()
    context.close()


@pytest.mark.browser
def test_near_me_at_ishoj_sorts_the_shipped_activities(site, site_url, browser):
    """The real content: with Ishøj's position, nearest first and a distance on every card."""
    context = browser.new_context(
        locale="da-DK",
        geolocation={"latitude": 55.6154, "longitude": 12.3518},
        permissions=["geolocation"],
        viewport={"width": 360, "height": 740},
    )
    page = context.new_page()
    open_finder(page, site_url + "find/")
    page.get_by_role("button", name="Nær mig").click()
    page.wait_for_function(
        "() => document.querySelector('.ob-finder__geo').textContent.startsWith('Sorteret efter afstand')"
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ob-finder-card__distance')].every(d => d.textContent)"
    )
    shown = page.locator("#ob-finder-list > li").count()
    assert shown >= 10
    assert page.locator("#ob-finder-list .ob-finder-card__distance").count() == shown
    assert kms(page) == sorted(kms(page))
    assert all(d in ("I din kommune",) or re.fullmatch(r"ca\. .+ km.*|under 100 m.*", d) for d in distances(page))
    assert max(card_pitch(page)) <= 740 / 3  # at least three cards to a phone screen, real content
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("typed", ["Vallensbaek", "vallensbæk"])
def test_typed_town_sorts_by_distance_and_goes_into_the_link(browser, finder_url, typed):
    context = browser.new_context(locale="da-DK")  # no position given
    page = context.new_page()
    open_finder(page, finder_url)
    page.locator("#ob-finder-town").click()
    page.keyboard.type(typed)
    page.wait_for_selector("#ob-finder-towns button")
    assert page.locator("#ob-finder-towns button").all_text_contents()[0] == "Vallensbæk"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.ob-finder__geo').textContent === 'Sorteret efter afstand fra Vallensbæk.'"
    )
    assert query(page) == {"by": ["Vallensbæk"]}
    assert kms(page) == sorted(kms(page))
    said = dict(zip(titles(page), distances(page)))
    assert len(said) == 8 and all(said.values())
    assert re.fullmatch(r"ca\. \d+(,\d)? km til kommunen", said["Gåklubben"])  # Vallensbæk is not Ishøj
    # The link opens with the same town and order.
    first = titles(page)
    page2 = context.new_page()
    open_finder(page2, page.url)
    page2.wait_for_function(
        "() => document.querySelector('.ob-finder__geo').textContent.startsWith('Sorteret efter afstand fra Vallensbæk')"
    )
    assert titles(page2) == first
    assert page2.locator("#ob-finder-town").input_value() == "Vallensbæk"
    context.close()


@pytest.mark.browser
def test_unknown_town_says_so_and_suggests(page, finder_url):
    open_finder(page, finder_url)
    page.locator("#ob-finder-town").fill("Valensbæk")
    page.get_by_role("button", name="Brug byen").click()
    msg = page.locator(".ob-finder__town-msg")
    page.wait_for_function(
        "() => document.querySelector('.ob-finder__town-msg').textContent.includes('Vi kender ikke')"
    )
    assert "Vi kender ikke byen «Valensbæk»" in msg.text_content() and "Mente du" in msg.text_content()
    suggestions = page.locator("#ob-finder-towns button").all_text_contents()
    assert "Vallensbæk" in suggestions
    assert titles(page) == ALL_AZ  # nothing hidden, nothing re-sorted
    page.get_by_role("button", name="Vallensbæk").click()
    assert query(page) == {"by": ["Vallensbæk"]}


@pytest.mark.browser
def test_near_me_refused_says_so(browser, finder_url):
    context = browser.new_context(locale="da-DK")  # no permission given
    page = context.new_page()
    open_finder(page, finder_url)
    page.get_by_role("button", name="Nær mig").click()
    page.wait_for_function("() => document.querySelector('.ob-finder__geo').textContent.includes('position')")
    assert "ikke givet lov" in page.locator(".ob-finder__geo").text_content()
    assert "skrive din by" in page.locator(".ob-finder__geo").text_content()
    assert titles(page) == ALL_AZ
    context.close()


@pytest.mark.browser
def test_without_any_known_location_distance_sorting_is_not_offered(browser, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FINDER_CONTENT, content)
    for place in content.rglob("steder/*.yml"):
        place.write_text("\n".join(line for line in place.read_text().splitlines() if "koordinater" not in line) + "\n")
    for kommune in content.rglob("kommune.yml"):  # without a code, no main town is known either
        kommune.write_text(
            "\n".join(line for line in kommune.read_text().splitlines() if not line.startswith("kode")) + "\n"
        )
    (tmp_path / "project").mkdir()
    config = copy_project(tmp_path / "project", content=content)
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    context = browser.new_context(locale="da-DK", geolocation=TORSLUNDE, permissions=["geolocation"])
    page = context.new_page()
    with serve(tmp_path / "site") as url:
        open_finder(page, url + "find/")
        assert page.get_by_role("button", name="Nær mig").count() == 0
        assert "ingen af aktiviteterne har en kendt placering" in page.locator(".ob-finder__near").text_content()
        assert titles(page) == ALL_AZ
    context.close()


# --- compact cards, sorting, word beginnings, no results ----------------------------------------


@pytest.mark.browser
def test_cards_are_compact_on_a_phone(browser, finder_url):
    """At least three cards to a 360 × 740 screen, each with when/where, for whom and freshness."""
    context = browser.new_context(locale="da-DK", viewport={"width": 360, "height": 740})
    page = context.new_page()
    open_finder(page, finder_url)
    assert max(card_pitch(page)) <= 740 / 3
    card = page.locator("#ob-finder-list > li").filter(has_text="Ældrecaféen")
    assert (
        card.locator(".ob-finder-card__line").text_content()
        == "Hvornår og hvor: Hver tirsdag kl. 11.00-13.00 · Kulturhuset i Vejleåparken, Vejleåparken"
    )
    assert card.locator(".ob-finder-card__for").text_content() == "For: Ældre"
    assert re.fullmatch(
        r"Bekræftet april 2024 \(for (\d+ (måned|måneder|år)|\d+ år) siden\)|Bekræftet april 2024 \(denne måned\)",
        card.locator(".ob-finder-card__fresh").text_content(),
    )
    # Never a municipality's name pretending to be a place.
    lone = page.locator("#ob-finder-list > li").filter(has_text="Gåklubben")
    assert lone.locator(".ob-finder-card__line").text_content().endswith("· Sted ikke oplyst (Ishøj Kommune)")
    assert page.locator("#ob-finder-list .ob-finder-card__fresh").count() == 8
    context.close()


@pytest.mark.browser
def test_freshness_is_worded_from_the_visitors_date(browser, finder_url):
    context = browser.new_context(locale="da-DK")
    context.add_init_script("""{
      const Real = Date;
      window.Date = class extends Real { constructor(...a) { super(...(a.length ? a : [2030, 5, 15])); } static now() { return new Real(2030, 5, 15).getTime(); } };
    }""")
    page = context.new_page()
    open_finder(page, finder_url)
    assert set(page.locator(".ob-finder-card__fresh").all_text_contents()) == {"Bekræftet april 2024 (for 6 år siden)"}
    context.close()


@pytest.mark.browser
def test_sort_by_most_recently_confirmed_and_back(page, finder_url):
    open_finder(page, finder_url)
    page.select_option("#ob-finder-sort", "bekraeftet")
    assert query(page) == {"sorter": ["bekraeftet"]}
    assert sorted(titles(page)) == sorted(ALL)
    page.select_option("#ob-finder-sort", "navn")
    assert titles(page) == ALL_AZ
    page.select_option("#ob-finder-sort", "afstand")  # no position or town yet: say how
    assert "Tryk «Nær mig» eller skriv din by" in page.locator(".ob-finder__geo").text_content()
    assert page.locator("#ob-finder-sort").input_value() == "navn"


@pytest.mark.browser
@pytest.mark.parametrize(
    "typed, expected",
    [
        ("sorg", ["Sorggruppen"]),  # not Omsorgscenteret-like words: "sorg" must begin a word
        ("org", []),
        ("lektie", ["Lektiecaféen"]),
        ("cafe", ['Café <script>alert("navn")</script> & "venner"']),
    ],
)
def test_words_match_at_their_beginning(page, finder_url, typed, expected):
    open_finder(page, finder_url)
    page.locator("#ob-finder-text").fill(typed)
    assert titles(page) == expected


@pytest.mark.browser
def test_every_suggested_example_finds_something(page, finder_url):
    open_finder(page, finder_url)
    placeholder = page.locator("#ob-finder-text").get_attribute("placeholder")
    examples = re.split(r", | eller ", placeholder.removeprefix("Fx "))
    assert examples
    for word in examples:
        page.locator("#ob-finder-text").fill(word)
        assert titles(page), word


@pytest.mark.browser
def test_no_results_says_why_and_offers_to_widen(page, finder_url):
    open_finder(page, finder_url + "?kommune=roedovre&tekst=sorg")
    assert titles(page) == []
    status = page.locator("#ob-finder-status").text_content()
    assert status == "Ingen aktiviteter passer til ordet «sorg» sammen med valget Kommune: Rødovre Kommune."
    widen = page.locator(".ob-finder__widen")
    assert "Overblik har aktiviteter fra Ishøj Kommune og Rødovre Kommune." in widen.text_content()
    widen.get_by_role("button", name=re.compile("Fjern alle filtre")).click()
    assert titles(page) == ["Sorggruppen"]
    assert query(page) == {"tekst": ["sorg"]}


# --- keyboard, phones -------------------------------------------------------------------------


def tab_to(page, predicate: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const a = document.activeElement; return !!({predicate}); }}"):
            return
    raise AssertionError(f"Tab nåede aldrig frem til: {predicate}")


@pytest.mark.browser
def test_keyboard_alone(page, finder_url):
    open_finder(page, finder_url)
    tab_to(page, "a.id === 'ob-finder-text'")
    page.keyboard.type("sammen")
    assert titles(page) == ["Gåklubben", "Morgenbadning", "Strikkecaféen"]
    tab_to(page, "a.tagName === 'SUMMARY' && a.parentElement.dataset.facet === 'kommune'")
    if page.evaluate("document.activeElement.parentElement.open") is False:
        page.keyboard.press("Enter")
    tab_to(page, "a.name === 'kommune' && a.value === 'roedovre'")
    page.keyboard.press("Space")
    assert titles(page) == ["Morgenbadning", "Strikkecaféen"]
    assert query(page) == {"kommune": ["roedovre"], "tekst": ["sammen"]}
    tab_to(page, "a.id === 'ob-finder-clear'")
    page.keyboard.press("Enter")
    assert titles(page) == ALL_AZ
    tab_to(page, "a.href && a.href.endsWith('/initiativer/gaaklubben/')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/initiativer/gaaklubben/")


@pytest.mark.browser
def test_phone_width_fits_and_targets_are_big_enough(browser, finder_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="da-DK", has_touch=True)
    page = context.new_page()
    open_finder(page, finder_url + "?kommune=ishoj")
    for facet in ("omraade", "maalgruppe", "pris"):
        expand(page, facet)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    small = page.evaluate("""() => [...document.querySelectorAll(
        '#ob-finder summary, #ob-finder .ob-facet__option, #ob-finder button, #ob-finder input[type=search], #ob-finder-list .ob-card__title a')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height, e.getBoundingClientRect().right])
        .filter(([, h, right]) => h < 44 || right > 320)""")
    assert small == []
    context.close()


def axe_violations(page) -> list[str]:
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).with_name("axe.min.js")))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    )
    return [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]


@pytest.mark.browser
def test_no_axe_violations_with_filters_in_use(browser, finder_url):
    context = browser.new_context(locale="da-DK", geolocation=TORSLUNDE, permissions=["geolocation"])
    page = context.new_page()
    open_finder(page, finder_url + "?kommune=ishoj&maalgruppe=aeldre&tekst=cafe")
    page.evaluate("document.querySelectorAll('#ob-finder details').forEach(d => d.open = true)")
    page.get_by_role("button", name="Nær mig").click()
    page.wait_for_function("() => document.querySelector('.ob-finder__geo').textContent.startsWith('Sorteret')")
    assert page.locator(".ob-finder__widen").is_visible()  # no results: the widening offers too
    assert axe_violations(page) == []
    page.locator("#ob-finder-town").fill("Val")  # town suggestions on screen
    page.wait_for_selector("#ob-finder-towns button")
    assert axe_violations(page) == []
    context.close()


@pytest.mark.browser
def test_no_axe_violations_without_javascript(browser, finder_url):
    context = browser.new_context(locale="da-DK", java_script_enabled=False)
    page = context.new_page()
    page.goto(finder_url)
    # axe needs scripts: run it in a second page with the same HTML and JavaScript on, but the finder script removed.
    html = page.content().replace("finder.js", "ingen-finder.js")
    context.close()
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.route("**/find/", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(finder_url)
    assert page.locator("#ob-finder-static .ob-finder-card").count() == len(ALL)
    assert axe_violations(page) == []
    context.close()


# --- the real site ------------------------------------------------------------------------------


def searchable(data: dict, a: dict) -> str:
    """What the finder's text box searches in, for one activity of the data file."""
    parts = [a["n"], a["r"], a.get("o", "")]
    for p in a.get("s", []):
        name, area = data["steder"][p]
        parts += [name, data["omraader"][area][1] if area >= 0 else ""]
    if "k" in a:
        parts.append(data["kommuner"][a["k"]][1])
    parts += [data["temaer"][e][1] for e in a.get("e", [])] + [data["maalgrupper"][g][1] for g in a.get("g", [])]
    return " ".join(parts)


@pytest.mark.browser
def test_real_site_finder_works(site, site_url, page):
    data = json.loads((site / "data" / "finder.json").read_text(encoding="utf-8"))
    errors = open_finder(page, site_url + "find/")
    total = len(data["aktiviteter"])
    assert page.locator("#ob-finder").get_attribute("data-count") == str(total)
    listed = (site / "find" / "index.html").read_text(encoding="utf-8").count('class="ob-card ob-finder-card"')
    assert listed == total  # the list without JavaScript has them all too
    assert len(titles(page)) == min(total, 20)
    near = page.locator(".ob-finder__near").text_content()
    assert "Nær mig" in near and "Hvor bor du?" in near
    # Every example the text box suggests finds something in the shipped content.
    placeholder = page.locator("#ob-finder-text").get_attribute("placeholder")
    for word in re.split(r", | eller ", placeholder.removeprefix("Fx ")):
        page.locator("#ob-finder-text").fill(word)
        assert titles(page), word
    # Word beginnings: "sorg" finds the grief groups, not "Omsorgscenteret".
    page.locator("#ob-finder-text").fill("sorg")
    expected = {a["n"] for a in data["aktiviteter"] if re.search(r"(^|[^\wæøå])sorg", searchable(data, a), re.I)}
    assert expected and set(titles(page)) == expected
    # (whether a word with "sorg" inside it is left out is tested on the fixture content,
    # which is made to hold such a word; the shipped content may not)
    assert errors == []
