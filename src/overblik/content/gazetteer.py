"""The gazetteer: Danish towns with their position and municipality.

The data (``data/byer.json``) is GeoNames' list of Danish towns of more than
about 1,000 inhabitants (CC BY 4.0), extracted once by ``scripts/byer.py`` and
committed; nothing is downloaded at build or run time. The same file is
published as ``data/byer.json`` on the site for the finder's "Hvor bor du?".

Names are compared folded, the way the finder's script folds them: case,
accents and the Danish letters do not matter ("Vallensbaek" is Vallensbæk).
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "byer.json"
SITE_URI = "data/byer.json"
ATTRIBUTION = "Byernes placering: GeoNames (www.geonames.org), CC BY 4.0"
# A box around Denmark, Bornholm and Christiansø included (not the Faroes or Greenland).
LAT_RANGE = (54.5, 57.8)
LON_RANGE = (8.0, 15.25)


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    kommunekode: int


def fold(text: str) -> str:
    """ "Vallensbæk", "Vallensbaek" and "vallensbak" all become "vallensbak"."""
    s = text.casefold().replace("æ", "a").replace("ø", "o").replace("å", "a")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    s = s.replace("ae", "a").replace("oe", "o").replace("aa", "a")
    return " ".join(s.replace("-", " ").replace(".", " ").split())


def in_denmark(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


class Gazetteer:
    def __init__(self, data: dict) -> None:
        self.raw = data
        self.kommuner = {int(k): v for k, v in data["kommuner"].items()}
        self.towns = [Town(n, lat, lon, code) for n, lat, lon, code in data["byer"]]
        self._by_fold: dict[str, list[Town]] = {}
        for t in self.towns:
            self._by_fold.setdefault(fold(t.name), []).append(t)

    def find(self, name: str, kommunekode: int | None = None) -> Town | None:
        """The town called `name`; of two with that name, the one in the given municipality."""
        found = self._by_fold.get(fold(name), [])
        if not found:
            return None
        same = [t for t in found if t.kommunekode == kommunekode]
        return (same or found)[0]

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Up to `n` town names that look like `name`, best first."""
        key = fold(name)
        names = difflib.get_close_matches(key, list(self._by_fold), n=n, cutoff=0.6)
        starts = [k for k in self._by_fold if key and k.startswith(key) and k not in names]
        return [self._by_fold[k][0].name for k in (names + sorted(starts))[:n]]

    def main_town(self, kommune_name: str, kommunekode: int | None) -> Town | None:
        """The town a municipality is named after ("Ishøj Kommune" -> Ishøj), if it is in that municipality."""
        if kommunekode is None:
            return None
        base = kommune_name.removesuffix(" Kommune").strip()
        for candidate in (base, base.removesuffix("s")):
            town = self.find(candidate, kommunekode)
            if town and town.kommunekode == kommunekode:
                return town
        return None


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    return Gazetteer(json.loads(DATA.read_text(encoding="utf-8")))


def site_file() -> str:
    """The gazetteer as the finder fetches it (the committed file, byte for byte)."""
    return DATA.read_text(encoding="utf-8")
