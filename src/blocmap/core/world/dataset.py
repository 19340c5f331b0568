"""A panel as a dataset others can cite and load: its metadata (the same for every format),
a Frictionless data package, Stata files with labels, the data's own version, and per-cell
sources.

    panel (DataFrame with attrs) ──describe()──▶ metadata (plain dict)
        ├── datapackage()   datapackage.json beside a CSV or .dta
        ├── to_dta()        Stata 118 with variable and value labels
        ├── Parquet / JSON  carry the same dict (cli/world.py)
        └── codebook.py     the codebook, in the reader's language

The data version is not the code's: it is the date of the last change of the data files,
with a digest of their content (``data_version``).  The date cannot be read from git in an
installed package, so ``data/version.json`` records it, written by
``scripts/data_changelog.py`` beside the data changelog; a test checks that the digest it
records is the digest of the files shipped, so the record cannot fall behind silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from blocmap.core.world.spells import RULE_TEXT

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

BUNDLED_DATA = Path(__file__).parents[2] / "data"
VERSION_FILE = "version.json"
#: The files whose content is "the data" (what the loader reads, and the shipped state list).
DATA_GLOBS = ("sources.yaml", "states.yaml", "refused.yaml", "organs.yaml", "depth.yaml",
              "orgs/*.yaml", "cow/statelist2024.csv")

#: COW's codes, as COW's codebook defines them, and blocmap's statuses that map to each.
COW_CODES: dict[int, str] = {
    1: "full member", 2: "associate member", 3: "observer", 0: "not a member",
    -1: "the organization does not exist this year", -9: "missing (unknown)",
}
STATUS_TO_CODE = {"member": 1, "suspended": 1, "frozen": 1, "associate": 2, "observer": 3,
                  "participant": 0, "candidate": 0, "ceased": 0, "withdrawn": 0, "none": 0,
                  "n/a": -1, "unknown": -9}

STATE_SYSTEM = {"title": 'Correlates of War Project. 2024. "State System Membership List, v2024."',
                "path": "https://correlatesofwar.org/data-sets/state-system-membership/"}
COW_IGO = {"title": 'Pevehouse, Jon C. W., Timothy Nordstrom, Roseanne W. McManus and Anne Spencer Jamison. '
                    '2020. "Tracking Organizations in the World: The Correlates of War IGO Version 3.0 '
                    'datasets." Journal of Peace Research 57(3): 492-503.',
           "path": "https://doi.org/10.1177/0022343319881175"}

#: What the key columns mean (English; the codebook gives them in the reader's language).
KEY_FIELDS: dict[str, tuple[str, str]] = {
    "ccode": ("integer", "COW state code"),
    "year": ("integer", "calendar year"),
    "state": ("string", "ISO alpha-3 code of the state holding the COW code on the year's last day"),
    "name": ("string", "English name of the state that year"),
    "ccode1": ("integer", "COW code of the first state (the lower code)"),
    "ccode2": ("integer", "COW code of the second state"),
    "state1": ("string", "ISO alpha-3 code of the first state"),
    "state2": ("string", "ISO alpha-3 code of the second state"),
    "joint_full": ("integer", "organizations of which both states are full members (COW's dyadic count)"),
    "joint_inside": ("integer", "organizations of which both are full or associate members"),
    "joint_any": ("integer", "organizations of which both are full members, associates or observers"),
    "full_associate": ("integer", "organizations where one is a full member and the other an associate"),
    "full_observer": ("integer", "organizations where one is a full member and the other an observer"),
    "unknown": ("integer", "organizations where either state's code is -9 (unknown)"),
    "org": ("string", "blocmap's id of the organization"),
    "data": ("string", "which data answered: curated (blocmap's sourced events) or cow (COW IGO v3)"),
    "known": ("string", "exists: the year is covered; unknown: past the data's coverage (counts are -9)"),
    "inside": ("integer", "members, suspended, frozen and associate members together"),
}


#: Where an org-year column means something else than the same name in a state or dyad panel.
ORG_YEAR_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("string", "English name of the organization that year"),
    "unknown": ("integer", "members with status 'unknown'"),
}


def key_field(column: str, table: str) -> tuple[str, str] | None:
    """(type, English meaning) of a column that is not an organization's."""
    if table == "org-year" and column in ORG_YEAR_FIELDS:
        return ORG_YEAR_FIELDS[column]
    return KEY_FIELDS.get(column)


def data_files(folder: Path) -> list[Path]:
    return sorted({p for pattern in DATA_GLOBS for p in folder.glob(pattern) if p.is_file()})


def data_digest(folder: Path) -> str:
    """sha256 of the data files' names and bytes (line ends as stored)."""
    digest = hashlib.sha256()
    for path in data_files(folder):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode() + b"\n")
    return digest.hexdigest()


def recorded_version(folder: Path = BUNDLED_DATA) -> dict[str, Any]:
    try:
        return json.loads((folder / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def data_version(folder: Path | None = None) -> dict[str, Any]:
    """``version`` (the date of the last data change), ``sha256`` of the data as read, and
    ``modified``: True where the files differ from those the recorded version describes (a
    data folder of one's own); its version is then the recorded one with ``+modified``."""
    folder = Path(folder) if folder is not None else BUNDLED_DATA
    record = recorded_version(folder) or recorded_version(BUNDLED_DATA)
    digest = data_digest(folder)
    date = record.get("date", "unknown")
    modified = record.get("sha256") != digest
    return {"version": f"{date}+modified" if modified else date, "date": date, "sha256": digest,
            "modified": modified, "events": record.get("events")}


# -- the metadata of a panel ------------------------------------------------------------------

def _org_entry(world: Any, atlas: Any, org: str, data: str, first: int, last: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": org, "name": world.org_name(org), "data": data}
    if data == "curated" and atlas is not None and org in atlas.orgs:
        record = atlas.orgs[org]
        events = [e for e in atlas.events if e.org == org]
        keys = sorted({k for e in events for k in e.sources} | set(record.sources))
        entry.update({
            "founded": str(record.founded) if record.founded else None,
            "dissolved": str(record.dissolved) if record.dissolved else None,
            "coverage": f"{record.founded or first} – {record.dissolved or 'today'}",
            "events": len(events),
            "sources": [{"key": k, "title": atlas.sources[k].title, "path": atlas.sources[k].url}
                        for k in keys if k in atlas.sources],
        })
    else:
        cow = getattr(world, "cow_orgs", {}).get(org, {})
        entry.update({"founded": cow.get("start"), "dissolved": cow.get("end"),
                      "coverage": f"COW IGO v3, {world.coverage[0]}–{world.coverage[1]}"
                      if world.coverage else "COW IGO v3",
                      "sources": [{"key": "cow-igo-v3", **COW_IGO}]})
    return entry


def describe(frame: "pd.DataFrame", table: str, world: Any, atlas: Any = None,
             command: str | None = None, data_folder: Path | None = None) -> dict[str, Any]:
    """Everything a reader of the panel needs to know, as plain data (JSON-ready)."""
    from blocmap.core.version import __version__

    attrs = frame.attrs
    data = attrs.get("data", {})
    orgs = [_org_entry(world, atlas, org, data.get(org, "cow"), attrs["from"], attrs["to"]) for org in data]
    folder = data_folder if data_folder is not None else (atlas.folder if atlas is not None else None)
    return {
        "table": table, "from": attrs["from"], "to": attrs["to"],
        "rule": attrs["rule"], "rule_text": RULE_TEXT[attrs["rule"]], "coding": attrs["coding"],
        "codes": {str(k): v for k, v in COW_CODES.items()}, "status_to_code": STATUS_TO_CODE,
        "data": data, "cow_coverage": attrs.get("cow_coverage"),
        "organizations": orgs,
        "state_system": STATE_SYSTEM if not attrs.get("cow_coverage") else
        {"title": "the imported COW state-year file's universe", "path": ""},
        "data_version": data_version(folder),
        "code_version": __version__,
        "command": command,
        "with_sources": bool(attrs.get("with_sources")),
    }


def fields(frame: "pd.DataFrame", meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Frictionless Table Schema fields of the panel's columns."""
    names = {o["id"]: o["name"] for o in meta["organizations"]}
    out = []
    for column in frame.columns:
        known = key_field(column, meta["table"])
        if known:
            field: dict[str, Any] = {"name": column, "type": known[0], "description": known[1]}
        elif column in names and meta["table"] == "state-year":
            field = {"name": column, "title": names[column]}
            if meta["coding"] == "cow":
                field.update(type="integer", description="COW code: " + "; ".join(
                    f"{k} {v}" for k, v in COW_CODES.items()),
                    constraints={"enum": sorted(COW_CODES)})
            else:
                field.update(type="string", description="blocmap status",
                             constraints={"enum": sorted(STATUS_TO_CODE)})
        elif column.endswith("_sources") and column[:-8] in names:
            field = {"name": column, "type": "string", "title": f"{names[column[:-8]]}: sources",
                     "description": "source keys of the spell that gave the year its status "
                                    "(blocmap sources KEY), separated by ';'"}
        elif column.endswith("_certain") and column[:-8] in names:
            field = {"name": column, "type": "boolean", "title": f"{names[column[:-8]]}: certain",
                     "description": "false where a date known only to a month or year could put the "
                                    "year on either side of the rule"}
        else:  # org-year counts by status
            field = {"name": column, "type": "integer", "description": f"members with status '{column}'"}
        out.append(field)
    return out


def datapackage(frame: "pd.DataFrame", meta: dict[str, Any], path: str, fmt: str = "csv") -> dict[str, Any]:
    """A Frictionless (v1) tabular data package describing the exported file ``path``."""
    key = {"state-year": ["ccode", "year"], "dyad-year": ["ccode1", "ccode2", "year"],
           "org-year": ["org", "year"]}[meta["table"]]
    resource: dict[str, Any] = {
        "name": meta["table"], "path": path, "format": fmt,
        "schema": {"fields": fields(frame, meta), "primaryKey": key, "missingValues": [""]},
    }
    if fmt == "csv":
        resource.update(profile="tabular-data-resource", mediatype="text/csv", encoding="utf-8")
    version = meta["data_version"]
    sources = [STATE_SYSTEM] if meta.get("state_system", {}).get("path") else []
    if any(o["data"] == "cow" for o in meta["organizations"]):
        sources.append(COW_IGO)
    seen = set()
    for org in meta["organizations"]:
        for s in org.get("sources", []):
            if s.get("key") not in seen and s.get("key") != "cow-igo-v3":
                seen.add(s.get("key"))
                sources.append({"title": s["title"], "path": s.get("path") or ""})
    return {
        "profile": "tabular-data-package",
        "name": f"blocmap-{meta['table']}",
        "title": f"blocmap {meta['table']} panel, {meta['from']}–{meta['to']}",
        "version": version["version"],
        "description": f"Rule '{meta['rule']}': {meta['rule_text']}. Coding: {meta['coding']}.",
        "sources": sources,
        "resources": [resource],
        "blocmap": meta,
    }


# -- Stata ----------------------------------------------------------------------------------

def to_dta(frame: "pd.DataFrame", meta: dict[str, Any]) -> bytes:
    """Stata 118 (Stata 14+; read by Stata 15+, R's haven and readstata13) with variable labels
    (each organization's full name) and value labels (the COW codes)."""
    import io

    names = {o["id"]: o["name"] for o in meta["organizations"]}
    described = {f["name"]: f for f in fields(frame, meta)}
    out = frame.copy()
    labels = {}
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].fillna("").astype(str)
        if out[column].dtype == bool:
            out[column] = out[column].astype("int8")
        base, _, kind = column.rpartition("_")
        if base in names and kind in ("sources", "certain"):
            text = f"{names[base]}: {kind}"[-80:]  # the kind is what tells the two apart
        else:
            text = described[column].get("title") or described[column]["description"]
        labels[column] = text[:80]
    value_labels = {}
    if meta["table"] == "state-year" and meta["coding"] == "cow":
        value_labels = {c: {k: v[:32000] for k, v in COW_CODES.items()} for c in names if c in out.columns}
    sink = io.BytesIO()
    out.to_stata(sink, write_index=False, version=118, variable_labels=labels, value_labels=value_labels,
                 data_label=f"blocmap {meta['table']} {meta['from']}-{meta['to']}, data {meta['data_version']['version']}"[:80])
    return sink.getvalue()


def only_state(frame: "pd.DataFrame", state: str, parameter: str = "state") -> "pd.DataFrame":
    """The rows of one state (its ISO code, COW code or English name as the panel writes them)."""
    key = str(state).strip()
    rows = (frame.ccode.astype(str) == key) | (frame.state == key.upper()) | (frame.name.str.lower() == key.lower())
    if not rows.any():
        from blocmap.core.errors import unknown

        raise unknown("state", key, sorted(set(frame.state.dropna())), parameter)
    out = frame[rows].reset_index(drop=True)
    out.attrs.update(frame.attrs)
    return out


# -- sources per cell -----------------------------------------------------------------------

def add_sources(world: Any, frame: "pd.DataFrame", source: str = "answer") -> "pd.DataFrame":
    """A state-year panel with ``<org>_sources`` and ``<org>_certain`` after each organization.

    The sources are those of the spell the rule picked for the state-year (none where the state
    held no status).  A year is uncertain where a date known only to a month or a year touches
    what the rule looks at, as the membership commands say of a day (``certain``): for
    ``year-end`` a spell of the organization and state begins or ends on a partial date whose
    period holds 31 December ("1993-12", "2022"); for the other rules, whose period has any
    day of the year.  COW's codes are yearly: certain as coded.
    """
    import numpy as np
    import pandas as pd

    from blocmap.core.world.panels import picked_spells

    attrs = dict(frame.attrs)
    rule = attrs["rule"]
    ids = list(attrs["data"])
    first, last = attrs["from"], attrs["to"]
    resolved = picked_spells(world, ids, first, last, rule, source)
    spells = world.spell_table(ids, source=source)
    position = pd.Series(np.arange(len(frame)),
                         index=frame.ccode.to_numpy(np.int64) * 10000 + frame.year.to_numpy(np.int64))
    unsure = _uncertain_years(world, ids, rule, first, last, source)
    parts = [frame[["ccode", "year", "state", "name"]]]
    for j, org in enumerate(ids):
        text = np.full(len(frame), "", dtype=object)
        mine = resolved[resolved.col == j]
        if len(mine):
            rows = position.reindex(mine.ccode.to_numpy(np.int64) * 10000 + mine.year.to_numpy(np.int64)).to_numpy()
            text[rows.astype(np.int64)] = spells.sources.to_numpy(dtype=object)[mine.spell.to_numpy(np.int64)]
        certain = np.asarray([(org, int(c), int(y)) not in unsure
                              for c, y in zip(frame.ccode, frame.year)], dtype=bool)
        parts.append(pd.DataFrame({org: frame[org].to_numpy(), f"{org}_sources": text,
                                   f"{org}_certain": certain}))
    out = pd.concat(parts, axis=1)
    out.attrs.update(attrs)
    out.attrs["with_sources"] = True
    return out


def _uncertain_years(world: Any, ids: Sequence[str], rule: str, first: int, last: int,
                     source: str) -> set[tuple[str, int, int]]:
    if source == "cow" or world.curated is None:
        return set()
    out = set()
    wanted = set(ids)
    for spell in world.curated.spells:
        if spell.org not in wanted:
            continue
        for date in (spell.start, spell.end):
            if date is None or date.precision == "day":
                continue
            a, b = date.earliest, date.latest
            for year in range(max(a.year, first), min(b.year, last) + 1):
                cut = dt.date(year, 12, 31)
                if rule != "year-end" or a <= cut <= b:  # as the membership commands: the day in the period
                    out.add((spell.org, spell.ccode, year))
    return out
