"""The validated records of an atlas as plain JSON data, and back, by explicit constructors.

The atlas cache stores this and nothing else: reading it builds ``Source``, ``State``,
``Organization``, ``Event`` and ``Dispute`` records field by field, so a cache file can hold
wrong data at worst (caught by its key and format checks), never code.
"""

from __future__ import annotations

from typing import Any, Mapping

from blocmap.core.dates import PartialDate, parse_partial
from blocmap.core.model import (
    Citation,
    Claim,
    CowCode,
    Dispute,
    Event,
    FormerName,
    Organization,
    Period,
    Source,
    State,
    Succession,
    Treaty,
)

FORMAT = 8  # 2: successions (continues_in); 3: records carry their texts in every language (``texts``);
#            4: so do states; 5: and sources; 6: citations with quotes, sources' language and translated
#            titles, organizations' former names; 7: states' former names;
#            8: evidence gaps


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _undate(value: Any) -> PartialDate | None:
    return None if value is None else parse_partial(_text(value))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, found {type(value).__name__}")
    return value


def _opt(value: Any) -> str | None:
    return None if value is None else _text(value)


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return tuple(_text(v) for v in value)


def _langs(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("expected a mapping")
    return {_text(k): _text(v) for k, v in value.items()}


def _by_lang(value: Any) -> dict[str, dict[str, str]]:
    """A record's ``texts``: field → language → text."""
    if not isinstance(value, dict):
        raise ValueError("expected a mapping")
    return {_text(k): _langs(v) for k, v in value.items()}


def _plain(texts: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    return {k: dict(v) for k, v in texts.items()}


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected a whole number")
    return value


# ---------------------------------------------------------------------------- records → data
def _source(s: Source) -> dict[str, Any]:
    return {"key": s.key, "title": s.title, "url": s.url, "publisher": s.publisher, "year": s.year,
            "kind": s.kind, "official": s.official, "seen_at": s.seen_at, "note": s.note, "texts": _plain(s.texts),
            "lang": s.lang, "title_tr": dict(s.title_tr)}


def _state(s: State) -> dict[str, Any]:
    return {"iso3": s.iso3, "iso2": s.iso2,
            "cow": [[c.code, c.abb, _date(c.start), _date(c.end)] for c in s.cow],
            "exists": [[_date(p.start), _date(p.end), p.source, p.note] for p in s.exists],
            "names": dict(s.names), "note": s.note, "texts": _plain(s.texts),
            "former_names": _former(s.former_names)}


def _org(o: Organization) -> dict[str, Any]:
    t = o.founding_treaty
    return {"id": o.id, "names": dict(o.names), "acronyms": dict(o.acronyms), "kind": o.kind,
            "founded": _date(o.founded), "dissolved": _date(o.dissolved),
            "founding_treaty": None if t is None else [t.name, _date(t.signed), t.place, _date(t.in_force), t.source,
                                                       _plain(t.texts)],
            "seat": o.seat, "predecessors": list(o.predecessors), "successors": list(o.successors),
            "aliases": list(o.aliases), "sources": list(o.sources),
            "name_sources": {k: list(v) for k, v in o.name_sources.items()}, "note": o.note, "file": o.file,
            "continues_in": None if o.continues_in is None else
            [o.continues_in.org, _date(o.continues_in.date), o.continues_in.source],
            "texts": _plain(o.texts),
            "former_names": _former(o.former_names)}


def _former(names: tuple[FormerName, ...]) -> list[list[Any]]:
    return [[_date(f.until), dict(f.names), dict(f.acronyms), f.source, f.quote] for f in names]


def _unformer(value: Any) -> tuple[FormerName, ...]:
    return tuple(FormerName(_undate(u), _langs(n), _langs(a), _opt(s), _opt(q))  # type: ignore[arg-type]
                 for u, n, a, s, q in value)


def _event(e: Event) -> dict[str, Any]:
    return {"org": e.org, "state": e.state, "date": _date(e.date), "kind": e.kind, "status": e.status,
            "sources": list(e.sources), "note": e.note, "dispute": e.dispute, "file": e.file, "line": e.line,
            "title": dict(e.title), "texts": _plain(e.texts),
            "citations": [[c.source, c.quote, c.at, c.read] for c in e.citations], "evidence_gap": e.evidence_gap}


def _dispute(d: Dispute) -> dict[str, Any]:
    return {"id": d.id, "org": d.org, "state": d.state, "topic": d.topic,
            "claims": [[c.value, list(c.sources), c.note, _plain(c.texts)] for c in d.claims],
            "preferred": d.preferred, "note": d.note, "file": d.file, "line": d.line, "texts": _plain(d.texts)}


def dump(sources: Mapping[str, Source], states: Mapping[str, State], orgs: Mapping[str, Organization],
         events: list[Event], disputes: list[Dispute], key: str) -> dict[str, Any]:
    """Plain data (dicts, lists, text, numbers) for ``json.dumps``."""
    return {"format": FORMAT, "key": key,
            "sources": [_source(s) for s in sources.values()],
            "states": [_state(s) for s in states.values()],
            "orgs": [_org(o) for o in orgs.values()],
            "events": [_event(e) for e in events],
            "disputes": [_dispute(d) for d in disputes]}


# ---------------------------------------------------------------------------- data → records
def _unsource(d: dict) -> Source:
    return Source(_text(d["key"]), _text(d["title"]), _opt(d["url"]), _opt(d["publisher"]), _opt(d["year"]),
                  _text(d["kind"]), bool(d["official"]), _opt(d["seen_at"]), _opt(d["note"]), _by_lang(d["texts"]),
                  _opt(d["lang"]), _langs(d["title_tr"]))


def _unstate(d: dict) -> State:
    cows = tuple(CowCode(_int(c), _text(a), _undate(s), _undate(e)) for c, a, s, e in d["cow"])
    periods = tuple(Period(_undate(s), _undate(e), _opt(src), _opt(n)) for s, e, src, n in d["exists"])
    return State(_text(d["iso3"]), _opt(d["iso2"]), cows, periods, _langs(d["names"]), _opt(d["note"]),
                 _by_lang(d["texts"]), _unformer(d["former_names"]))


def _unorg(d: dict) -> Organization:
    t = d["founding_treaty"]
    treaty = None if t is None else Treaty(_text(t[0]), _undate(t[1]), _opt(t[2]), _undate(t[3]), _opt(t[4]),
                                           _by_lang(t[5]))
    return Organization(
        id=_text(d["id"]), names=_langs(d["names"]), acronyms=_langs(d["acronyms"]), kind=_text(d["kind"]),
        founded=_undate(d["founded"]), dissolved=_undate(d["dissolved"]), founding_treaty=treaty,
        seat=_opt(d["seat"]), predecessors=_texts(d["predecessors"]), successors=_texts(d["successors"]),
        aliases=_texts(d["aliases"]), sources=_texts(d["sources"]),
        name_sources={_text(k): _texts(v) for k, v in d["name_sources"].items()},
        note=_opt(d["note"]), file=_text(d["file"]),
        continues_in=None if d["continues_in"] is None else
        Succession(_text(d["continues_in"][0]), _undate(d["continues_in"][1]), _text(d["continues_in"][2])),
        texts=_by_lang(d["texts"]),
        former_names=_unformer(d["former_names"]))


def _unevent(d: dict) -> Event:
    date = _undate(d["date"])
    if date is None:
        raise ValueError("an event without a date")
    return Event(_text(d["org"]), _opt(d["state"]), date, _text(d["kind"]), _opt(d["status"]),
                 _texts(d["sources"]), _opt(d["note"]), _opt(d["dispute"]), _text(d["file"]), _int(d["line"]),
                 _langs(d["title"]), _by_lang(d["texts"]),
                 tuple(Citation(_text(s), _opt(q), _opt(a), _opt(r)) for s, q, a, r in d["citations"]),
                 _opt(d["evidence_gap"]))


def _undispute(d: dict) -> Dispute:
    claims = tuple(Claim(_text(v), _texts(s), _opt(n), _by_lang(t)) for v, s, n, t in d["claims"])
    return Dispute(_text(d["id"]), _opt(d["org"]), _opt(d["state"]), _text(d["topic"]), claims,
                   _opt(d["preferred"]), _opt(d["note"]), _text(d["file"]), _int(d["line"]), _by_lang(d["texts"]))


def load(data: Any, key: str) -> tuple[dict[str, Source], dict[str, State], dict[str, Organization],
                                       list[Event], list[Dispute]]:
    """The records of ``dump``'s data; ValueError (or KeyError, TypeError) if it is not that."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        raise ValueError("not a snapshot of this data")
    sources = {s.key: s for s in map(_unsource, data["sources"])}
    states = {s.iso3: s for s in map(_unstate, data["states"])}
    orgs = {o.id: o for o in map(_unorg, data["orgs"])}
    return sources, states, orgs, [_unevent(e) for e in data["events"]], [_undispute(d) for d in data["disputes"]]
