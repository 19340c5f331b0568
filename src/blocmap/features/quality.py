"""Data quality per organization: how precise and how well sourced its events are.

``quality(atlas)`` is a pure function of the loaded atlas (no I/O): for every organization it
returns the share of events dated to the day, the share citing at least one official source,
the share citing two or more independent sources, and the events that rest on a single source
(by ``file:line``), so that a reader — or ``blocmap check`` — can see where the data is thin.

Two rules make the figures reproducible:

* **Official** — a source is official when ``sources.yaml`` marks it ``official: true`` or gives
  it ``kind: official`` (governments, parliaments, the organizations themselves, their legal
  databases).
* **Independent** — two sources are independent when their publishers differ. A publisher is
  compared without what follows an opening parenthesis ("Gazeta.uz (citing the MFA of
  Uzbekistan)" is "gazeta.uz"), case-insensitively; a source without a publisher stands alone
  under its key. Several pages of one publisher count once.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from blocmap.core.model import Event, Source
from blocmap.features.evidence import evidence_quality, publisher


def _is_official(key: str, sources: Mapping[str, Source]) -> bool:
    source = sources.get(key)
    return source is not None and source.klass == "official"


def independent_sources(event: Event, sources: Mapping[str, Source]) -> int:
    """How many independent publishers an event's sources come from."""
    return len({publisher(key, sources) for key in event.sources})


def _share(count: int, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def _org_quality(org: str, events: list[Event], sources: Mapping[str, Source]) -> dict[str, Any]:
    total = len(events)
    day = sum(1 for e in events if e.date.precision == "day")
    official = sum(1 for e in events if any(_is_official(k, sources) for k in e.sources))
    counts = [independent_sources(e, sources) for e in events]
    single = [f"{e.file}:{e.line}" for e, n in zip(events, counts) if n < 2]
    return {
        "org": org,
        "events": total,
        "day_precise": _share(day, total),
        "official_source": _share(official, total),
        "two_independent_sources": _share(sum(1 for n in counts if n >= 2), total),
        "single_source_events": single,
        **evidence_quality(events, sources),
    }


def quality(atlas: Any) -> list[dict[str, Any]]:
    """One record per organization (sorted by id): event count, the three shares (0–1, three
    decimals) and the single-source events as ``file:line``, in file order."""
    by_org: dict[str, list[Event]] = {org: [] for org in atlas.orgs}
    events: Iterable[Event] = atlas.events
    for event in events:
        by_org.setdefault(event.org, []).append(event)
    return [_org_quality(org, sorted(found, key=lambda e: (e.file, e.line)), atlas.sources)
            for org, found in sorted(by_org.items())]
