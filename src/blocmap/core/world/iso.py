"""ISO 3166-1 alpha-3 codes for COW states that blocmap's states list does not have.

Natural Earth (the public-domain boundaries blocmap ships, ``data/geo/``) carries a name and
an alpha-3 code for every current country.  A COW state gets the code of the Natural Earth
country with the same name; the names the two write differently are matched here by hand
(COW abbreviation → Natural Earth name).  States that no longer exist and have no code of their
own (Zanzibar, the two Yemens before 1990, South Vietnam) keep none and are shown by their COW
abbreviation.  blocmap's curated states list (``states.yaml``) comes first, always.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

GEO_FILE = "visionscarto-50m.json"

#: COW names Natural Earth writes otherwise.
NATURAL_EARTH_NAMES = {
    "AAB": "Antigua and Barb.", "BOS": "Bosnia and Herz.", "CAP": "Cabo Verde", "CDI": "Côte d'Ivoire",
    "CEN": "Central African Rep.", "CZR": "Czechia", "DOM": "Dominican Rep.", "DRC": "Dem. Rep. Congo",
    "EQG": "Eq. Guinea", "ETM": "Timor-Leste", "FSM": "Micronesia", "MAC": "North Macedonia",
    "MSI": "Marshall Is.", "SLU": "Saint Lucia", "SOL": "Solomon Is.", "SSD": "S. Sudan",
    "STP": "São Tomé and Principe", "SVG": "St. Vin. and Gren.", "SWA": "eSwatini",
}


@lru_cache(maxsize=1)
def natural_earth_codes() -> dict[str, str]:
    """{lower-case Natural Earth name: alpha-3} for every country with an ISO code."""
    text = resources.files("blocmap").joinpath("data", "geo", GEO_FILE).read_text(encoding="utf-8")
    geometries = json.loads(text)["objects"]["countries"]["geometries"]
    return {g["properties"]["name"].lower(): g["properties"]["a3"] for g in geometries
            if g.get("properties", {}).get("a3", "").isalpha()}


def iso3_from_name(abb: str | None, name: str | None) -> str | None:
    """The alpha-3 code of a COW state by its Natural Earth name, or None."""
    wanted = NATURAL_EARTH_NAMES.get(abb or "", name or "")
    return natural_earth_codes().get(wanted.lower())
