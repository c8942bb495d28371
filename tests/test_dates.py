"""Dates in the visitor's browser (assets/overblik.js): the built page says "april 2019";
the script adds "for 13 måneder siden – oplysningerne kan være forældede" when, on the
visitor's day, that is more than a year ago, with the same rule and words as the editors'
tools (overblik.content.freshness)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import serve
from overblik.content.fieldtypes import PartialDate
from overblik.content.freshness import ago, is_stale

pytestmark = pytest.mark.browser

STALE = " siden – oplysningerne kan være forældede)"


def confirmed_line(page) -> str:
    return page.eval_on_selector("time[data-ob-confirmed]", "el => el.parentElement.textContent")


@pytest.mark.parametrize(
    "today, stale",
    [
        ("2019-06-01", False),  # confirmed april 2019: fresh
        ("2020-04-29", False),  # 365 days after the end of april 2019: not yet
        ("2020-04-30", True),  # 366 days after (2020 is a leap year): more than a year
        ("2045-06-01", True),
    ],
)
def test_stale_mark_follows_the_visitors_day(fixture_site, page, today, stale):
    page.clock.set_fixed_time(dt.datetime.fromisoformat(today + "T12:00:00"))
    with serve(fixture_site) as base:
        page.goto(base + "initiativer/faellesspisning/")
        page.wait_for_load_state("networkidle")
        line = confirmed_line(page)
    assert "april 2019" in line
    assert (STALE in line) == stale, line
    assert line.count(STALE) <= 1
    assert is_stale(PartialDate(2019, 4), dt.date.fromisoformat(today)) == stale  # the editors' rule agrees
    if stale:  # and the editors' words
        assert (
            f"({ago(PartialDate(2019, 4), dt.date.fromisoformat(today))} – oplysningerne kan være forældede)" in line
        ), line


def test_age_in_words(fixture_site, page):
    """<time data-ob-ago> gets the age as the editors' list writes it."""
    page.clock.set_fixed_time(dt.datetime(2020, 6, 15, 12))
    with serve(fixture_site) as base:
        page.goto(base + "initiativer/faellesspisning/")
        page.wait_for_load_state("networkidle")
        page.evaluate("""() => {
            const p = document.createElement('p');
            p.id = 'probe';
            p.innerHTML = '<time datetime="2019-04" data-ob-ago>april 2019</time>'
                        + ' <time datetime="2020-05-20" data-ob-ago>20. maj 2020</time>'
                        + ' <time datetime="2019" data-ob-ago>2019</time>';
            document.querySelector('.md-content').append(p);
        }""")
        page.add_script_tag(url=base + "assets/overblik/overblik.js")
        text = page.text_content("#probe")
    assert text == ("april 2019 (for 13 måneder siden) 20. maj 2020 (for 3 uger siden) 2019 (for 5 måneder siden)"), (
        text
    )
    today = dt.date(2020, 6, 15)
    assert [ago(d, today) for d in (PartialDate(2019, 4), PartialDate(2020, 5, 20), PartialDate(2019))] == [
        "for 13 måneder siden",
        "for 3 uger siden",
        "for 5 måneder siden",
    ]
