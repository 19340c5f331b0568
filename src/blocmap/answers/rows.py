"""Plain rows (dicts of JSON types) built from the atlas's answers.

One builder per kind of answer, shared by every front end, so ``blocmap members --format
json`` and ``GET /api/members`` return the very same objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blocmap.core.atlas import Atlas
    from blocmap.core.model import Event, Membership, Source, Spell


def membership_row(atlas: Atlas, m: Membership, lang: str) -> dict[str, Any]:
    """A state's status in an organization on a day, with its grounds."""
    return {
        "org": m.org, "org_name": atlas.org_name(m.org, lang, short=True, on=m.on),
        "org_name_today": atlas.org_name(m.org, lang, short=True),
        "state": m.state, "name": atlas.state_name(m.state, lang, m.on),
        "status": m.status, "since": str(m.since), "since_precision": m.since.precision,
        "until": str(m.until) if m.until else None, "certain": m.certain,
        "event": m.event.kind, "sources": list(dict.fromkeys(m.sources)), "ccode": m.ccode, "data": "curated",
        "continues_in": continued_in(atlas, m.org, m.on),
    }


def continued_in(atlas: Atlas, org: str, day: Any) -> str | None:
    """The organization ``org`` continues in on ``day`` (its members are that one's), or None:
    a membership that holds only through the succession, not as one more live organization."""
    found = atlas.orgs.get(org)
    succession = found.continues_in if found is not None else None
    if succession is None or day is None or day < succession.date.earliest:
        return None
    return succession.org


def event_row(atlas: Atlas, e: Event, lang: str) -> dict[str, Any]:
    """A dated event of an organization (``state`` None) or of a state in it."""
    return {"date": str(e.date), "precision": e.date.precision, "org": e.org, "state": e.state,
            "name": atlas.state_name(e.state, lang, e.date.earliest) if e.state else None, "event": e.kind,
            "status": e.status, "note": e.text("note", lang), "sources": list(dict.fromkeys(e.sources)),
            "dispute": e.dispute,
            "title": (e.title.get(lang) or e.title.get("en")) if e.title else None,
            "evidence_gap": e.text("evidence_gap", lang),
            "citations": [citation_row(atlas, c.source, c, lang) for c in e.citations] if e.citations
            else [citation_row(atlas, key, None, lang) for key in dict.fromkeys(e.sources)]}


def citation_row(atlas: Atlas, key: str, cited: Any, lang: str) -> dict[str, Any]:
    """One source of an event with the source's own words (``quote``), where they are and when read
    (``cited``: the event's ``Citation``, None where the event cites by key alone)."""
    source = atlas.sources.get(key)
    return {"source": key, "quote": cited.quote if cited else None, "at": cited.at if cited else None,
            "read": cited.read if cited else None,
            "class": source.klass if source is not None else None,
            "lang": source.lang if source is not None else None,  # the language of the quote and title
            "title": source.title if source is not None else None,
            "title_translated": source.title_for(lang) if source is not None else None,
            "url": source.url if source is not None else None}


def spell_row(atlas: Atlas, s: Spell, lang: str) -> dict[str, Any]:
    """A stretch of time with one status; ``end`` is the first day no longer in it."""
    return {"org": s.org, "org_name": atlas.org_name(s.org, lang, short=True, on=s.start.earliest),
            "state": s.state, "name": atlas.state_name(s.state, lang, s.start.earliest), "status": s.status,
            "start": str(s.start), "start_precision": s.start.precision,
            "end": str(s.end) if s.end else None,
            "end_precision": s.end.precision if s.end else None, "end_reason": s.end_reason,
            "sources": list(s.start_event.sources)}


def source_row(source: Source, lang: str) -> dict[str, Any]:
    """A source of the bibliography; its title and publisher stay as published, its note is in ``lang``."""
    return {"key": source.key, "title": source.title, "title_translated": source.title_for(lang),
            "language": source.lang, "url": source.url,
            "publisher": source.publisher, "year": source.year, "kind": source.kind, "class": source.klass,
            "official": source.official, "seen_at": source.seen_at, "note": source.text("note", lang)}
