"""Depth of integration (``data/depth.yaml``) and its side-by-side comparison across organizations.

``compare(["cis", "union_state", "eaeu", "csto", "eu"])`` gives one record per dimension with each
organization's value, detail, date and sources — plus the decision rule of each organization's
highest organ (from ``organs.yaml``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

from typing import TYPE_CHECKING

from blocmap.core.dates import parse_partial
from blocmap.core.errors import QueryError
from blocmap.core.i18n import t
from blocmap.core.loader import Raw, list_of_maps, read_yaml, Reader
from blocmap.core.messages import Text
from blocmap.core.model import Texts, Translated

if TYPE_CHECKING:  # pragma: no cover
    from blocmap.core.atlas import Atlas

DIMENSIONS = ("stage", "common_external_tariff", "free_movement_goods", "free_movement_services",
              "free_movement_capital", "free_movement_labour", "supranational_binding_body",
              "court_binding_rulings", "common_currency", "collective_defence_clause")
#: Stages of economic integration, shallow to deep (Balassa), and the other values a dimension takes.
STAGES = ("free_trade_area", "customs_union", "single_market", "economic_union", "economic_and_monetary_union")
VALUES = ("yes", "no", "partial", "limited", "planned", "n/a")
DEFAULT_ORGS = ("cis", "union_state", "eaeu", "csto", "eu")


@dataclass(frozen=True)
class Depth(Translated):
    org: str
    dimension: str
    value: str
    detail: str | None
    since: str | None
    sources: tuple[str, ...]
    line: int = 0
    #: ``detail`` and ``since`` in every language given (``text("detail", lang)``)
    texts: Texts = field(default_factory=dict)


def read_depth(raw: Raw) -> list[Depth]:
    """Read ``depth.yaml``; problems (file:line) go to ``raw.problems``."""
    path = raw.folder / "depth.yaml"
    if not path.exists():
        return []
    reader = Reader(raw, "depth.yaml")
    out: list[Depth] = []
    seen: dict[tuple[str, str], int] = {}
    for node in list_of_maps(reader, read_yaml(path, raw), "what.depth"):
        org, dimension = reader.text(node, "org", required=True), reader.text(node, "dimension", required=True)
        value = reader.text(node, "value", required=True)
        sources = reader.keys(node, "sources")
        if not sources:
            reader.problem(node.line, "data.depth_sources")
        if None in (org, dimension, value):
            continue
        if org not in raw.orgs:
            reader.problem(node.line, "data.unknown_org", org=org)
        if dimension not in DIMENSIONS:
            reader.problem(node.line, "data.unknown_dimension", given=dimension, choices=list(DIMENSIONS))
        allowed = STAGES + ("n/a",) if dimension == "stage" else VALUES
        if value not in allowed:
            reader.problem(node.line, "data.depth_value", value=value, dimension=dimension, choices=list(allowed))
        if (org, dimension) in seen:
            reader.problem(node.line, "data.duplicate_depth", org=org, dimension=dimension, first=seen[(org, dimension)])
            continue
        seen[(org, dimension)] = node.line
        reader.cite(sources, node.line, Text("cite.depth", {"org": org, "dimension": dimension}))
        detail, details = reader.translated(node, "detail")
        since, sinces = reader.translated(node, "since")
        out.append(Depth(org, dimension, value, detail, since, sources, node.line,
                         {k: v for k, v in (("detail", details), ("since", sinces)) if v}))
    return out


@lru_cache(maxsize=4)
def _read(atlas: "Atlas") -> tuple[Depth, ...]:
    from blocmap.core.validate import load_feature_file

    return load_feature_file(atlas, "depth.yaml", read_depth)


def depth(atlas: "Atlas", org: str | None = None) -> list[Depth]:
    """The depth-of-integration entries of the atlas's data folder (of one organization)."""
    every = _read(atlas)
    return [d for d in every if org is None or d.org == org]


def _resolve(atlas: "Atlas", orgs: Iterable[str] | str | None) -> list[str]:
    ids = atlas.org_ids(list(DEFAULT_ORGS) if orgs is None else orgs, "orgs")
    recorded = {d.org for d in _read(atlas)}
    missing = [o for o in ids if o not in recorded]
    if missing:
        raise QueryError.of("err.depth.none", "orgs", orgs=list(missing), known=sorted(recorded))
    return ids


def _held(entry: Depth, day: dt.date | None) -> bool:
    """Whether a depth entry held on ``day`` (every entry holds when no day is asked): from the
    first day of its ``since`` period (the as-of rule of the memberships)."""
    return day is None or entry.since is None or parse_partial(entry.since).earliest <= day


def compare(atlas: "Atlas", orgs: Sequence[str] | str | None = None, lang: str = "en",
            on: dt.date | None = None) -> list[dict[str, Any]]:
    """Dimensions side by side: one record per dimension, a column per organization.

    Each record: ``dimension``, ``label`` and, per organization, ``{org}`` (the value, translated),
    ``{org}_value`` (the code), ``{org}_detail``, ``{org}_since``, ``{org}_sources``.  A last record
    gives the decision rule of each organization's highest organ (from organs.yaml), or 'not
    documented in our sources'.

    On a day (``on``), an entry whose ``since`` comes after it is ``not_yet`` (its detail and
    sources are kept, so a reader sees what came later), and every value of an organization that
    did not exist that day is ``no_org``; a decision rule whose ``rule_since`` (organs.yaml) comes
    after the day is not documented for that day (the rule as written is later law: the EU's TEU
    Art. 15(4) is the Treaty of Lisbon's), with that first day in ``{org}_since``."""
    from blocmap.features.organs import organs as organs_of

    ids = _resolve(atlas, orgs)
    by_key = {(d.org, d.dimension): d for d in _read(atlas)}
    alive = {org: on is None or org not in atlas.orgs or atlas.orgs[org].exists_on(on) for org in ids}
    rows: list[dict[str, Any]] = []
    for dimension in DIMENSIONS:
        row: dict[str, Any] = {"dimension": dimension, "label": t(f"depth.{dimension}", lang)}
        for org in ids:
            entry = by_key.get((org, dimension))
            code = entry.value if entry else "unknown"
            if not alive[org]:
                code = "no_org"
            elif entry is not None and not _held(entry, on):
                code = "not_yet"
            row[org] = t(f"value.{code}", lang)
            row[f"{org}_value"] = code
            row[f"{org}_detail"] = entry.text("detail", lang) if entry else None
            row[f"{org}_since"] = entry.text("since", lang) if entry else None
            row[f"{org}_sources"] = list(entry.sources) if entry else []
        rows.append(row)
    rule: dict[str, Any] = {"dimension": "decision_rules", "label": t("depth.decision_rules", lang)}
    for org in ids:
        try:
            found = [o for o in organs_of(atlas, org) if o.level == "highest" and o.decision_rule]
        except QueryError:
            found = []
        since = found[0].rule_since if found else None
        if not alive[org]:
            rule[org], rule[f"{org}_value"] = t("value.no_org", lang), "no_org"
        elif found and (on is None or since is None or since.earliest <= on):
            rule[org], rule[f"{org}_value"] = found[0].text("decision_rule", lang), "text"
        elif found:  # the rule recorded came in force after the day asked
            rule[org], rule[f"{org}_value"] = Text("value.rule_later", {"day": str(since)}).render(lang), "unknown"
        else:
            rule[org], rule[f"{org}_value"] = t("value.undocumented", lang), "unknown"
        rule[f"{org}_detail"] = (found[0].names.get(lang) or found[0].names["en"]) if found else None
        rule[f"{org}_since"] = str(since) if since else None
        rule[f"{org}_sources"] = list(found[0].sources) if found else []
    rows.append(rule)
    return rows
