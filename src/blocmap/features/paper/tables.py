"""Membership tables like the paper's Tables 1 and 2, generated from events for any organization and years.

How a table is derived from events (the rule, not per-row text):

1. Take the events of the chosen organizations whose kind is in ``kinds`` (by default every kind but
   the per-state paperwork — ratifications, notifications, announcements, decisions) in the years asked.
2. Events of the same organization, kind and resulting status on the same day form one *item* with
   the list of its states.  An event of the organization itself (no state) on the same day and of the
   same kind joins that item (the Alma-Ata Protocol signed by eight states is one item).
3. Within a year, items of the same organization, kind and status that each hold a single state are
   merged into one item, each state keeping its own date (Georgia, Azerbaijan and Belarus signing the
   Collective Security Treaty in 1993 is one item).
4. Each year is a column; the items of a column are ordered by date.  Their wording comes from the
   translation table (``paper.item.<kind>[.<org>]``), so ``lang='zh-Hant'`` gives the paper's vocabulary.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from blocmap.core.dates import PartialDate, parse_year
from blocmap.core.errors import QueryError
from blocmap.core import i18n
from blocmap.core.i18n import TABLE, t
from blocmap.core.model import EVENT_KINDS, Event

if TYPE_CHECKING:
    from blocmap.core.atlas import Atlas

#: Kinds left out by default: paperwork of single states that does not change what the tables show.
PAPERWORK = frozenset({"ratified", "notified", "announced", "decided"})
DEFAULT_KINDS = frozenset(EVENT_KINDS) - PAPERWORK
#: Named groups of organizations for one table (the paper's Table 2 spans the treaty and the organization).
FORMATS = ("table", "markdown", "csv", "json", "html")


@dataclass
class Item:
    """One entry of a column: what happened to which states."""

    year: int
    org: str
    kind: str
    status: str | None
    events: list[Event] = field(default_factory=list)

    @property
    def states(self) -> list[str]:
        return list(dict.fromkeys(e.state for e in self.events if e.state))

    @property
    def first(self) -> PartialDate:
        return min((e.date for e in self.events), key=lambda d: d.earliest)


def resolve_orgs(atlas: "Atlas", orgs: str | Sequence[str]) -> list[str]:
    """Organization ids from a comma-separated list, a list, or a named set ('collective-security')."""
    return atlas.org_ids(orgs, "org")


def _kinds(kinds: Iterable[str] | str | None) -> frozenset[str]:
    if kinds is None:
        return DEFAULT_KINDS
    items = [k.strip() for k in (kinds.split(",") if isinstance(kinds, str) else kinds) if k.strip()]
    if items == ["all"]:
        return frozenset(EVENT_KINDS)
    unknown = sorted(set(items) - EVENT_KINDS)
    if unknown:
        raise QueryError.of("err.paper.kinds", "kinds", kinds=list(unknown), choices=sorted(EVENT_KINDS))
    return frozenset(items)


def _years(start: int | str | None, end: int | str | None, years: Iterable[int | str] | str | None) -> set[int] | tuple:
    if years is not None:
        items = years.split(",") if isinstance(years, str) else list(years)
        return {parse_year(str(y).strip(), "years") for y in items if str(y).strip()}
    first = parse_year(start, "from") if start not in (None, "") else None
    last = parse_year(end, "to") if end not in (None, "") else None
    if first is not None and last is not None and first > last:
        raise QueryError.of("err.from_after_to", "from", first=first, last=last)
    return (first, last)


def _in_years(year: int, wanted) -> bool:
    if isinstance(wanted, set):
        return year in wanted
    first, last = wanted
    return (first is None or year >= first) and (last is None or year <= last)


def items(atlas: "Atlas", orgs: str | Sequence[str], start: int | str | None = None, end: int | str | None = None,
          years: Iterable[int | str] | str | None = None, kinds: Iterable[str] | str | None = None) -> list[Item]:
    """The items of a membership table, oldest first (see the module's docstring for the rule)."""
    ids = resolve_orgs(atlas, orgs)
    wanted_kinds = _kinds(kinds)
    wanted_years = _years(start, end, years)
    chosen = [e for e in atlas.events
              if e.org in ids and e.kind in wanted_kinds and _in_years(e.date.earliest.year, wanted_years)]
    by_day: "OrderedDict[tuple, Item]" = OrderedDict()
    for event in chosen:
        key = (event.date, event.org, event.kind, event.status if event.state else None, event.state is None)
        by_day.setdefault(key, Item(event.date.earliest.year, event.org, event.kind, key[3])).events.append(event)
    # an organization's own event joins the states' item of the same day and kind
    merged: list[Item] = []
    for (date, org, kind, _status, own), item in by_day.items():
        if own:
            partner = next((i for (d, o, k, _s, w), i in by_day.items()
                            if not w and d == date and o == org and k == kind), None)
            if partner is not None:
                partner.events[:0] = item.events
                continue
        merged.append(item)
    # single-state items of one year, organization, kind and status become one
    out: list[Item] = []
    singles: dict[tuple, Item] = {}
    for item in merged:
        if len(item.states) == 1 and all(e.state for e in item.events):
            key = (item.year, item.org, item.kind, item.status)
            if key in singles:
                singles[key].events.extend(item.events)
                continue
            singles[key] = item
        out.append(item)
    return sorted(out, key=lambda i: (i.year, i.first.earliest, ids.index(i.org)))


def wording(atlas: "Atlas", item: Item, lang: str = "en") -> str:
    """The text of an item from the translation table: 'paper.item.<kind>[.<org>]' or 'paper.org.<kind>'."""
    org = atlas.org_name(item.org, lang, short=True)
    note = next((e.text("note", lang) for e in item.events if e.note), "") or ""
    states = item.states
    if not states:
        titled = next((e.title for e in item.events if e.title), None)
        if titled:
            return titled.get(lang) or titled.get("en") or next(iter(titled.values()))
        key = f"paper.org.{item.kind}" if f"paper.org.{item.kind}" in TABLE else "paper.org.other"
        return t(key, lang).format(org=org, note=note, event=t(f"event.{item.kind}", lang))
    names = t("paper.sep", lang).join(atlas.state_name(s, lang) for s in states)
    kind = item.kind
    if kind == "signed" and item.status is None:
        kind = "signed_further"
        titled = [e.title for e in item.events if e.title]
        if not note and len(states) == 1 and titled:  # the event's own sentence names the instrument
            return titled[0].get(lang) or titled[0].get("en") or next(iter(titled[0].values()))
    for key in (f"paper.item.{kind}.{item.org}", f"paper.item.{kind}"):
        if key in TABLE:
            if not note and f"{key}.plain" in TABLE:  # the sentence without its bracketed note
                key = f"{key}.plain"
            return t(key, lang).format(states=names, org=org, note=note)
    return i18n.field(names, i18n.aside(t("event." + item.kind, lang), org, lang), lang)


def _dates(item: Item) -> list[str]:
    seen = dict.fromkeys(str(e.date) for e in item.events)
    return list(seen)


def table(atlas: "Atlas", orgs: str | Sequence[str], start: int | str | None = None, end: int | str | None = None,
          years: Iterable[int | str] | str | None = None, kinds: Iterable[str] | str | None = None,
          lang: str = "en") -> list[dict[str, Any]]:
    """A membership table as plain records (one per item), pandas-friendly.

    >>> table(atlas, "cis", 1991, 2018)[0]["states"]   # doctest: +SKIP
    ['BLR', 'RUS', 'UKR']
    """
    records = []
    for item in items(atlas, orgs, start, end, years, kinds):
        sources = list(dict.fromkeys(k for e in item.events for k in e.sources))
        disputes = list(dict.fromkeys(e.dispute for e in item.events if e.dispute))
        records.append({
            "year": item.year, "org": item.org, "event": item.kind, "status": item.status,
            "states": item.states, "names": [atlas.state_name(s, lang) for s in item.states],
            "dates": _dates(item), "text": wording(atlas, item, lang), "sources": sources, "disputes": disputes,
        })
    return records


def columns(records: Sequence[dict[str, Any]]) -> "OrderedDict[int, list[dict[str, Any]]]":
    """Records grouped by year (the paper's columns)."""
    out: "OrderedDict[int, list[dict[str, Any]]]" = OrderedDict()
    for record in records:
        out.setdefault(record["year"], []).append(record)
    return out


def title(atlas: "Atlas", orgs: Sequence[str], lang: str = "en") -> str:
    names = t("paper.sep", lang).join(atlas.org_name(o, lang, short=True) for o in orgs)
    return t("paper.title", lang).format(orgs=names)


# ---------------------------------------------------------------------------- rendering
def _cell(records: Sequence[dict[str, Any]], numbered: bool) -> list[str]:
    if len(records) == 1 or not numbered:
        return [r["text"] for r in records]
    return [f"{n}. {r['text']}" for n, r in enumerate(records, start=1)]


def to_markdown(records: Sequence[dict[str, Any]], heading: str, lang: str = "en") -> str:
    """Years as columns, numbered items in each cell — the paper's layout."""
    cols = columns(records)
    if not cols:
        return f"**{heading}**\n\n{t('msg.none', lang)}\n"
    head = "| " + " | ".join(t("paper.year", lang).format(year=y) for y in cols) + " |"
    rule = "|" + "|".join(" --- " for _ in cols) + "|"
    body = "| " + " | ".join("<br>".join(_cell(rs, True)).replace("|", "\\|") for rs in cols.values()) + " |"
    return f"**{heading}**\n\n{head}\n{rule}\n{body}\n\n{t('paper.source_line', lang)}\n"


def to_html(records: Sequence[dict[str, Any]], heading: str, lang: str = "en", fragment: bool = False) -> str:
    """An HTML table in the paper's layout; ``fragment`` omits the page around it (for the report)."""
    cols = columns(records)
    parts = [f'<table class="paper-table"><caption>{html.escape(heading)}</caption><thead><tr>']
    parts += [f"<th>{html.escape(t('paper.year', lang).format(year=y))}</th>" for y in cols]
    parts.append("</tr></thead><tbody><tr>")
    for rs in cols.values():
        entries = "".join(f"<li>{html.escape(r['text'])}"
                          f"<span class=\"src\"> [{html.escape(', '.join(r['sources']))}]</span></li>" for r in rs)
        tag = "ol" if len(rs) > 1 else "ul"
        parts.append(f"<td><{tag}>{entries}</{tag}></td>")
    parts.append(f"</tr></tbody></table><p class=\"table-source\">{html.escape(t('paper.source_line', lang))}</p>")
    table_html = "".join(parts)
    if fragment:
        return table_html
    html_lang = "zh-Hant-TW" if lang == "zh-Hant" else lang
    return (f"<!DOCTYPE html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\"><title>{html.escape(heading)}"
            "</title><style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;"
            "vertical-align:top}.src{color:#777;font-size:80%}</style></head><body>\n"
            f"{table_html}\n</body></html>\n")


def long_rows(records: Sequence[dict[str, Any]], lang: str = "en") -> list[dict[str, Any]]:
    """One row per item for the terminal table and CSV."""
    return [{"year": r["year"], "org": r["org"], "event": r["event"], "status": r["status"] or "",
             "states": " ".join(r["states"]), "dates": " ".join(r["dates"]), "text": r["text"],
             "sources": " ".join(r["sources"]), "disputes": " ".join(r["disputes"])} for r in records]
