"""Hostile and broken content: rejected with a Danish error, or rendered inert.

Content arrives by pull request from many hands. Every text field of every
type below carries markup and script payloads; the built site must show them
as text, and no script may run in Chromium.
"""

from __future__ import annotations

import html.parser
import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, copy_project, mkdocs_build, serve
from overblik.content.problems import ContentError
from overblik.content.repository import load_repository

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<iframe src="javascript:window.__pwned=3"></iframe>',
    "[klik](javascript:window.__pwned=4)",
    '"><svg onload="window.__pwned=5">',
    "</script><script>window.__pwned=6</script>",
    "<a href='javascript:window.__pwned=7'>x</a>",
    "<b>fed</b> & <i>kursiv</i> {{ 7*7 }} {% raw %}",
]
P = " ".join(PAYLOADS)
# Body text with raw HTML is an error (content.bodytext): the built site carries the
# payloads without tags in body text; test_body_html_is_rejected_and_rendered_inert covers the rest.
BODY_PAYLOADS = [p for p in PAYLOADS if "<" not in p]


def _hostile_tree(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "content", content)
    vocab = yaml.safe_load((content / "vokabular.yml").read_text(encoding="utf-8"))
    vocab["maalgrupper"]["ondsindet"] = {"navn": "Gruppe " + PAYLOADS[0], "beskrivelse": P}
    vocab["temaer"]["ondsindet"] = "Tema " + PAYLOADS[1]
    vocab["maalrammer"]["testmaal"]["maal"]["maal-1"] = "Mål " + PAYLOADS[4]
    (content / "vokabular.yml").write_text(yaml.safe_dump(vocab, allow_unicode=True), encoding="utf-8")
    init = {
        "navn": "Café " + PAYLOADS[0],
        "resume": "Resume " + PAYLOADS[1],
        "formaal": P,
        "type": "aktivitet",
        "status": "aktiv",
        "maalgrupper": ["ondsindet", "aeldre"],
        "temaer": ["ondsindet"],
        "noegleord": [PAYLOADS[2]],
        "steder": ["kulturhuset"],
        "oevrige_aktoerer": [PAYLOADS[5]],
        "tidspunkt": [{"hyppighed": "ugentligt", "ugedage": ["mandag"], "fra": "10:00", "note": PAYLOADS[6]}],
        "pris": {"type": "egenbetaling", "beloeb": 10, "note": PAYLOADS[1]},
        "tilmelding": {"type": "moed-op", "note": PAYLOADS[0]},
        "kontakt": {"rolle": PAYLOADS[4], "organisation": "frivilligteamet", "web": "https://example.org/?q=<script>"},
        "finansiering": [{"kilde": "paragraf-18", "beloeb": 1000, "aar": 2019, "note": PAYLOADS[2]}],
        "maal": [
            {
                "tekst": P,
                "enhed": PAYLOADS[0],
                "maalvaerdi": 10,
                "fremskridt": [{"dato": "2019-05-01", "vaerdi": 5, "note": PAYLOADS[3]}],
            }
        ],
        "bidrager_til": ["testmaal/maal-1"],
        "forankring": {"niveau": "gul", "rapport": "statusnotat-2019", "beskrivelse": P},
        "historik": [{"dato": "2019-04", "rapport": "statusnotat-2019", "tekst": P, "afsnit": PAYLOADS[6]}],
        "links": [{"titel": PAYLOADS[0], "url": 'https://example.org/"><script>window.__pwned=9</script>'}],
        "senest_bekraeftet": "2019-04",
    }
    body = (
        "## Overskrift " + PAYLOADS[3] + "\n\n" + "\n\n".join(BODY_PAYLOADS) + "\n\n![billede](javascript:alert(1))\n"
    )
    (content / "kommuner/testby/initiativer/ondsindet.md").write_text(
        "---\n" + yaml.safe_dump(init, allow_unicode=True) + "---\n" + body, encoding="utf-8"
    )
    case = (content / "kommuner/testby/cases/godt-samarbejde.md").read_text(encoding="utf-8")
    case = case.replace("titel: Godt samarbejde", "titel: 'Godt " + PAYLOADS[0] + "'")
    case = case.replace("### Start småt", "### Start " + PAYLOADS[3]).replace(
        "Noget var svært.", " ".join(BODY_PAYLOADS)
    )
    (content / "kommuner/testby/cases/godt-samarbejde.md").write_text(case, encoding="utf-8")
    (content / "kommuner/testby/steder/kulturhuset.yml").write_text(
        yaml.safe_dump(
            {"navn": "Hus " + PAYLOADS[0], "omraade": PAYLOADS[1], "adresse": PAYLOADS[2]}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    (content / "faelles/organisationer/aeldreforeningen.yml").write_text(
        yaml.safe_dump(
            {"navn": "Forening " + PAYLOADS[5], "type": "forening", "resume": PAYLOADS[0]}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    content = _hostile_tree(project / "src")
    config = copy_project(project, content=content)
    out = project / "site"
    result = mkdocs_build(config, out)
    assert result.returncode == 0, result.stderr
    return out


class _Injected(html.parser.HTMLParser):
    """Finds real elements and attributes (not escaped text) that a payload created."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        # JSON-LD holds content as JSON strings (data, not code); test_opendata_site checks it cannot break out.
        self._script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        if tag in ("iframe", "svg") and any("pwned" in (v or "") for _, v in attrs):
            self.found.append(tag)
        if tag == "iframe":
            self.found.append("iframe")
        for name, value in attrs:
            if name.startswith("on") and "pwned" in (value or ""):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag}[{name}=javascript:]")

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script and "pwned" in data:
            self.found.append("script")


def test_payloads_are_inert_in_html(hostile_site):
    for page in hostile_site.rglob("*.html"):
        parser = _Injected()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.found, f"{page}: {parser.found}"


def test_json_and_other_text_outputs_parse(hostile_site):
    for path in hostile_site.rglob("*.json"):
        if "pagefind" in path.parts:
            continue
        json.loads(path.read_text(encoding="utf-8-sig"))


@pytest.mark.browser
def test_no_script_runs_in_chromium(hostile_site, browser):
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("index.html"))
    assert len(pages) > 20
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(hostile_site) as base:
        for rel in pages:
            page.goto(base + rel[: -len("index.html")])
            page.wait_for_load_state("load")
            assert page.evaluate("() => window.__pwned") is None, rel
            injected = page.evaluate(
                "() => Array.from(document.querySelectorAll('[onerror],[onload],iframe,svg[onload]')).length"
            )
            assert injected == 0, rel
            assert (
                page.evaluate(
                    "() => Array.from(document.querySelectorAll('a[href]')).filter(a => a.href.startsWith('javascript:')).length"
                )
                == 0
            ), rel
        # Search results show hostile text as text too.
        page.goto(base + "soeg/?q=Café")
        page.wait_for_function("() => document.getElementById('ob-search-status').textContent.includes('resultat')")
        assert page.evaluate("() => window.__pwned") is None
    context.close()
    assert not dialogs


def test_hostile_text_is_visible_as_text(hostile_site):
    text = (hostile_site / "initiativer/ondsindet/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text


def test_body_html_is_rejected_and_rendered_inert(tmp_path):
    """Raw HTML in body text is an error for editors; were it rendered anyway, it would be text."""
    from overblik.site import prose

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    path = content / "kommuner/testby/initiativer/faellesspisning.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + "\n\n".join(PAYLOADS) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_repository(content, tmp_path)
    flagged = [p for p in info.value.problems if "HTML-koden" in p.message]
    assert len({p.line for p in flagged}) == sum(1 for payload in PAYLOADS if "<" in payload)  # each payload's line
    assert all(p.path.endswith("faellesspisning.md") and p.field == "brødtekst" for p in flagged)
    for payload in PAYLOADS:
        parser = _Injected()
        parser.feed(str(prose.render(payload)))
        assert not parser.found, payload


# --- broken files: each rejected with a clear Danish error ---------------------------

BROKEN = {
    "malformed YAML": ("navn: [ikke lukket\n", "kan ikke læses som YAML"),
    "tab indentation": ("navn: x\n\tresume: y\n", "kan ikke læses som YAML"),
    "YAML alias bomb": ("a: &a [x,x]\nb: [*a,*a]\n", "YAML-henvisninger"),
    "list instead of fields": ("- navn\n- resume\n", "forventede felter"),
    "python tag": ("navn: !!python/object/apply:os.system ['true']\n", "kan ikke læses som YAML"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_are_rejected_in_danish(tmp_path, name):
    text, expected = BROKEN[name]
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    (content / "kommuner/testby/organisationer/ny.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_repository(content, tmp_path)
    assert expected in str(info.value)
    assert "content/kommuner/testby/organisationer/ny.yml" in str(info.value)


def test_very_large_file_is_rejected(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    big = "---\nnavn: Stor\n---\n" + ("Lang tekst. " * 100_000)
    (content / "kommuner/testby/initiativer/stor.md").write_text(big, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_repository(content, tmp_path)
    assert "filen er for stor" in str(info.value)


# --- property-based: random front matter gives errors, never a traceback ---------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**9),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["2019-02-30", "25:61", "aktiv", "aeldre", "javascript:x", "https://x.dk", "1e9", "0x1F"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        "navn",
        "resume",
        "type",
        "status",
        "maalgrupper",
        "temaer",
        "tidspunkt",
        "pris",
        "tilmelding",
        "kontakt",
        "finansiering",
        "maal",
        "historik",
        "forankring",
        "senest_bekraeftet",
        "steder",
        "partnere",
        "bidrager_til",
        "startaar",
        "links",
        "billeder",
        "tidsplan",
        "titel",
        "omraade",
        "koordinater",
        "x",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    data=st.dictionaries(_keys, _values, max_size=10),
    folder=st.sampled_from(["initiativer", "cases", "organisationer", "steder", "rapporter", "sider"]),
)
def test_random_front_matter_never_crashes(tmp_path_factory, data, folder):
    content = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(FIXTURES / "content", content)
    suffix = ".yml" if folder in ("organisationer", "steder") else ".md"
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    if suffix == ".md":
        text = "---\n" + text + "---\nTekst.\n"
    (content / f"kommuner/testby/{folder}").mkdir(exist_ok=True)
    (content / f"kommuner/testby/{folder}/fuzz{suffix}").write_text(text, encoding="utf-8")
    try:
        load_repository(content, content.parent)
    except ContentError as err:
        assert err.problems and all(p.message for p in err.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_crash(tmp_path_factory, raw):
    content = tmp_path_factory.mktemp("bytes") / "content"
    shutil.copytree(FIXTURES / "content", content)
    (content / "kommuner/testby/steder/fuzz.yml").write_bytes(raw)
    try:
        load_repository(content, content.parent)
    except ContentError as err:
        assert err.problems
