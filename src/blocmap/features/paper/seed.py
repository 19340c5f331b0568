"""The seed paper's own Tables 1 and 2 (transcribed as claims in ``seed.yaml``) and their comparison
with the tables blocmap generates from sourced events; and which member set reproduces the
paper's GDP sum of "all members but Russia"."""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from blocmap.core.errors import QueryError
from blocmap.core.i18n import t
from blocmap.features.paper.tables import table

if TYPE_CHECKING:
    from blocmap.core.atlas import Atlas
    from blocmap.features.econ import Series

SEED_FILE = Path(__file__).with_name("seed.yaml")


@lru_cache(maxsize=None)
def paper_tables() -> tuple[dict[str, Any], ...]:
    """The paper's tables as transcribed: number, orgs, title, columns of items (kind, states, text)."""
    return tuple(yaml.safe_load(SEED_FILE.read_text(encoding="utf-8")))


def paper_table(number: int | str) -> dict[str, Any]:
    for entry in paper_tables():
        if str(entry["number"]) == str(number).strip():
            return entry
    raise QueryError.of("err.paper.no_table", "paper", number=repr(number),
                        tables=[str(e["number"]) for e in paper_tables()])


def generated(atlas: "Atlas", number: int | str, lang: str = "en") -> list[dict[str, Any]]:
    """blocmap's table for the paper's table ``number``: same organizations, same years, from events."""
    entry = paper_table(number)
    return table(atlas, entry["orgs"], years=[c["year"] for c in entry["columns"]], lang=lang)


def compare(atlas: "Atlas", number: int | str, lang: str = "en") -> list[dict[str, Any]]:
    """Column by column: the paper's states and blocmap's, what only one side has, where the kind of
    event differs, and the recorded disagreements behind it.  ``notes`` are sentences for the report."""
    entry = paper_table(number)
    ours = generated(atlas, number, lang)
    sep = t("paper.sep", lang)
    out = []
    for column in entry["columns"]:
        year = column["year"]
        mine = [r for r in ours if r["year"] == year]
        paper_states = {s for item in column["items"] for s in item["states"]}
        our_states = {s for r in mine for s in r["states"]}
        notes = []
        only_paper, only_ours = sorted(paper_states - our_states), sorted(our_states - paper_states)
        names = lambda codes: sep.join(atlas.state_name(c, lang) for c in codes)  # noqa: E731
        if only_paper:
            notes.append(t("paper.note.only_paper", lang).format(year=year, states=names(only_paper)))
        if only_ours:
            notes.append(t("paper.note.only_ours", lang).format(year=year, states=names(only_ours)))
        differing: dict[tuple[str, str, str], list[str]] = {}
        for item in column["items"]:
            for state in item["states"]:
                kinds = [r for r in mine if state in r["states"]]
                if kinds and item["kind"] not in {r["event"] for r in kinds}:
                    key = (item["kind"], kinds[0]["event"], ", ".join(kinds[0]["dates"]))
                    differing.setdefault(key, []).append(state)
        for (paper_kind, our_kind, dates), states in differing.items():
            notes.append(t("paper.note.kind", lang).format(
                year=year, states=names(states), paper_kind=t(f"event.{paper_kind}", lang),
                our_kind=t(f"event.{our_kind}", lang), dates=dates))
        disputes = sorted({d for r in mine for d in r["disputes"]})
        for dispute_id in disputes:
            dispute = next((d for d in atlas.disputes if d.id == dispute_id), None)
            if dispute is not None and any(c.sources and "seed" in c.sources for c in dispute.claims):
                notes.append(t("paper.note.dispute", lang).format(id=dispute.id, topic=dispute.text("topic", lang)))
        out.append({"year": year, "paper_states": sorted(paper_states), "our_states": sorted(our_states),
                    "only_paper": only_paper, "only_ours": only_ours, "match": not only_paper and not only_ours,
                    "disputes": disputes, "notes": notes,
                    "paper_items": column["items"], "our_items": mine})
    return out


# ---------------------------------------------------------------------------- the GDP sum of "the others"
CANDIDATE_POOL = ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UKR", "UZB")


def others_check(atlas: "Atlas", series: "Series", year: int = 2021, top: int = 5,
                 lang: str = "en") -> dict[str, Any]:
    """Which set of states' GDP reproduces the paper's 'all members but Russia' (472,955.69 million)?

    Compares the membership-defined sets (CIS full members and associates on 31 December, with or
    without Ukraine, full members only) and, for contrast, the closest of all 2,047 non-empty subsets
    of the eleven other post-Soviet CIS signatories.  With that many subsets a close sum is expected by
    chance, so the membership-defined set is the explanation; the vintage explains the gap."""
    from blocmap.features.econ import quoted

    quote = quoted("cis", year, "gdp")
    if quote is None:
        raise QueryError.of("err.paper.no_quote", "year", year=year)
    target = quote["others_sum"]
    values = {s: series.value(s, year) for s in CANDIDATE_POOL}
    day = f"{year}-12-31"
    inside = [m.state for m in atlas.members("cis", on=day) if m.status in ("member", "associate") and m.state != "RUS"]
    full = [m.state for m in atlas.members("cis", on=day) if m.status == "member" and m.state != "RUS"]
    named = {
        t("econ.set.inside", lang): inside,
        t("econ.set.with_ukraine", lang): sorted(set(inside) | {"UKR"}),
        t("econ.set.full", lang): full,
        t("econ.set.all", lang): list(CANDIDATE_POOL),
    }
    # the paper's own Kazakhstan value replaces ours to see how much of the gap is the vintage
    paper_kaz = quote["values"].get("KAZ")

    def row(label: str, states: list[str]) -> dict[str, Any]:
        have = [values[s] for s in states if values.get(s) is not None]
        total = sum(have)
        adjusted = total - (values["KAZ"] or 0) + paper_kaz if "KAZ" in states and paper_kaz else None
        return {"set": label, "states": sorted(states), "sum": total, "difference": total - target,
                "relative": (total - target) / target,
                "sum_with_paper_kaz": adjusted,
                "relative_with_paper_kaz": (adjusted - target) / target if adjusted is not None else None}

    rows = [row(label, states) for label, states in named.items()]
    pool = [s for s in CANDIDATE_POOL if values.get(s) is not None]
    best = sorted((abs(sum(values[s] for s in combo) - target), combo)
                  for n in range(1, len(pool) + 1) for combo in itertools.combinations(pool, n))[:top]
    return {"year": year, "target": target, "vintage": series.vintage, "named": rows,
            "closest_subsets": [row(t("econ.set.closest", lang).format(n=i + 1), list(c)) for i, (_, c) in enumerate(best)]}
