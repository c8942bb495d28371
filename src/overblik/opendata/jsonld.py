"""Schema.org JSON-LD for every generated page, so search engines and portals
understand what a page is about.

Each page gets one graph: the ``WebSite``, the ``WebPage`` with its
``BreadcrumbList``, and what the page is about: an initiative as ``Service``
(plus an ``Event`` with an ``eventSchedule`` when it meets regularly), a case
as ``Article``, an organisation as ``Organization``/``NGO``/…, a place as
``Place``, a municipality as ``GovernmentOrganization``, a report as
``Report``. Values that are not known are left out, never given empty.

The graph travels in the page's front matter (``jsonld``) as JSON text:
ASCII only, with ``<``, ``>`` and ``&`` written as ``\u003c`` etc., so no
content can end the ``<script>`` element it is written into
(``overrides/partials/overblik-head.html``, which escapes them again, in case
a hand-written page sets ``jsonld`` itself). Hand-written pages get a
WebSite/WebPage/BreadcrumbList graph from the same partial.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import partial
from typing import Any

import yaml

from overblik.content.repository import Entry, Repository
from overblik.content.types import TYPES
from overblik.site import deps, urls
from overblik.site.output import Output
from overblik.site.settings import Settings
from overblik.site.siteindex import SiteIndex

from .freshness import KIND_OF_SECTION, Freshness
from .recurrence import describe, recurrence, seconds
from .weblinks import WebLinks

CONTEXT = "https://schema.org"
TIMEZONE = "Europe/Copenhagen"
HOME_CRUMB = "Forside"
DAYS = {
    "MO": "https://schema.org/Monday",
    "TU": "https://schema.org/Tuesday",
    "WE": "https://schema.org/Wednesday",
    "TH": "https://schema.org/Thursday",
    "FR": "https://schema.org/Friday",
    "SA": "https://schema.org/Saturday",
    "SU": "https://schema.org/Sunday",
}
ORGANISATION_TYPES = {
    "forening": "NGO",
    "frivilligt-netvaerk": "NGO",
    "ngo": "NGO",
    "kommunal-enhed": "GovernmentOrganization",
    "statslig-myndighed": "GovernmentOrganization",
    "region": "GovernmentOrganization",
    "uddannelse": "EducationalOrganization",
    "videnscenter": "Organization",
}
FRAGMENT = {t.name: t.fragment for t in TYPES}


def clean(value: Any) -> Any:
    """Drop None, empty strings, lists and objects, at every depth."""
    if isinstance(value, dict):
        out = {k: clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        out = [clean(v) for v in value]
        return [v for v in out if v not in (None, "", [], {})]
    return value


def front_matter_end(text: str) -> int:
    """Where the page's front matter ends (0 without one): after the line before ``---``."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---\n", 3)
    return end + 1 if end >= 0 else 0


def read_front_matter(text: str) -> tuple[dict, int]:
    """The page's metadata and where its front matter ends (0 without one)."""
    end = front_matter_end(text)
    if not end:
        return {}, 0
    return yaml.load(text[4:end], Loader=_LOADER) or {}, end


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def page_front_matter(out: Output, read: Callable[[str], tuple[dict, int]] = read_front_matter) -> tuple[dict, int]:
    """As `read` (`read_front_matter`) of the page's text, taken from `out.meta` when its producer gave it."""
    if out.meta is not None:
        return out.meta, 0 if out.meta_only else front_matter_end(out.content)
    return read(out.content)


# A top-level key of the front matter as yaml.dump writes a simple one, and the start of its
# value, if that is not an anchor, alias or tag (which could tie it to other entries).
_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?:$| (?![&*!]))")
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks to YAML besides \n


def own_front_matter(text: str, keys: Collection[str] = ("description", "title")) -> tuple[dict, int]:
    """As `read_front_matter`, but only the top-level `keys` of the front matter (what a page's
    graph reads of its own, see `Graphs.reads`): on a content page most of it is the search
    words, which this does not read. The entries of those keys are cut out of the text as
    they are (an entry is a line at the margin and the indented or ``- `` lines after it)
    and read by the same YAML loader, which gives the same values: such entries stand
    alone, unless one is an anchor, alias or tag, or a line break is not ``\\n``; then,
    and for anything else unusual, the whole front matter is read."""
    end = front_matter_end(text)
    if not end:
        return {}, 0
    block = text[4:end]
    if any(br in block for br in _OTHER_BREAKS):
        return _only(read_front_matter(text), keys)
    kept: list[str] = []
    keep = False
    for line in block.split("\n"):
        if not line or line[0] == " " or line == "-" or line.startswith("- "):
            if keep:
                kept.append(line)
            continue
        top = _TOP_KEY.match(line)
        if top is None:
            return _only(read_front_matter(text), keys)
        keep = top.group(1) in keys
        if keep:
            kept.append(line)
    meta = yaml.load("\n".join(kept) + "\n", Loader=_LOADER) if kept else {}
    if not isinstance(meta, dict):
        return _only(read_front_matter(text), keys)
    return meta, end


def _only(found: tuple[dict, int], keys: Collection[str]) -> tuple[dict, int]:
    meta, end = found
    return ({k: v for k, v in meta.items() if k in keys} if isinstance(meta, dict) else meta), end


def script_json(graph: Any) -> str:
    """The graph as JSON that is safe inside <script>: ASCII only, <, > and & escaped."""
    text = json.dumps(graph, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def meta_line(key: str, text: str) -> str:
    """`key: '...'`: a single-quoted YAML scalar, which has no escapes but '' for ',
    so MkDocs reads the text back exactly and fast (a nested mapping costs ~1 ms a page)."""
    if not text.isascii() or not text.isprintable():
        raise ValueError("front matter text must be printable ASCII on one line")
    return f"{key}: '" + text.replace("'", "''") + "'\n"


def with_meta(text: str, key: str, value: str, end: int | None = None) -> str:
    """The page text with `key: 'value'` added to its front matter (`end`: where it ends, if known)."""
    if end is None:
        _, end = read_front_matter(text)
    extra = meta_line(key, value)
    if not end:
        return "---\n" + extra + "---\n\n" + text
    return text[:end] + extra + text[end:]


class Graphs:
    """Builds the JSON-LD graph of each generated page."""

    def __init__(
        self,
        repo: Repository,
        settings: Settings,
        index: SiteIndex,
        pages: dict[str, dict],
        extra: dict[str, Callable[[str], list[dict]]] | None = None,
    ):
        self.repo = repo
        self.vocab = repo.vocabulary
        self.settings = settings
        self.index = index
        self.pages = pages  # src_uri -> front matter of every generated page
        self.links = WebLinks(settings)
        self.fresh = Freshness(repo, index)
        self.extra = extra or {}  # src_uri -> more nodes for that page (e.g. the data catalogue)

    # --- addresses -------------------------------------------------------------

    def url(self, here: str, target: str) -> str:
        return self.links.from_page(here, target)

    def node_id(self, here: str, kind: str, slug: str, fragment: str | None = None) -> str:
        return self.url(here, urls.src_uri(kind, slug)) + "#" + (fragment or FRAGMENT[kind])

    def title(self, src: str) -> str:
        return html.unescape(str(self.pages.get(src, {}).get("title", "")))

    # --- shared nodes ------------------------------------------------------------

    def website(self, here: str) -> dict:
        home = self.url(here, "index.md")
        return {
            "@type": "WebSite",
            "@id": home + "#website",
            "name": self.settings.site_name,
            "url": home,
            "inLanguage": "da",
            "license": self.settings.licence_url,
            "publisher": self.publisher(),
        }

    def publisher(self) -> dict:
        return {"@type": "Organization", "name": self.settings.owner or self.settings.site_name}

    @staticmethod
    def folder_indexes(src: str) -> list[str]:
        """The index pages of the folders `src` lies in, outermost first, whether they exist or not."""
        parts = src.split("/")[:-1]
        return ["/".join(parts[:i]) + "/index.md" for i in range(1, len(parts) + 1)]

    @classmethod
    def reads(cls, src: str) -> list[str]:
        """The pages whose front matter (whether they exist, their title or description)
        `graph(src)` reads: the page itself and the index pages of its folders (breadcrumbs).
        Nothing else of `pages` (see `Annotator`; a test holds every graph to this)."""
        return [src] + [other for other in cls.folder_indexes(src) if other != src]

    def crumbs(self, src: str) -> list[str]:
        trail = ["index.md"]
        for candidate in self.folder_indexes(src):
            if candidate in self.pages and candidate != src:
                trail.append(candidate)
        if src != "index.md":
            trail.append(src)
        return trail

    def breadcrumb(self, here: str) -> dict:
        items = []
        for position, src in enumerate(self.crumbs(here), start=1):
            name = HOME_CRUMB if src == "index.md" else self.title(src)
            items.append({"@type": "ListItem", "position": position, "name": name, "item": self.url(here, src)})
        return {"@type": "BreadcrumbList", "@id": self.url(here, here) + "#broedkrummer", "itemListElement": items}

    def area(self, here: str, kommune: str | None) -> dict | None:
        if not kommune:
            return None
        return {
            "@type": "AdministrativeArea",
            "@id": self.node_id(here, "kommune", kommune, "omraade"),
            "name": self.repo.kommuner[kommune].name,
        }

    def org_ref(self, here: str, slug: str | None) -> dict | None:
        if not slug:
            return None
        org = self.repo.organisationer[slug]
        return {
            "@type": ORGANISATION_TYPES.get(org.model.type, "Organization"),
            "@id": self.node_id(here, "organisation", slug),
            "name": org.name,
            "url": self.url(here, urls.src_uri("organisation", slug)),
        }

    def place_ref(self, here: str, slug: str) -> dict:
        return {
            "@type": "Place",
            "@id": self.node_id(here, "sted", slug),
            "name": self.repo.steder[slug].name,
            "url": self.url(here, urls.src_uri("sted", slug)),
        }

    def offer(self, pris) -> dict | None:
        if pris is None:
            return None
        if pris.type == "gratis":
            return {"@type": "Offer", "price": 0, "priceCurrency": "DKK", "description": pris.note}
        if pris.beloeb is not None:
            amount = int(pris.beloeb) if float(pris.beloeb).is_integer() else pris.beloeb
            return {"@type": "Offer", "price": amount, "priceCurrency": "DKK", "description": pris.note}
        return {
            "@type": "Offer",
            "description": "Egenbetaling" + (f" ({pris.note})" if pris.note else "; beløbet er ikke oplyst"),
        }

    # --- what a page is about ----------------------------------------------------

    def subject(
        self,
        here: str,
        node_type: str,
        fragment: str,
        name: str,
        description: str | None,
        *,
        headline: bool = False,
        language: bool = False,
    ) -> dict:
        """The first keys of the node the page is about: its type and id, its name (also
        as `headline` for a written work), its summary, the page's address and (`language`)
        that it is in Danish."""
        page = self.url(here, here)
        return {
            "@type": node_type,
            "@id": page + "#" + fragment,
            "headline": name if headline else None,
            "name": name,
            "description": description,
            "url": page,
            "inLanguage": "da" if language else None,
        }

    def initiative(self, here: str, e: Entry) -> list[dict]:
        m = e.model
        service = {
            **self.subject(here, "Service", "initiativ", m.navn, m.resume),
            "serviceType": self.vocab.typer[m.type].navn,
            "category": [self.vocab.temaer[t].navn for t in m.temaer],
            "audience": [{"@type": "Audience", "audienceType": self.vocab.maalgrupper[g].navn} for g in m.maalgrupper],
            "provider": self.org_ref(here, m.ansvarlig),
            "areaServed": self.area(here, e.kommune),
            "offers": self.offer(m.pris),
        }
        nodes = [service]
        regular = [(t, recurrence(t)) for t in m.tidspunkt]
        regular = [(t, r) for t, r in regular if r.is_regular]
        if regular and m.status == "aktiv":
            places = []
            for t, _ in regular:
                slug = t.sted or (m.steder[0] if len(m.steder) == 1 else None)
                if slug and slug not in places:
                    places.append(slug)
            nodes.append(
                {
                    **self.subject(here, "Event", "begivenhed", m.navn, m.resume, language=True),
                    "about": {"@id": service["@id"]},
                    "eventSchedule": [self.schedule(t, r, m.slutaar) for t, r in regular],
                    "location": [self.place_ref(here, p) for p in places],
                    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode" if places else None,
                    "organizer": self.org_ref(here, m.ansvarlig),
                    "isAccessibleForFree": True if m.pris and m.pris.type == "gratis" else None,
                    "offers": self.offer(m.pris),
                }
            )
        return nodes

    @staticmethod
    def schedule(t, r, end_year: int | None) -> dict:
        unit = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}[r.freq]
        return {
            "@type": "Schedule",
            "repeatFrequency": f"P{r.interval}{unit}",
            "byDay": [DAYS[d] for d in r.byday],
            "byMonth": r.bymonth,
            "byMonthDay": r.bymonthday,
            "startTime": seconds(r.opens) if r.opens else None,
            "endTime": seconds(r.closes) if r.closes else None,
            "scheduleTimezone": TIMEZONE if r.opens else None,
            "endDate": f"{end_year}-12-31" if end_year else None,
            "description": describe(t),
        }

    def case(self, here: str, e: Entry) -> list[dict]:
        m = e.model
        return [
            {
                **self.subject(here, "Article", "case", m.titel, m.resume, headline=True, language=True),
                "dateModified": m.senest_bekraeftet.iso(),
                "about": [{"@type": "Thing", "name": self.vocab.temaer[t].navn} for t in m.temaer],
                "audience": [
                    {"@type": "Audience", "audienceType": self.vocab.maalgrupper[g].navn} for g in m.maalgrupper
                ],
                "keywords": ", ".join(m.noegleord),
                "spatialCoverage": self.area(here, e.kommune),
                "isBasedOn": self.url(here, urls.src_uri("rapport", m.rapport)) if m.rapport else None,
                "mentions": [self.org_ref(here, p) for p in m.partnere],
                "publisher": self.publisher(),
                "license": self.settings.licence_url,
            }
        ]

    def organisation(self, here: str, e: Entry) -> list[dict]:
        m = e.model
        node = self.org_ref(here, e.slug)
        node.update(
            {
                "description": m.resume,
                "sameAs": [m.web] if m.web else None,
                "email": m.email,
                "telephone": m.telefon,
                "parentOrganization": self.org_ref(here, m.del_af),
                "areaServed": self.area(here, e.kommune),
            }
        )
        return [node]

    def place(self, here: str, e: Entry) -> list[dict]:
        m = e.model
        region = self.repo.kommuner[e.kommune].model.region if e.kommune else None
        address = None
        if m.adresse or m.postnummer or m.by:
            address = {
                "@type": "PostalAddress",
                "streetAddress": m.adresse,
                "postalCode": m.postnummer,
                "addressLocality": m.by,
                "addressRegion": region,
                "addressCountry": "DK",
            }
        node = self.place_ref(here, e.slug)
        node.update(
            {
                "description": m.resume,
                "address": address,
                "geo": {"@type": "GeoCoordinates", "latitude": m.koordinater.lat, "longitude": m.koordinater.lon}
                if m.koordinater
                else None,
                "containedInPlace": self.area(here, e.kommune),
            }
        )
        return [node]

    def municipality(self, here: str, e: Entry) -> list[dict]:
        m = e.model
        node = self.subject(here, "GovernmentOrganization", "kommune", m.navn, m.resume)
        return [
            {
                **node,
                "sameAs": [m.web] if m.web else None,
                "identifier": {"@type": "PropertyValue", "propertyID": "kommunekode", "value": f"{m.kode:03d}"}
                if m.kode
                else None,
                "areaServed": {
                    "@type": "AdministrativeArea",
                    "@id": node["url"] + "#omraade",
                    "name": m.navn,
                    "containedInPlace": {"@type": "AdministrativeArea", "name": m.region} if m.region else None,
                },
            }
        ]

    def report(self, here: str, e: Entry) -> list[dict]:
        m = e.model
        return [
            {
                **self.subject(here, "Report", "rapport", m.titel, m.resume, headline=True, language=True),
                "datePublished": m.dato.iso() if m.dato else None,
                "publisher": self.org_ref(here, m.udgiver),
                "spatialCoverage": self.area(here, e.kommune),
            }
        ]

    def article(self, here: str, e: Entry) -> list[dict]:
        m = e.model
        return [
            {
                **self.subject(here, "Article", "artikel", m.titel, m.resume, headline=True, language=True),
                "dateModified": m.senest_bekraeftet.iso() if m.senest_bekraeftet else None,
                "spatialCoverage": self.area(here, e.kommune),
                "isBasedOn": self.url(here, urls.src_uri("rapport", m.rapport)) if m.rapport else None,
                "publisher": self.publisher(),
                "license": self.settings.licence_url,
            }
        ]

    def term(self, here: str, kind: str, key: str) -> dict:
        vocabulary = {"maalgruppe": "maalgrupper", "tema": "temaer", "type": "typer"}[kind]
        term = getattr(self.vocab, vocabulary)[key]
        return {"@type": "DefinedTerm", "name": term.navn, "description": term.beskrivelse, "termCode": key}

    # --- the page ----------------------------------------------------------------

    def entities(self, src: str) -> tuple[str, list[dict]]:
        """The page's type and the nodes it is about."""
        section, _, name = src.rpartition("/")
        kind = KIND_OF_SECTION.get(section)
        slug = name[:-3]
        if kind and slug != "index":
            entry = self.repo.entries.get(kind, {}).get(slug)
            if entry is not None:
                build = {
                    "initiativ": self.initiative,
                    "case": self.case,
                    "organisation": self.organisation,
                    "sted": self.place,
                    "kommune": self.municipality,
                    "rapport": self.report,
                    "side": self.article,
                }[kind]
                return "WebPage", build(src, entry)
            if kind in ("maalgruppe", "tema", "type"):
                return "CollectionPage", [self.term(src, kind, slug)]
        if slug == "index" and kind:
            return "CollectionPage", []
        return "WebPage", []

    def graph(self, src: str) -> dict:
        meta = self.pages.get(src, {})
        page = self.url(src, src)
        page_type, entities = self.entities(src)
        if src in self.extra:
            entities = entities + self.extra[src](src)
        about = entities[0] if entities else None
        modified = self.fresh.page(src)
        webpage = {
            "@type": page_type,
            "@id": page,
            "url": page,
            "name": self.title(src),
            "description": html.unescape(str(meta.get("description", ""))),
            "inLanguage": "da",
            "isPartOf": {"@id": self.url(src, "index.md") + "#website"},
            "breadcrumb": {"@id": page + "#broedkrummer"},
            "dateModified": modified.iso() if modified else None,
            "license": self.settings.licence_url,
        }
        if about is not None:
            key = "about" if about["@type"] == "DefinedTerm" else "mainEntity"
            webpage[key] = {"@id": about["@id"]} if "@id" in about else about
            if key == "about":
                entities = entities[1:]
        return clean(
            {
                "@context": CONTEXT,
                "@graph": [self.website(src), webpage, self.breadcrumb(src)] + entities,
            }
        )


def annotate(
    outputs: list[Output],
    repo: Repository,
    settings: Settings,
    index: SiteIndex,
    extra: dict[str, Callable[[str], list[dict]]] | None = None,
    tracker: deps.Tracker | None = None,
) -> list[Output]:
    """Every generated page with its JSON-LD graph in the front matter (key ``jsonld``),
    replaced in `outputs` itself (which is returned): each page's old text goes as its new
    one is made, so a large site does not hold both (about 300 MB at 10,000 initiatives).
    `tracker` (``mkdocs serve --dirty``): reuse each page's graph of the previous build
    while nothing it read changed."""
    pages, ends = {}, {}
    for out in outputs:
        if out.is_page and isinstance(out.content, str):
            if tracker is None:
                pages[out.src_uri], ends[out.src_uri] = page_front_matter(out)
            else:
                text = out.content
                pages[out.src_uri], ends[out.src_uri] = tracker.derived(
                    "front matter", out.src_uri, (text,), lambda text=text: read_front_matter(text)
                )
    if tracker is None:
        graphs = Graphs(repo, settings, index, pages, extra)
    else:  # reads recorded, and a page's graph reused while nothing it read changed (see site.deps)
        graphs = Graphs(tracker.repo, settings, tracker.index, tracker.pages(pages), extra)
    for i, out in enumerate(outputs):
        if out.src_uri in pages:
            src = out.src_uri
            if tracker is None:
                out = _with_graph(out, script_json(graphs.graph(src)), ends[src])
            else:
                graph = tracker.cached("jsonld", src, lambda src=src: _recorded_graph(graphs, src, extra))
                out = tracker.derived("annotated", src, (out, graph), partial(_with_graph, out, graph, ends[src]))
            outputs[i] = out
    return outputs


class Annotator:
    """JSON-LD for a site whose pages are made in parts, in more than one process (see
    `build.generate`). A page's graph reads the front matter of the page itself and of
    the index pages of the folders it lies in, nothing of other pages (`Graphs.reads`):
    each part is annotated with the front matter of those other pages, taken from the
    rest of the site (`front_matter`), and gets the same graphs as in `annotate`."""

    def __init__(self, graphs: Graphs):
        self.graphs = graphs

    def reads(self, pages: Iterable[str]) -> set[str]:
        """The other pages whose front matter the graphs of `pages` (src) read."""
        return {other for src in pages for other in self.graphs.reads(src)[1:]}

    @staticmethod
    def front_matter(outputs: Iterable[Output], wanted: Collection[str]) -> dict[str, dict]:
        """src -> front matter of the pages in `outputs` that are in `wanted`."""
        return {
            out.src_uri: page_front_matter(out)[0]
            for out in outputs
            if out.src_uri in wanted and out.is_page and isinstance(out.content, str)
        }

    def annotate(self, outputs: list[Output], known: Mapping[str, dict]) -> list[Output]:
        """The pages in `outputs` with their graphs, replaced in `outputs` itself (which is
        returned). `known`: the front matter of the pages outside `outputs` that their graphs
        read (`reads`), of those that exist; the pages in `outputs` see each other's title
        and description (`own_front_matter`), which is all that a graph reads of a page."""
        pages, ends = dict(known), {}
        for out in outputs:
            if out.is_page and isinstance(out.content, str):
                pages[out.src_uri], ends[out.src_uri] = page_front_matter(out, own_front_matter)
        self.graphs.pages = pages
        try:
            for i, out in enumerate(outputs):
                if out.src_uri in ends:
                    outputs[i] = _with_graph(out, script_json(self.graphs.graph(out.src_uri)), ends[out.src_uri])
        finally:
            self.graphs.pages = {}
        return outputs


def _with_graph(out: Output, graph: str, end: int) -> Output:
    meta = None if out.meta is None else {**out.meta, "jsonld": graph}  # the key comes last in the text too
    if out.meta_only:
        meta_line("jsonld", graph)  # the same check as for the text
        return dataclasses.replace(out, meta=meta)
    return dataclasses.replace(out, content=with_meta(out.content, "jsonld", graph, end), meta=meta)


def _recorded_graph(graphs: Graphs, src: str, extra: dict | None) -> str:
    if extra and src in extra:  # nodes from anywhere (the data catalogue)
        deps.read(deps.EVERYTHING)
    return script_json(graphs.graph(src))


def page_graphs(outputs: Iterable[Output]) -> dict[str, dict]:
    """The graphs annotate() wrote, by page (for tests and tools)."""
    graphs = {}
    for out in outputs:
        if out.is_page:
            text = read_front_matter(out.content)[0].get("jsonld")
            graphs[out.src_uri] = json.loads(text) if text else None
    return graphs
