"""Synthetic content for the scale benchmark: N initiatives with cases, places,
organisations, reports and municipalities in realistic proportions.

The text is Danish-looking (built from word lists), every file is valid
against `overblik.content.schemas` and the project's vocabulary, and every reference
points to something that exists. The same seed gives the same files.

Proportions per N initiatives (from the seed content, scaled to a national
site where one municipality has about a hundred initiatives):

    municipalities  N / 100, at least 3, at most the 98 Danish municipalities
    cases           N / 10
    organisations   N * 0.4  (every one runs or partners at least one initiative)
    places          N * 0.3  (every one hosts at least one initiative)
    reports         2 per municipality (status memo and action plan)
    articles        1 per 10 municipalities
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The 98 Danish municipalities with their regions.
MUNICIPALITIES: list[tuple[str, str]] = (
    [
        (name, "Region Hovedstaden")
        for name in (
            "Albertslund",
            "Allerød",
            "Ballerup",
            "Bornholm",
            "Brøndby",
            "Dragør",
            "Egedal",
            "Fredensborg",
            "Frederiksberg",
            "Frederikssund",
            "Furesø",
            "Gentofte",
            "Gladsaxe",
            "Glostrup",
            "Gribskov",
            "Halsnæs",
            "Helsingør",
            "Herlev",
            "Hillerød",
            "Hvidovre",
            "Høje-Taastrup",
            "Hørsholm",
            "Ishøj",
            "København",
            "Lyngby-Taarbæk",
            "Rudersdal",
            "Rødovre",
            "Tårnby",
            "Vallensbæk",
        )
    ]
    + [
        (name, "Region Sjælland")
        for name in (
            "Faxe",
            "Greve",
            "Guldborgsund",
            "Holbæk",
            "Kalundborg",
            "Køge",
            "Lejre",
            "Lolland",
            "Næstved",
            "Odsherred",
            "Ringsted",
            "Roskilde",
            "Slagelse",
            "Solrød",
            "Sorø",
            "Stevns",
            "Vordingborg",
        )
    ]
    + [
        (name, "Region Syddanmark")
        for name in (
            "Assens",
            "Billund",
            "Esbjerg",
            "Fanø",
            "Fredericia",
            "Faaborg-Midtfyn",
            "Haderslev",
            "Kerteminde",
            "Kolding",
            "Langeland",
            "Middelfart",
            "Nordfyns",
            "Nyborg",
            "Odense",
            "Svendborg",
            "Sønderborg",
            "Tønder",
            "Varde",
            "Vejen",
            "Vejle",
            "Ærø",
            "Aabenraa",
        )
    ]
    + [
        (name, "Region Midtjylland")
        for name in (
            "Favrskov",
            "Hedensted",
            "Herning",
            "Holstebro",
            "Horsens",
            "Ikast-Brande",
            "Lemvig",
            "Norddjurs",
            "Odder",
            "Randers",
            "Ringkøbing-Skjern",
            "Samsø",
            "Silkeborg",
            "Skanderborg",
            "Skive",
            "Struer",
            "Syddjurs",
            "Viborg",
            "Aarhus",
        )
    ]
    + [
        (name, "Region Nordjylland")
        for name in (
            "Brønderslev",
            "Frederikshavn",
            "Hjørring",
            "Jammerbugt",
            "Læsø",
            "Mariagerfjord",
            "Morsø",
            "Rebild",
            "Thisted",
            "Vesthimmerland",
            "Aalborg",
        )
    ]
)

AREAS = [
    "Nord",
    "Syd",
    "Øst",
    "Vest",
    "Centrum",
    "Bymidten",
    "Strandparken",
    "Søndergård",
    "Vestbyen",
    "Østerby",
    "Engparken",
    "Skovbrynet",
    "Havnen",
    "Landsbyerne",
    "Bakkegården",
]
PLACE_KINDS = [
    ("Aktivitetscenter", "Aktivitetscenter"),
    ("Medborgerhuset", "Medborgerhus"),
    ("Kulturhuset", "Kulturhus"),
    ("Biblioteket", "Bibliotek"),
    ("Plejecentret", "Plejecenter"),
    ("Fælleshuset", "Fælleshus"),
    ("Idrætscentret", "Idrætscenter"),
    ("Sognegården", "Sognegård"),
]
PLACE_NAMES = [
    "Egely",
    "Solgården",
    "Kærbo",
    "Birkely",
    "Lindehøj",
    "Engvang",
    "Bakkehuset",
    "Søgården",
    "Skovly",
    "Rosenhaven",
    "Kildebo",
    "Møllegården",
    "Valmuen",
    "Toftegården",
    "Højvang",
    "Æblehaven",
    "Ågården",
    "Præstevangen",
    "Smedjen",
    "Hørhuset",
]
STREETS = ["Skolevej", "Kirkevej", "Stationsvej", "Søndergade", "Nørregade", "Bøgevej", "Ågade", "Møllevej"]
ACTIVITIES = [
    ("Strikkecafé", "strikker, drikker kaffe og snakker"),
    ("Fællesspisning", "laver mad og spiser sammen"),
    ("Gåklub", "går en tur i roligt tempo og slutter med kaffe"),
    ("Sorggruppe", "mødes med andre, der har mistet, og taler om sorgen"),
    ("Sprogcafé", "øver dansk i hverdagssamtaler med frivillige"),
    ("Lektiecafé", "får hjælp til lektier af frivillige"),
    ("Seniordans", "danser til levende musik"),
    ("Cykling uden alder", "kommer ud på tur i rickshaw med en frivillig pilot"),
    ("Mandegruppe", "mødes over et værktøjsbord og en kop kaffe"),
    ("Spisevenner", "spiser middag sammen i hinandens hjem"),
    ("Besøgsvenner", "får besøg af en frivillig besøgsven hver uge"),
    ("Netværksgruppe for førtidspensionister", "finder fællesskab og nye aktiviteter"),
    ("Havefællesskab", "dyrker grøntsager og blomster sammen"),
    ("Stolegymnastik", "holder kroppen i gang med øvelser på stol"),
    ("Læseklub", "læser den samme bog og taler om den"),
    ("Kræftcafé", "møder andre, der er berørt af kræft"),
    ("Demenscafé", "er sammen med deres pårørende i trygge rammer"),
    ("Pårørendegruppe", "deler erfaringer med andre pårørende"),
    ("Computercafé", "får hjælp til computer, telefon og MitID"),
    ("Reparationscafé", "reparerer tøj, cykler og små apparater sammen"),
    ("Walk and talk", "går og taler med en frivillig samtalepartner"),
    ("Petanqueklub", "spiller petanque og hygger sig bagefter"),
    ("Fortællecafé", "fortæller og lytter til historier fra et langt liv"),
    ("Bowlinghold", "bowler sammen hver anden uge"),
]
EFFORTS = [
    "Mentorordning",
    "Frivilligkoordinering",
    "Social henvisning",
    "Brobygning til foreningslivet",
    "Opsporing af ensomhed",
    "Værested",
    "Familienetværk",
    "Ungenetværk",
    "Vågetjeneste",
    "Telefonkæde",
    "Tryghedsvandring",
    "Frivilligpulje",
]
ORG_KINDS = [
    ("Frivilligcenter", "forening"),
    ("Ældre Sagen", "ngo"),
    ("Røde Kors", "ngo"),
    ("Menighedsrådet i", "kirke"),
    ("Idrætsforeningen", "forening"),
    ("Boligforeningen", "boligforening"),
    ("Center for Ældre", "kommunal-enhed"),
    ("Sundhedscentret", "kommunal-enhed"),
    ("Seniorklubben", "frivilligt-netvaerk"),
    ("Foreningen Nærvær", "forening"),
]
SENTENCES = [
    "Aktiviteten er blevet til, fordi borgere selv efterspurgte et sted at mødes.",
    "De frivillige planlægger selv programmet og tager imod nye deltagere.",
    "Kommunen stiller lokaler til rådighed og giver sparring, når der er brug for det.",
    "Mange deltagere fortæller, at de har fået nye bekendtskaber i lokalområdet.",
    "Der er plads til flere, og man kan tage en ven eller nabo med.",
    "Ordningen bygger på, at frivillige og medarbejdere kender hinanden godt.",
    "Tilbuddet er gratis for deltagerne, men der kan være egenbetaling til udflugter.",
    "I vinterhalvåret flytter aktiviteten indendørs i fælleshuset.",
    "Et par gange om året holder de frivillige et fælles møde og udveksler erfaringer.",
    "Flere deltagere er siden selv blevet frivillige i andre foreninger.",
    "Initiativet blev evalueret sidste år, og erfaringerne er brugt til at justere formen.",
    "Målet er, at færre føler sig ensomme, og at flere får lyst til at være med i fællesskaber.",
    "Hjemmeplejen og sygeplejen fortæller borgerne om tilbuddet.",
    "Det er vigtigt for de frivillige, at alle føler sig velkomne fra første gang.",
    "Samarbejdet med den lokale forening har gjort det lettere at finde nye frivillige.",
    "Deltagerne er typisk mellem 65 og 90 år, men alle er velkomne.",
]
LESSONS = [
    "Ledelsesopbakning",
    "Tid til koordinering",
    "Klare aftaler",
    "Lokale ildsjæle",
    "Fælles sprog",
    "Små skridt",
    "Synlighed",
    "Opfølgning",
]
ROLES = ["Frivilligkoordinator", "Projektleder", "Konsulent", "Formand", "Leder af aktivitetscentret"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "loerdag", "soendag"]
HOURS = [("09:30", "11:30"), ("10:00", "12:00"), ("13:00", "15:00"), ("14:00", "16:00"), ("17:30", "19:30")]


def slugify(text: str) -> str:
    text = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class Counts:
    """How many of each kind of content a scale point has."""

    initiatives: int
    municipalities: int
    cases: int
    organisations: int
    places: int
    reports: int
    articles: int
    files: int = 0

    @classmethod
    def for_size(cls, n: int, *, cases_per_initiative: float = 0.1) -> Counts:
        kommuner = max(3, min(len(MUNICIPALITIES), n // 100))
        return cls(
            initiatives=n,
            municipalities=kommuner,
            cases=max(1, round(n * cases_per_initiative)),
            organisations=max(kommuner, round(n * 0.4)),
            places=max(kommuner, round(n * 0.3)),
            reports=2 * kommuner,
            articles=max(1, kommuner // 10),
        )

    @property
    def pages(self) -> int:
        return (
            self.initiatives
            + self.municipalities
            + self.cases
            + self.organisations
            + self.places
            + self.reports
            + self.articles
        )


@dataclass
class _Kommune:
    slug: str
    name: str
    region: str
    orgs: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # [status memo, action plan]


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def vocabulary_text(project_vocabulary: Path) -> tuple[str, dict]:
    """The project's vocabulary without goal frameworks tied to real content."""
    data = yaml.safe_load(project_vocabulary.read_text(encoding="utf-8"))
    frameworks = data.get("maalrammer") or {}
    data["maalrammer"] = {key: fw for key, fw in frameworks.items() if not fw.get("kommune") and not fw.get("rapport")}
    return _dump(data), data


class Generator:
    def __init__(self, dest: Path, counts: Counts, vocabulary: dict, seed: int):
        self.dest = dest
        self.c = counts
        self.v = vocabulary
        self.rnd = random.Random(seed)
        self.used: dict[str, set[str]] = {}
        self.files = 0

    # --- helpers ---------------------------------------------------------------

    def unique(self, kind: str, base: str) -> str:
        taken = self.used.setdefault(kind, set())
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    def write(self, rel: str, front: dict, body: str | None = None) -> None:
        if body is None:
            _write(self.dest / rel, _dump(front))
        else:
            _write(self.dest / rel, "---\n" + _dump(front) + "---\n" + body.strip() + "\n")
        self.files += 1

    def paragraphs(self, count: int, per: int = 3) -> str:
        return "\n\n".join(" ".join(self.rnd.sample(SENTENCES, per)) for _ in range(count))

    def term(self, vocabulary: str, key: str) -> str:
        value = self.v[vocabulary][key]
        return value["navn"] if isinstance(value, dict) else str(value)

    def status(self) -> str:
        """Mostly the first status (active), sometimes any other."""
        keys = list(self.v["statusser"])
        return keys[0] if self.rnd.random() < 0.75 else self.rnd.choice(keys)

    def pick(self, vocabulary: str, k: int) -> list[str]:
        keys = list(self.v[vocabulary])
        return self.rnd.sample(keys, min(k, len(keys)))

    # --- content ---------------------------------------------------------------

    def generate(self) -> Counts:
        vocab_text = _dump(self.v)
        _write(self.dest / "vokabular.yml", vocab_text)
        kommuner = self.municipalities()
        weights = [1.0 / (i + 1) ** 0.6 for i in range(len(kommuner))]  # big cities have more
        self.organisations(kommuner)
        self.places(kommuner)
        self.reports(kommuner)
        self.initiatives(kommuner, weights)
        self.cases(kommuner, weights)
        self.articles(kommuner)
        self.c.files = self.files
        return self.c

    def municipalities(self) -> list[_Kommune]:
        chosen = MUNICIPALITIES[:: max(1, len(MUNICIPALITIES) // self.c.municipalities)][: self.c.municipalities]
        out = []
        for name, region in chosen:
            k = _Kommune(slugify(name), name, region)
            self.write(
                f"kommuner/{k.slug}/kommune.yml",
                {
                    "navn": f"{name} Kommune",
                    "region": region,
                    "web": f"https://www.{k.slug}.dk",
                    "resume": f"{name} Kommune samarbejder med foreninger og frivillige om fællesskaber.",
                },
            )
            out.append(k)
        return out

    def organisations(self, kommuner: list[_Kommune]) -> None:
        for i in range(self.c.organisations):
            k = kommuner[i % len(kommuner)]
            prefix, kind = ORG_KINDS[(i // len(kommuner)) % len(ORG_KINDS)]
            name = (
                f"{prefix} {k.name}"
                if i < len(kommuner) * len(ORG_KINDS)
                else f"{prefix} {self.rnd.choice(AREAS)} {k.name}"
            )
            slug = self.unique("org", slugify(name))
            k.orgs.append(slug)
            self.write(
                f"kommuner/{k.slug}/organisationer/{slug}.yml",
                {
                    "navn": name,
                    "type": kind,
                    "resume": f"{prefix} i {k.name}, som driver og støtter frivillige aktiviteter.",
                    "web": f"https://www.{k.slug}.dk/{slug}",
                    "telefon": f"70 {i % 90 + 10:02d} {i % 97:02d} 00",
                },
            )

    def places(self, kommuner: list[_Kommune]) -> None:
        for i in range(self.c.places):
            k = kommuner[i % len(kommuner)]
            article, kind = PLACE_KINDS[i % len(PLACE_KINDS)]
            name = f"{article} {PLACE_NAMES[(i // len(kommuner)) % len(PLACE_NAMES)]}"
            slug = self.unique("place", slugify(f"{name} {k.name}"))
            k.places.append(slug)
            self.write(
                f"kommuner/{k.slug}/steder/{slug}.yml",
                {
                    "navn": name,
                    "type": kind,
                    "omraade": self.rnd.choice(AREAS),
                    "adresse": f"{self.rnd.choice(STREETS)} {self.rnd.randint(1, 120)}",
                    "postnummer": str(self.rnd.randint(1000, 9990)),
                    "by": k.name,
                    "koordinater": {
                        "lat": round(self.rnd.uniform(54.8, 57.6), 5),
                        "lon": round(self.rnd.uniform(8.2, 12.6), 5),
                    },
                    "resume": f"{kind} i {k.name}, hvor foreninger og frivillige holder til.",
                },
            )

    def reports(self, kommuner: list[_Kommune]) -> None:
        for k in kommuner:
            for kind, title, year in (
                ("statusnotat", f"Statusnotat om frivillige sociale initiativer i {k.name}", 2024),
                ("handleplan", f"Handleplan for frivilligt socialt arbejde i {k.name} 2024-2026", 2024),
            ):
                slug = self.unique("report", slugify(f"{kind} {k.name} {year}"))
                k.reports.append(slug)
                self.write(
                    f"kommuner/{k.slug}/rapporter/{slug}.md",
                    {
                        "titel": title,
                        "type": kind,
                        "dato": f"{year}-04",
                        "udgiver": k.orgs[0],
                        "resume": f"{title}: status på kommunens samarbejde med frivillige.",
                    },
                    self.paragraphs(2),
                )

    def initiatives(self, kommuner: list[_Kommune], weights: list[float]) -> None:
        # Every organisation and place is used at least once (round-robin), then at random.
        org_cursor = {k.slug: 0 for k in kommuner}
        place_cursor = {k.slug: 0 for k in kommuner}
        per_kommune = self._spread(self.c.initiatives, weights)
        n = 0
        for k, count in zip(kommuner, per_kommune):
            for _ in range(count):
                n += 1
                self.initiative(k, n, org_cursor, place_cursor)

    def _spread(self, total: int, weights: list[float]) -> list[int]:
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in range(total - sum(counts)):
            counts[i % len(counts)] += 1
        return counts

    def _next(self, pool: list[str], cursor: dict, key: str) -> str:
        i = cursor[key]
        cursor[key] = i + 1
        return pool[i] if i < len(pool) else self.rnd.choice(pool)

    def initiative(self, k: _Kommune, n: int, org_cursor: dict, place_cursor: dict) -> None:
        rnd = self.rnd
        is_activity = rnd.random() < 0.6
        place = self._next(k.places, place_cursor, k.slug)
        area = rnd.choice(AREAS)
        if is_activity:
            activity, doing = ACTIVITIES[n % len(ACTIVITIES)]
            name = f"{activity} i {area}"
            kind = "aktivitet"
        else:
            activity, doing = EFFORTS[n % len(EFFORTS)], "får støtte og vejledning"
            name = f"{activity} i {k.name}"
            kind = rnd.choice([t for t in self.v["typer"] if t != "aktivitet"])
        slug = self.unique("initiative", slugify(name))
        groups = self.pick("maalgrupper", rnd.randint(1, 3))
        themes = self.pick("temaer", rnd.randint(1, 3))
        owner = self._next(k.orgs, org_cursor, k.slug)
        front: dict = {
            "navn": name,
            "resume": f"{activity} for {self.term('maalgrupper', groups[0]).lower()} i {k.name}, hvor deltagerne {doing}.",
            "formaal": "Formålet er at skabe fællesskab og forebygge ensomhed. " + rnd.choice(SENTENCES),
            "type": kind,
            "status": self.status(),
            "maalgrupper": groups,
            "temaer": themes,
            "noegleord": [activity.lower(), area.lower(), "fællesskab", "frivillige"],
            "startaar": rnd.randint(2010, 2024),
            "ansvarlig": owner,
            "partnere": [o for o in {self._next(k.orgs, org_cursor, k.slug)} if o != owner],
            "steder": [place],
        }
        if is_activity:
            start, end = rnd.choice(HOURS)
            front["tidspunkt"] = [
                {
                    "hyppighed": "ugentligt",
                    "ugedage": [rnd.choice(WEEKDAYS[:5])],
                    "fra": start,
                    "til": end,
                    "sted": place,
                }
            ]
            front["pris"] = rnd.choice(["gratis", {"type": "egenbetaling", "beloeb": rnd.choice([20, 25, 40, 50])}])
            front["tilmelding"] = rnd.choice(["moed-op", "tilmelding"])
        front["kontakt"] = {
            "rolle": rnd.choice(ROLES),
            "organisation": owner,
            "email": f"kontakt@{k.slug}.dk",
            "telefon": f"70 20 {n % 90 + 10:02d} {n % 89 + 10:02d}",
        }
        if self.v.get("finansieringskilder"):
            front["finansiering"] = [
                {
                    "kilde": rnd.choice(list(self.v["finansieringskilder"])),
                    "beloeb": rnd.choice([25000, 50000, 120000]),
                    "aar": 2024,
                    "rapport": k.reports[0],
                }
            ]
        front["forankring"] = {
            "niveau": rnd.choice(["groen", "gul", "roed"]),
            "rapport": k.reports[0],
            "beskrivelse": rnd.choice(SENTENCES),
        }
        front["historik"] = [
            {"dato": "2024-04", "rapport": k.reports[0], "status": front["status"], "tekst": rnd.choice(SENTENCES)}
        ]
        if n % 10 == 0 and self.v.get("maalrammer"):
            fw, goals = next(iter(self.v["maalrammer"].items()))
            front["bidrager_til"] = [f"{fw}/{next(iter(goals['maal']))}"]
        front["senest_bekraeftet"] = f"2025-{rnd.randint(1, 5):02d}"
        self.write(f"kommuner/{k.slug}/initiativer/{slug}.md", front, self.paragraphs(rnd.randint(2, 3)))

    def cases(self, kommuner: list[_Kommune], weights: list[float]) -> None:
        n = 0
        for k, count in zip(kommuner, self._spread(self.c.cases, weights)):
            for _ in range(count):
                n += 1
                topic = self.rnd.choice(EFFORTS)
                slug = self.unique("case", slugify(f"{topic} i {k.name}"))
                lessons = self.rnd.sample(LESSONS, 3)
                body = [self.paragraphs(1)]
                for title in (
                    "Udfordring",
                    "Samarbejde",
                    "Ambition",
                    "Hvad er afprøvet og hvordan?",
                    "Hvad har været svært?",
                ):
                    body.append(f"## {title}\n\n{self.paragraphs(2)}")
                body.append(
                    "## Erfaringer og gode råd\n\n"
                    + "\n\n".join(f"### {lesson}\n\n{self.paragraphs(1)}" for lesson in lessons)
                )
                self.write(
                    f"kommuner/{k.slug}/cases/{slug}.md",
                    {
                        "titel": f"{topic} i {k.name}",
                        "resume": f"Sådan arbejder {k.name} Kommune med {topic.lower()} sammen med foreninger og frivillige.",
                        "temaer": self.pick("temaer", 2),
                        "maalgrupper": self.pick("maalgrupper", 2),
                        "noegleord": [topic.lower(), "samarbejde", "civilsamfund"],
                        "kontakt": {"rolle": self.rnd.choice(ROLES)},
                        "partnere": [k.orgs[0]],
                        "rapport": k.reports[1],
                        "senest_bekraeftet": "2025-03",
                    },
                    "\n\n".join(body),
                )

    def articles(self, kommuner: list[_Kommune]) -> None:
        for i in range(self.c.articles):
            k = kommuner[i * 10 % len(kommuner)]
            slug = self.unique("article", slugify(f"frivillighed i {k.name}"))
            self.write(
                f"kommuner/{k.slug}/sider/{slug}.md",
                {
                    "titel": f"Frivillighed i {k.name}",
                    "resume": f"Et overblik over frivilligheden i {k.name}.",
                    "rapport": k.reports[0],
                    "temaer": self.pick("temaer", 1),
                },
                self.paragraphs(3),
            )


def write_content(
    dest: Path, n: int, project_vocabulary: Path, *, seed: int = 8, cases_per_initiative: float = 0.1
) -> Counts:
    """Write a content folder with `n` initiatives into `dest` (which must not exist)."""
    _, vocabulary = vocabulary_text(project_vocabulary)
    counts = Counts.for_size(n, cases_per_initiative=cases_per_initiative)
    return Generator(dest, counts, vocabulary, seed).generate()
