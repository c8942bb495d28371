"""Generated pages: a page per piece of content, listings, and the front page.

Each page is Markdown text with a little front matter (title, description)
for MkDocs to render through the theme. Headings are Markdown (so the theme
builds a table of contents); the rest is HTML from Jinja templates with
autoescaping, so nothing an editor writes can inject markup.
"""

from __future__ import annotations

import html
import re
import weakref
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

import jinja2
import yaml

from overblik import danish
from overblik.content import bodytext
from overblik.content.citizens import can_join
from overblik.content.freshness import is_running
from overblik.content.repository import Entry, Repository, kinds_by_id
from overblik.content.types import TYPE

from . import prose, urls, wording
from .output import Output
from .settings import Settings
from .siteindex import SiteIndex
from .templatecache import CompiledTemplates

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_inline(text: Any) -> str:
    """Text safe to put in a Markdown heading: no markup, no links."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: the same YAML, 5 times faster


def page_meta(title: str, description: str, **extra: Any) -> dict:
    """Page metadata, as reading its front matter gives it back (keys in YAML's sorted
    order, at every level). The theme inserts title and description into HTML without
    escaping (titles may hold markup in hand-written pages), so escape them here."""
    meta = {
        "title": html.escape(title, quote=True),
        "description": html.escape(prose.plain(description, 300), quote=True),
    }
    meta.update({k: v for k, v in extra.items() if v is not None})
    return _sorted(meta)


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


def front_matter(meta: dict) -> str:
    """`meta` as the page's YAML front matter."""
    return "---\n" + yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


@dataclass(frozen=True)
class PageFacts:
    """Facts about the whole site that rooms built on this one work out once per build,
    for the content pages to show. `overblik.build.page_facts` makes them before any
    page is rendered; a Renderer without them renders every page but those."""

    calendars: Mapping[str, str]  # page (src_uri) → its calendar file, for those that have one
    overviews: Any  # the status overviews (`overviews.catalog.Catalog`): for_kommune, for_report


_COMPILED = CompiledTemplates()  # shared by every Renderer in this process
_OPEN: weakref.WeakSet[Renderer] = weakref.WeakSet()  # Renderers with a template environment (see close_all)

# The index pages that list every entry of a type by name: type, title, description.
SMALL_INDEXES = (
    ("organisation", "Organisationer", "Foreninger, kirker, organisationer og kommunale enheder bag initiativerne."),
    ("sted", "Steder", "Mødesteder, plejehjem, kulturhuse og andre steder, hvor initiativerne holder til."),
    ("rapport", "Rapporter og notater", "Statusnotater, handleplaner og casesamlinger, som indholdet bygger på."),
    ("side", "Artikler", "Artikler og oversigter fra kilderne."),
)


def close_all() -> None:
    """`mkdocs build`, once everything is generated: every Renderer's template environment
    let go. Its filters and globals point back at the Renderer and at the content, and a
    Jinja environment is a cycle of its own (it caches its templates, which point at it):
    so the content of a large site would live on until Python's cyclic collector walked
    the whole heap to find it (1.5 s at 10,000 initiatives); this way it is freed as soon
    as nothing else holds it."""
    for renderer in list(_OPEN):
        renderer.close()


class Renderer:
    """Renders pages from a repository; each page links relatively to the others."""

    def __init__(
        self, repo: Repository, settings: Settings, index: SiteIndex | None = None, facts: PageFacts | None = None
    ):
        self.repo = repo
        self.settings = settings
        self.index = index or SiteIndex.build(repo)
        self.facts = facts
        self.vocab = repo.vocabulary
        self.meta_only = False  # pages with their front matter only as data (see Output.meta_only)

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("overblik", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            bytecode_cache=_COMPILED,
            auto_reload=False,  # a Renderer lives for one build: no need to stat templates on every use
        )
        env.filters.update(
            md=md_inline,
            prose=self.prose,
            plain=prose.plain,
            kr=danish.amount,
            number=danish.number,
            schedule=wording.schedule,
            price=wording.price,
            joining=wording.joining,
            join_names=wording.join_names,
            plural=danish.count,
            plainnum=danish.plain_number,
            by_name=lambda entries: sorted(entries, key=danish.name_key),
        )
        env.globals.update(
            wording=wording,
            running=is_running,
            vocab=self.vocab,
            repo=self.repo,
            index=self.index,
            settings=self.settings,
            calendars=self.facts.calendars if self.facts else {},
            overviews=self.facts.overviews if self.facts else None,
            can_join=can_join,
            joinable=lambda entries: [e for e in entries if can_join(e)],
            not_joinable=lambda entries: [e for e in entries if not can_join(e)],
            covered=self.covered,
        )
        _OPEN.add(self)
        return env

    def close(self) -> None:
        """Let go of the template environment (made again if this Renderer is used again)."""
        env = self.__dict__.pop("env", None)
        if env is not None:
            env.globals.clear()
            env.filters.clear()
            env.cache = None

    def covered(self) -> list[tuple[Entry, int]]:
        """Municipalities with activities a citizen can join, and how many."""
        found = []
        for slug, k in self.repo.kommuner.items():
            n = sum(1 for e in self.index.kommune.get(slug, {}).get("initiativ", []) if can_join(e))
            if n:
                found.append((k, n))
        return found

    def compile_templates(self) -> None:
        """Load every template now (e.g. before forking, so both processes have them)."""
        for name in self.env.list_templates(extensions=["j2"]):
            self.env.get_template(name)

    # --- links ---------------------------------------------------------------

    @cached_property
    def ids(self) -> dict[str, list[str]]:
        """id -> the content types that have it, for links in body text."""
        return kinds_by_id(self.repo.entries)

    @property
    def prose(self):
        """The `prose` filter: body text to HTML, with links to content files made page links."""

        @jinja2.pass_context
        def render(ctx, text: str | None, **kwargs: Any):
            if text and "](" in text:
                text = bodytext.content_links(text, self.ids, ctx["link"])
            if text and "<" in text:
                text = bodytext.BREAK_LINE.sub("  \n", text)  # a <br> is meant as a line break
            return prose.render(text, **kwargs)

        return render

    def url_of(self, src: str) -> str:
        return urls.page_url(src, self.settings.use_directory_urls)

    def linker(self, src: str) -> Callable[..., str]:
        here = self.url_of(src)

        def link(kind_or_entry: Any, slug: str | None = None) -> str:
            if isinstance(kind_or_entry, Entry):
                target = urls.src_uri(kind_or_entry.kind, kind_or_entry.slug)
            elif (
                kind_or_entry.endswith(".md")
                or "/" in kind_or_entry
                or kind_or_entry.endswith((".json", ".csv", ".xml", ".ics"))
            ):
                target = kind_or_entry
            else:
                target = urls.src_uri(kind_or_entry, slug)
            if target.endswith(".md"):
                target = self.url_of(target)
            return urls.relative(here, target)

        return link

    def term(self, vocabulary: str, key: str) -> str:
        return getattr(self.vocab, vocabulary)[key].navn

    # --- rendering -----------------------------------------------------------

    def render(
        self,
        template: str,
        src: str,
        *,
        title: str,
        description: str,
        edit_path: str | None = None,
        in_nav: bool = False,
        meta: dict | None = None,
        **context: Any,
    ) -> Output:
        link = self.linker(src)
        body = self.env.get_template(template).render(
            link=link, term=self.term, title=title, description=description, src=src, **context
        )
        data = page_meta(title, description, **(meta or {}))
        if self.meta_only:
            return Output(src, body, edit_path=edit_path, in_nav=in_nav, meta=data, meta_only=True)
        return Output(src, front_matter(data) + body, edit_path=edit_path, in_nav=in_nav, meta=data)

    def editors_page(self, template: str, src: str, **kwargs: Any) -> Output:
        """A page of the editors' section: reached from the footer, not the menu, and
        marked (`publikum: redaktoer`) as being for editors."""
        return self.render(template, src, in_nav=False, meta={"publikum": "redaktoer"}, **kwargs)

    def edit_path(self, entry: Entry) -> str:
        return entry.rel

    def entry_page(self, entry: Entry) -> Output:
        m = entry.model
        description = getattr(m, "resume", None) or prose.plain(entry.body, 200) or entry.name
        template = TYPE[entry.kind].template
        from .search import entry_meta  # the search module renders through this one

        return self.render(
            template,
            urls.src_uri(entry.kind, entry.slug),
            title=entry.name,
            description=description,
            edit_path=self.edit_path(entry),
            in_nav=entry.kind == "kommune",
            meta={"soeg": entry_meta(self.repo, entry)},
            e=entry,
            m=m,
        )

    def listing(self, kind: str, key: str, vocabulary: str, initiatives: list[Entry], cases: list[Entry]) -> Output:
        term = getattr(self.vocab, vocabulary)[key]
        return self.render(
            "listing.md.j2",
            urls.src_uri(kind, key),
            title=term.navn,
            description=term.beskrivelse or f"Initiativer og cases: {term.navn}.",
            in_nav=True,
            term_=term,
            initiatives=initiatives,
            cases=cases,
        )

    def pages(self) -> Iterator[Output]:
        yield from self.entry_pages()
        yield from self.listing_pages()

    def entry_pages(self) -> Iterator[Output]:
        """A page per piece of content."""
        for _, make in self.entry_jobs():
            yield make()

    def listing_pages(self) -> Iterator[Output]:
        """Listings, indexes, the accessibility statement and the front page."""
        for _, make in self.listing_jobs():
            yield make()

    # Each page as (src, a function that makes it): everything a page shows is read
    # inside its function, so `deps.TrackingRenderer` can tell what each page read.

    def entry_jobs(self) -> list[tuple[str, Callable[[], Output]]]:
        return [(urls.src_uri(e.kind, e.slug), partial(self.entry_page, e)) for e in self.repo.all()]

    def listing_jobs(self) -> list[tuple[str, Callable[[], Output]]]:
        index = self.index
        terms = (  # kind, vocabulary, the index's title and description, initiatives and cases by term
            (
                "maalgruppe",
                "maalgrupper",
                "Målgrupper",
                "Find initiativer efter, hvem de er for.",
                index.group_initiatives,
                index.group_cases,
            ),
            (
                "tema",
                "temaer",
                "Temaer",
                "Find initiativer og cases efter tema.",
                index.theme_initiatives,
                index.theme_cases,
            ),
            (
                "type",
                "typer",
                "Typer af initiativer",
                "Aktiviteter, kommunale indsatser, projekter og netværk.",
                index.type_initiatives,
                {},
            ),
        )
        jobs: list[tuple[str, Callable[[], Output]]] = []
        for kind, vocabulary, _, _, initiatives, cases in terms:
            for key in getattr(self.vocab, vocabulary):
                jobs.append(
                    (urls.src_uri(kind, key), partial(self._listing_of, kind, key, vocabulary, initiatives, cases))
                )
        jobs.append(
            (
                urls.src_uri("kommune"),
                partial(
                    self.render,
                    "index_kommuner.md.j2",
                    urls.src_uri("kommune"),
                    title="Kommuner",
                    description="Kommunerne i Overblik: aktiviteter, du kan være med i, kommunernes indsatser og projekter og deres erfaringer.",
                    in_nav=True,
                ),
            )
        )
        for kind, vocabulary, title, description, initiatives, _ in terms:
            jobs.append(
                (
                    urls.src_uri(kind),
                    partial(
                        self.render,
                        "index_vocab.md.j2",
                        urls.src_uri(kind),
                        title=title,
                        description=description,
                        in_nav=True,
                        kind=kind,
                        vocabulary=vocabulary,
                        counts=initiatives,
                    ),
                )
            )
        indexes = [
            (
                "index_cases.md.j2",
                "case",
                "Erfaringer fra kommunerne",
                "Cases om samarbejde mellem kommuner, foreninger og frivillige.",
                False,
            ),
            (
                "index_initiatives.md.j2",
                "initiativ",
                "Alle initiativer",
                "Alle initiativer i Overblik, ordnet efter kommune.",
                False,
            ),
            *(("index_small.md.j2", kind, title, description, True) for kind, title, description in SMALL_INDEXES),
        ]
        for template, kind, title, description, listed in indexes:
            jobs.append((urls.src_uri(kind), partial(self._index_page, template, kind, title, description, listed)))
        jobs.append(
            (
                "tilgaengelighed.md",
                partial(
                    self.render,
                    "accessibility.md.j2",
                    "tilgaengelighed.md",
                    title="Tilgængelighedserklæring",
                    description="Sådan arbejder Overblik med tilgængelighed, og hvor du finder den officielle erklæring.",
                ),
            )
        )
        jobs.append(
            (
                "index.md",
                partial(
                    self.render,
                    "home.md.j2",
                    "index.md",
                    title=self.settings.site_name,
                    description="Find frivillige og sociale aktiviteter og læs, hvordan kommuner samarbejder med frivillige.",
                    in_nav=True,
                ),
            )
        )
        return jobs

    def _listing_of(self, kind: str, key: str, vocabulary: str, initiatives: Mapping, cases: Mapping) -> Output:
        return self.listing(kind, key, vocabulary, initiatives.get(key, []), cases.get(key, []))

    def _index_page(self, template: str, kind: str, title: str, description: str, listed: bool) -> Output:
        extra = {"entries": list(self.repo.entries[kind].values())} if listed else {}
        return self.render(template, urls.src_uri(kind), title=title, description=description, in_nav=True, **extra)
