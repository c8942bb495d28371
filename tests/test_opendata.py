"""Open data on a small fixture (tests/fixtures/opendata): golden files for every
export, validation against each format's specification, and the mapping rules.

Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from opendata_checks import (
    check_atom,
    check_datapackage,
    check_hsds_files,
    check_ics,
    check_sitemap,
    empty_values,
    need_hsds_reference,
)
from overblik.build import page_facts
from overblik.content.repository import load_repository
from overblik.danish import sort_key
from overblik.opendata import PRODUCERS, finish
from overblik.opendata.calendars import escape_text, fold, plans
from overblik.opendata.datapage import SRC as DATA_PAGE
from overblik.opendata.ids import NAMESPACE, uid
from overblik.opendata.jsonld import page_graphs, read_front_matter
from overblik.opendata.robots import robots
from overblik.site.output import Output
from overblik.site.pages import Renderer
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

FIXTURE = Path(__file__).parent / "fixtures" / "opendata" / "content"
GOLDEN = Path(__file__).parent / "golden" / "opendata"
SITE_URL = "https://overblik.example.dk/overblik/"
SETTINGS = Settings(site_name="Overblik", site_url=SITE_URL, owner="Testby Kommune")
HANDWRITTEN = ["om.md", "privatliv.md"]
GRAPH_PAGES = [
    "index.md",
    "initiativer/index.md",
    "initiativer/strikkecafe.md",
    "initiativer/faellesspisning.md",
    "initiativer/nytaarsvandring.md",
    "initiativer/fjendtlig.md",
    "initiativer/gammel-klub.md",
    "cases/godt-samarbejde.md",
    "organisationer/aeldreforeningen.md",
    "organisationer/frivilligteamet.md",
    "steder/kulturhuset.md",
    "kommuner/testby.md",
    "rapporter/statusnotat-2019.md",
    "maalgrupper/aeldre.md",
    DATA_PAGE,
]
HOSTILE_NAME = '=HYPERLINK("http://x.example";"klik")'


def load():
    return load_repository(FIXTURE, FIXTURE.parent)


def build(settings: Settings = SETTINGS) -> tuple[dict[str, bytes], dict[str, dict]]:
    """(export files, JSON-LD graph per page) for the fixture, without MkDocs."""
    repo = load()
    index = SiteIndex.build(repo)
    outputs: list[Output] = list(Renderer(repo, settings, index, page_facts(repo, index)).pages())
    ours: set[str] = set()
    for producer in PRODUCERS:
        for out in producer(repo, settings, index):
            outputs.append(out)
            ours.add(out.src_uri)
    done = finish(outputs, repo, settings, index, HANDWRITTEN)
    files = {}
    for out in done:
        if out.src_uri in ours or out.src_uri in ("sitemap.xml", "robots.txt"):
            files[out.src_uri] = out.content if isinstance(out.content, bytes) else out.content.encode("utf-8")
    return files, page_graphs(done)


@pytest.fixture(scope="module")
def built():
    return build()


@pytest.fixture(scope="module")
def files(built):
    return built[0]


@pytest.fixture(scope="module")
def graphs(built):
    return built[1]


def golden_files(files, graphs) -> dict[str, bytes]:
    out = {f"files/{path}": content for path, content in files.items()}
    for src in GRAPH_PAGES:
        out[f"jsonld/{src[:-3]}.json"] = (json.dumps(graphs[src], ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return out


def test_exports_match_golden_files(files, graphs):
    expected = golden_files(files, graphs)
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, content in expected.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    found = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(found) == sorted(expected), "filer mangler eller er til overs i forhold til golden-filerne"
    different = [path for path in expected if found[path] != expected[path]]
    assert not different, f"afviger fra golden-filerne (UPDATE_GOLDEN=1 efter en bevidst ændring): {different}"


def _fingerprint() -> dict[str, str]:
    files, graphs = build()
    out = {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}
    out.update({k: hashlib.sha256(json.dumps(v, sort_keys=True).encode()).hexdigest() for k, v in graphs.items()})
    return out


def test_same_content_gives_same_bytes_in_any_process(files, graphs):
    """No clock, no set order, no hash seed: another process gives identical bytes."""
    here = _fingerprint()
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import test_opendata as t; "
        "print(json.dumps(t._fingerprint()))"
    )
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run(
            [sys.executable, "-c", code, str(Path(__file__).parent)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert json.loads(result.stdout) == here


# --- HSDS ------------------------------------------------------------------------------


def test_hsds_json_validates_against_the_reference_schemas(files):
    need_hsds_reference()
    assert check_hsds_files(files) == []


def test_hsds_tabular_package_validates(files):
    need_hsds_reference()
    assert check_datapackage(files) == []


def _services(files) -> dict[str, dict]:
    docs = {}
    for path, raw in files.items():
        if path.startswith("data/hsds/services/"):
            doc = json.loads(raw)
            docs[doc["name"]] = doc
    return docs


def test_hsds_mapping(files):
    s = _services(files)
    assert {name: d["status"] for name, d in s.items()} == {
        "Strikkecaféen": "active",
        "Fællesspisning": "active",
        "Nytårsvandring": "active",
        "Sorggruppen": "active",
        "Gåturen": "active",
        HOSTILE_NAME: "active",
        "Den gamle klub": "defunct",
        "Nyt netværk": "inactive",
        "Loppemarked": "active",
    }
    # who provides it: ansvarlig, else the municipality (the content names nobody else)
    assert s["Strikkecaféen"]["organization"]["name"] == "Ældreforeningen"
    assert s["Loppemarked"]["organization"]["name"] == "Andeby Kommune"
    assert s["Strikkecaféen"]["organization"]["parent_organization_id"] == uid("organisation", "landsforeningen")
    assert all(d["languages"][0]["code"] == "da" for d in s.values())
    # prices
    assert s["Strikkecaféen"]["cost_options"][0] == {
        "id": uid("pris", "strikkecafe"),
        "service_id": uid("initiativ", "strikkecafe"),
        "option": "Gratis",
        "currency": "DKK",
        "amount": 0,
    }
    assert s["Fællesspisning"]["cost_options"][0]["amount"] == 42.5
    assert "amount" not in s["Sorggruppen"]["cost_options"][0]
    assert s["Strikkecaféen"]["fees_description"] == "Gratis"
    assert s["Strikkecaféen"]["application_process"] == "Du kan bare møde op (Tag gerne dit eget garn med)"
    assert s["Strikkecaféen"]["assured_date"] == "2019-04-15"
    assert s["Fællesspisning"]["assured_date"] == "2019-04-01"  # a month: its first day


def test_hsds_schedules_say_no_more_than_the_content(files):
    s = _services(files)

    def schedules(name):
        d = s[name]
        return d["schedules"] + [x for sal in d["service_at_locations"] for x in sal["schedules"]]

    strik = schedules("Strikkecaféen")[0]
    assert (strik["freq"], strik["byday"], strik["opens_at"], strik["closes_at"]) == (
        "WEEKLY",
        "TU,TH",
        "10:00:00",
        "12:00:00",
    )
    assert "service_at_location_id" in strik  # the schedule names its place
    odd = schedules("Fællesspisning")[0]
    assert odd["byweekno"] == ",".join(str(w) for w in range(1, 54, 2)) and "interval" not in odd
    assert odd["valid_to"] == "2030-12-31"
    assert schedules("Gåturen")[0]["interval"] == 2 and "byweekno" not in schedules("Gåturen")[0]
    assert schedules(HOSTILE_NAME)[0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    monthly = schedules("Sorggruppen")[1]
    assert monthly["freq"] == "MONTHLY" and "byday" not in monthly  # which Wednesday is not known
    assert "freq" not in schedules("Sorggruppen")[0]  # twice a year: no rule
    yearly = schedules("Nytårsvandring")[0]
    assert "freq" not in yearly and yearly["description"] == "Hvert år den 1. januar"
    assert "Europe/Copenhagen" in strik["notes"]


def test_hsds_addresses_only_when_complete(files):
    locations = {
        loc["name"]: loc
        for loc in json.loads(files["data/hsds/service_at_locations.json"])["contents"]
        for loc in [loc["location"]]
    }
    assert set(locations) == {"Kulturhuset", "Pavillonen"}
    s = _services(files)
    kultur = s["Strikkecaféen"]["service_at_locations"][0]["location"]
    assert kultur["addresses"][0] == {
        "id": uid("adresse", "kulturhuset"),
        "location_id": uid("sted", "kulturhuset"),
        "address_1": "Strandvej 1",
        "city": "Testby",
        "state_province": "Region Syddanmark",
        "postal_code": "9999",
        "country": "DK",
        "address_type": "physical",
    }
    pavillon = s["Sorggruppen"]["service_at_locations"][0]["location"]
    assert pavillon["addresses"] == [] and "Parkvej 2" in pavillon["description"]


def test_identifiers_are_uuid5_of_our_ids_and_survive_a_move(files):
    moved, _ = build(Settings(site_name="Overblik", site_url="https://andet.example/", owner="Testby Kommune"))
    ids = {d["id"] for d in json.loads(files["data/hsds/services.json"])["contents"]}
    assert ids == {d["id"] for d in json.loads(moved["data/hsds/services.json"])["contents"]}
    assert uid("initiativ", "strikkecafe") == str(uuid.uuid5(NAMESPACE, "initiativ:strikkecafe"))
    assert uid("initiativ", "strikkecafe") in ids


def test_exports_without_site_url_leave_absolute_addresses_out():
    files, graphs = build(Settings(site_name="Overblik", site_url=""))
    assert "sitemap.xml" not in files
    assert "Sitemap:" not in files["robots.txt"].decode()
    service = _services(files)["Strikkecaféen"]
    assert "url" not in service
    crumbs = next(n for n in graphs["initiativer/strikkecafe.md"]["@graph"] if n["@type"] == "BreadcrumbList")
    assert [c["item"] for c in crumbs["itemListElement"]] == ["../../", "../", "./"]
    assert check_atom(files["atom.xml"]) == []


# --- spreadsheet ---------------------------------------------------------------------------


def _sheet(files) -> list[dict]:
    raw = files["data/initiativer.csv"]
    assert raw.startswith(b"\xef\xbb\xbf"), "uden BOM læser Excel ikke æ, ø og å"
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_spreadsheet_opens_in_danish_excel(files):
    rows = _sheet(files)
    assert len(rows) == 9
    strik = next(r for r in rows if r["Id"] == "strikkecafe")
    assert strik["Navn"] == "Strikkecaféen" and strik["Kommune"] == "Testby Kommune"
    assert strik["Senest bekræftet"] == "2019-04-15" and strik["Seneste status (dato)"] == "2019-04-15"
    assert strik["Finansiering"] == "§18-midler: 25.000 kr., 2019"
    assert next(r for r in rows if r["Id"] == "faellesspisning")["Senest bekræftet"] == "2019-04"
    assert [r["Kommune"] for r in rows] == sorted((r["Kommune"] for r in rows), key=sort_key)


def test_spreadsheet_cells_cannot_become_formulas(files):
    rows = _sheet(files)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    hostile = next(r for r in rows if r["Id"] == "fjendtlig")
    assert hostile["Navn"] == "'" + HOSTILE_NAME
    assert hostile["Telefon"] == "'+45 11 22 33 44"
    assert "\x01" not in hostile["Resumé"]


# --- calendars ---------------------------------------------------------------------------


def test_calendars_only_where_the_content_places_each_occurrence(files):
    calendars = sorted(p for p in files if p.endswith(".ics"))
    assert calendars == [
        "kalender/initiativer/faellesspisning.ics",
        "kalender/initiativer/fjendtlig.ics",
        "kalender/initiativer/nytaarsvandring.ics",
        "kalender/initiativer/strikkecafe.ics",
        "kalender/kommuner/testby.ics",  # Andeby has nothing that can be placed: no file
    ]
    reasons = {p.entry.slug: p.reasons for p in plans(load()) if p.reasons}
    assert reasons == {
        "gaatur": ["det er ikke oplyst, om det er i lige eller ulige uger"],
        "gammel-klub": ["initiativet har status «afsluttet»; kalendere viser kun aktive initiativer"],
        "netvaerk": ["initiativet har status «under udvikling»; kalendere viser kun aktive initiativer"],
        "sorggruppe": [
            "kilden siger «to gange om året» uden datoer",
            "det er ikke oplyst, hvilken dag i måneden det foregår",
        ],
        "loppemarked": ["det foregår uregelmæssigt"],
    }


@pytest.mark.parametrize(
    "name",
    [
        "kalender/initiativer/faellesspisning.ics",
        "kalender/initiativer/fjendtlig.ics",
        "kalender/initiativer/nytaarsvandring.ics",
        "kalender/initiativer/strikkecafe.ics",
        "kalender/kommuner/testby.ics",
    ],
)
def test_calendar_files_are_valid_rfc5545(files, name):
    assert check_ics(files[name]) == []


def _event(files, name) -> icalendar.Event:
    return icalendar.Calendar.from_ical(files[f"kalender/initiativer/{name}.ics"]).walk("VEVENT")[0]


def _occurrences(event, count=40) -> list[dt.datetime]:
    """The first occurrences, as Danish local times (dateutil expands the RRULE)."""
    start = event["DTSTART"].dt
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time())
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return [d.replace(tzinfo=None) for d in itertools.islice(rule, count)]


def test_weekly_calendar_starts_when_the_information_was_confirmed(files):
    event = _event(files, "strikkecafe")
    assert event["DTSTART"].dt == dt.datetime(2019, 4, 16, 10, 0, tzinfo=event["DTSTART"].dt.tzinfo)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Copenhagen"
    assert event["DTEND"].dt.hour == 12
    assert [d.strftime("%a") for d in _occurrences(event, 4)] == ["Tue", "Thu", "Tue", "Thu"]
    assert str(event["UID"]) == uid("kalender", "strikkecafe", 0)
    assert event["DTSTAMP"].dt == dt.datetime(2019, 4, 15, tzinfo=dt.UTC)
    assert str(event["LOCATION"]) == "Kulturhuset, Strandvej 1, 9999 Testby"


def test_odd_weeks_stay_odd_across_years_with_53_weeks(files):
    event = _event(files, "faellesspisning")
    days = _occurrences(event, 200)
    assert all(d.weekday() == 4 and d.isocalendar()[1] % 2 == 1 for d in days)
    # 2020 has a week 53: 1 January 2021 (week 53) and 8 January 2021 (week 1) are both odd weeks
    assert dt.datetime(2021, 1, 1, 17, 30) in days and dt.datetime(2021, 1, 8, 17, 30) in days
    assert days[-1] <= dt.datetime(2030, 12, 31, 23, 59)


def test_yearly_date_without_time_is_an_all_day_event(files):
    event = _event(files, "nytaarsvandring")
    assert event["DTSTART"].dt == dt.date(2019, 1, 1)
    assert event["DTEND"].dt == dt.date(2019, 1, 2)
    assert [d.date() for d in _occurrences(event, 3)] == [dt.date(2019, 1, 1), dt.date(2020, 1, 1), dt.date(2021, 1, 1)]


def test_hostile_text_survives_calendar_escaping(files):
    event = _event(files, "fjendtlig")
    assert str(event["SUMMARY"]) == HOSTILE_NAME
    description = str(event["DESCRIPTION"])
    assert description.startswith("</script><script>alert(1)</script> & <b>fed</b>; komma, semikolon; backslash \\ ]]>")
    assert "\x01" not in description
    assert "Sluttidspunktet er ikke oplyst." in description
    assert "DTEND" not in event  # the end is not known


def _unfolded(raw: bytes) -> list[str]:
    """Content lines without folding, each RRULE's parts in one order, GEO as numbers."""
    out = []
    for line in raw.decode("utf-8").replace("\r\n ", "").split("\r\n"):
        if line.startswith("RRULE:"):
            line = "RRULE:" + ";".join(sorted(line[6:].split(";")))
        elif line.startswith("GEO:"):
            line = "GEO:" + ";".join(str(float(x)) for x in line[4:].split(";"))
        out.append(line)
    return out


def test_icalendar_writes_the_same_calendars_but_for_rrule_order_and_folding(files):
    """Why calendars.py writes RFC 5545 itself: icalendar 7.3, reading and writing our files
    again, changes only the order of RRULE parts, trailing zeros in GEO and where long lines fold."""
    calendars = {name: raw for name, raw in files.items() if name.endswith(".ics")}
    assert calendars
    differ = []
    for name, raw in calendars.items():
        again = icalendar.Calendar.from_ical(raw).to_ical(sorted=False)
        assert _unfolded(again) == _unfolded(raw), name
        differ += [name] if again != raw else []
    assert differ, "icalendar now writes the same bytes: consider writing the files with it"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_survives_escaping_and_folding(text):
    line = fold("SUMMARY:" + escape_text(text))
    assert all(len(part.encode("utf-8")) <= 75 for part in line.split("\r\n"))
    # no escape is split over two lines (an odd run of backslashes at a line's end)
    assert all((len(part) - len(part.rstrip("\\"))) % 2 == 0 for part in line.split("\r\n")[:-1])
    raw = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//DA",
            "BEGIN:VEVENT",
            "UID:x",
            "DTSTAMP:20190101T000000Z",
            "DTSTART;VALUE=DATE:20190101",
            line,
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert str(event["SUMMARY"]) == expected


# --- feed, sitemap, robots ---------------------------------------------------------------


def test_atom_feed(files):
    assert check_atom(files["atom.xml"]) == []
    text = files["atom.xml"].decode()
    assert "<updated>2020-02-29T00:00:00Z</updated>" in text
    assert "&lt;/script&gt;" in text and "</script>" not in text


def test_sitemap_dates_come_from_content(files):
    raw = files["sitemap.xml"]
    assert check_sitemap(raw, SITE_URL) == []
    text = raw.decode()
    assert f"<loc>{SITE_URL}initiativer/strikkecafe/</loc><lastmod>2019-04-15</lastmod>" in text
    assert f"<loc>{SITE_URL}om/</loc></url>" in text  # hand-written: no content date, no lastmod
    assert f"<loc>{SITE_URL}organisationer/aeldreforeningen/</loc><lastmod>2019-05-01</lastmod>" in text


@pytest.mark.parametrize(
    "site_url, lines",
    [
        (
            "https://www.ishoj.dk/overblik/",
            [
                "Allow: /overblik/",
                "Disallow: /overblik/pagefind/",
                "Sitemap: https://www.ishoj.dk/overblik/sitemap.xml",
            ],
        ),
        (
            "https://overblik.example/",
            ["Allow: /", "Disallow: /pagefind/", "Sitemap: https://overblik.example/sitemap.xml"],
        ),
        (
            "https://www.ishoj.dk/a/b",
            ["Allow: /a/b/", "Disallow: /a/b/pagefind/", "Sitemap: https://www.ishoj.dk/a/b/sitemap.xml"],
        ),
    ],
)
def test_robots_respects_the_sub_path(site_url, lines):
    text = robots(Settings(site_url=site_url), has_sitemap=True)
    rules = [line for line in text.splitlines() if not line.startswith("#")]
    assert rules == ["User-agent: *"] + lines
    if site_url.rstrip("/").count("/") > 2:
        assert "robots.txt i roden" in text


# --- JSON-LD ---------------------------------------------------------------------------------


def _nodes(graphs, src) -> dict[str, dict]:
    return {n["@type"]: n for n in graphs[src]["@graph"]}


def test_every_generated_page_has_a_clean_graph(graphs):
    for src, graph in graphs.items():
        assert graph["@context"] == "https://schema.org", src
        assert empty_values(graph) == [], src
        types = [n["@type"] for n in graph["@graph"]]
        assert types[0] == "WebSite" and "BreadcrumbList" in types, src


def test_initiative_is_a_service_and_an_event_when_it_meets_regularly(graphs):
    nodes = _nodes(graphs, "initiativer/strikkecafe.md")
    assert nodes["Service"]["provider"]["@type"] == "NGO"
    assert nodes["Service"]["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "DKK"}
    schedule = nodes["Event"]["eventSchedule"][0]
    assert schedule["byDay"] == ["https://schema.org/Tuesday", "https://schema.org/Thursday"]
    assert (schedule["repeatFrequency"], schedule["startTime"], schedule["endTime"]) == ("P1W", "10:00:00", "12:00:00")
    assert schedule["scheduleTimezone"] == "Europe/Copenhagen"
    assert nodes["Event"]["location"][0]["name"] == "Kulturhuset"
    assert nodes["WebPage"]["mainEntity"] == {"@id": nodes["Service"]["@id"]}
    crumbs = [c["name"] for c in nodes["BreadcrumbList"]["itemListElement"]]
    assert crumbs == ["Forside", "Alle initiativer", "Strikkecaféen"]
    assert "Event" not in _nodes(graphs, "initiativer/gammel-klub.md")  # closed: no event


def test_case_organisation_place_types(graphs):
    assert _nodes(graphs, "cases/godt-samarbejde.md")["Article"]["dateModified"] == "2019-05"
    assert "NGO" in _nodes(graphs, "organisationer/aeldreforeningen.md")
    assert "GovernmentOrganization" in _nodes(graphs, "organisationer/frivilligteamet.md")
    place = _nodes(graphs, "steder/kulturhuset.md")["Place"]
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 55.6123, "longitude": 12.3456}
    assert place["address"]["postalCode"] == "9999"
    assert "DataCatalog" in _nodes(graphs, DATA_PAGE)


def test_hostile_text_is_kept_as_data(graphs):
    service = _nodes(graphs, "initiativer/fjendtlig.md")["Service"]
    assert service["name"] == HOSTILE_NAME
    assert service["description"].startswith("</script><script>")


def test_front_matter_round_trips_the_graph(graphs):
    repo = load()
    index = SiteIndex.build(repo)
    page = Renderer(repo, SETTINGS, index, page_facts(repo, index)).entry_page(repo.initiativer["fjendtlig"])
    done = finish([page], repo, SETTINGS, index)
    meta, _ = read_front_matter(done[0].content)
    assert json.loads(meta["jsonld"])["@graph"][2]["@type"] == "BreadcrumbList"
    assert meta["title"]  # what was there is kept


@pytest.mark.parametrize(
    "value",
    [
        {"a": "æøå </script> \\ \" ' '' \n \t \x01 \x7f \x85 \u2028 🙂", "b": [1, 2.5, True, None]},
        {"tiny": 1e-05, "big": 1e300, "neg": -0.0},
        {"yes": "yes", "on": "on", "date": "2019-04-01", "colon": "a: b", "hash": "# x"},
    ],
)
def test_front_matter_graph_reads_back_identically_and_is_script_safe(value):
    import yaml

    from overblik.opendata.jsonld import meta_line, script_json

    text = script_json(value)
    assert text.isascii() and not any(c in text for c in "<>&")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    read = yaml.load(meta_line("jsonld", text), Loader=loader)["jsonld"]
    assert read == text and json.loads(read) == value


# --- the "Åbne data" page --------------------------------------------------------------------


def test_open_data_page_links_every_export(files):
    text = files[DATA_PAGE].decode()
    for path in files:
        if path in (DATA_PAGE,) or path.startswith("data/hsds/services/"):
            continue
        assert f'href="../{path}"' in text, path
    assert "CC BY 4.0" in text
    assert 'Gåturen</a> <span class="ob-list__note">– det er ikke oplyst, om det er i lige eller ulige uger' in text


def test_the_shared_dataset_goes_with_the_content():
    """The HSDS dataset the JSON and CSV files share is kept only while its content is:
    a large build lets the content go before the search index, which needs the memory."""
    import gc
    import weakref

    from overblik.opendata import hsds

    repo = load()
    first = hsds.build_dataset(repo, SETTINGS)
    assert hsds.build_dataset(repo, SETTINGS) is first  # shared within the build
    gone = weakref.ref(first)
    del repo, first
    gc.collect()
    assert gone() is None
    assert hsds._LAST == []
