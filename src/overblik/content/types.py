"""The content types, declared once.

Every table that lists the content types (the folders a file may lie in, the
site's sections, the page templates, the labels on editors' pages, the JSON
Schemas' file globs, the nouns in `overblik check`'s summary) is derived from
`TYPES`. Adding a type means adding one `ContentType` here, its schema in
`schemas`, its page template and its explanations in `data/felter.yml`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schemas import Case, Initiativ, Kommune, Model, Organisation, Rapport, Side, Sted

MUNICIPALITY_FILE = "kommune.yml"
SHARED_FOLDER = "faelles"


@dataclass(frozen=True)
class ContentType:
    """One kind of content file and everything that follows from it."""

    name: str  # "initiativ": the type in commands, messages and URLs' kinds
    folder: str  # "initiativer": the content sub-folder and the site section
    schema: type[Model]
    suffix: str  # the file type `overblik new` writes: ".md" when the type has a body
    title: str  # "Initiativ": the label on editors' pages and in feeds
    definite: str  # "initiativet": the type in sentences ("initiativet «x» findes ikke")
    template: str  # the page template in templates/
    own_folder: bool = True  # False for municipalities: kommuner/<kommune>/kommune.yml

    @property
    def plural(self) -> str:
        """ "initiativer": the folder names are the Danish plurals."""
        return self.folder

    @property
    def reference_title(self) -> str:
        """The heading on the field reference page: "Artikel (side)" when the name differs."""
        return self.title if self.title.casefold() == self.name else f"{self.title} ({self.name})"

    @property
    def fragment(self) -> str:
        """The URL fragment of the thing a page is about, e.g. …/sider/x/#artikel."""
        return self.title.casefold()

    def globs(self) -> list[str]:
        """The files of this type as VS Code globs."""
        if not self.own_folder:
            return [f"content/kommuner/*/{MUNICIPALITY_FILE}"]
        return [f"content/kommuner/*/{self.folder}/*.yml", f"content/{SHARED_FOLDER}/{self.folder}/*.yml"]


# In the order the editors' guide and `overblik new` list them.
TYPES: tuple[ContentType, ...] = (
    ContentType("initiativ", "initiativer", Initiativ, ".md", "Initiativ", "initiativet", "initiative.md.j2"),
    ContentType("case", "cases", Case, ".md", "Case", "casen", "case.md.j2"),
    ContentType(
        "organisation", "organisationer", Organisation, ".yml", "Organisation", "organisationen", "organisation.md.j2"
    ),
    ContentType("sted", "steder", Sted, ".yml", "Sted", "stedet", "place.md.j2"),
    ContentType("rapport", "rapporter", Rapport, ".md", "Rapport", "rapporten", "report.md.j2"),
    ContentType("side", "sider", Side, ".md", "Artikel", "artiklen", "article.md.j2"),
    ContentType("kommune", "kommuner", Kommune, ".yml", "Kommune", "kommunen", "municipality.md.j2", own_folder=False),
)

TYPE: dict[str, ContentType] = {t.name: t for t in TYPES}

# Municipalities load first (every other file may name one), then the guide's order.
KINDS: list[str] = [t.name for t in TYPES if not t.own_folder] + [t.name for t in TYPES if t.own_folder]

# The sub-folders content files lie in, and their type.
FOLDERS: dict[str, ContentType] = {t.folder: t for t in TYPES if t.own_folder}
