"""What the core ``members`` / ``memberships`` commands call for organizations blocmap does not
curate: the imported COW organizations, answered from the world store.

    from blocmap.world import fallback
    try:
        found = atlas.members(org, on=on)
    except QueryError as exc:                      # not a curated organization
        rows = fallback.members_rows(org, on, atlas, db, lang, original=exc)

``members_rows`` re-raises ``original`` when there is no store; when COW does not know the id
either, the error suggests ids from both (``unknown organization 'aseen' (did you mean
'asean'?)``).
Rows have the keys of ``cli_core.membership_row`` plus ``data`` ("curated" or "cow").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import BlocmapError, QueryError
from .index import WorldMembership
from .store import resolve_db


def open_world(atlas: Any, db: str | Path | None = None) -> Any | None:
    """The world joined with ``atlas``, or ``None`` when no store has been imported."""
    if not resolve_db(db).exists():
        return None
    from .curated import Curated
    from .world import World

    return World(db, curated=Curated.from_atlas(atlas) if atlas is not None else None)


def row(world: Any, m: WorldMembership, atlas: Any = None, lang: str = "en") -> dict[str, Any]:
    """A membership as a row with the keys the core commands render."""
    curated = m.data == "curated" and atlas is not None
    known = atlas is not None and m.state in atlas.states
    name = atlas.state_name(m.state, lang) if known else m.state_name  # COW's English name
    org_name = atlas.org_name(m.org, lang, short=True) if curated else \
        (world.cow_orgs.get(m.org, {}).get("name") or m.org)
    return {
        "org": m.org, "org_name": org_name, "state": m.state or world._states.get(m.ccode, ("",))[0] or str(m.ccode),
        "name": name, "status": m.status, "since": str(m.since), "since_precision": m.since.precision,
        "until": str(m.until) if m.until else None, "certain": m.certain,
        "event": "cow" if m.data == "cow" else "", "sources": list(m.sources), "data": m.data,
        "ccode": m.ccode,
    }


def members_rows(org: str, on: object, atlas: Any, db: str | Path | None = None, lang: str = "en",
                 original: QueryError | None = None) -> list[dict[str, Any]]:
    """Members of an imported COW organization (year precision), as rows."""
    world = open_world(atlas, db)
    if world is None:
        if original is not None:
            raise original
        raise BlocmapError("no world store: run 'blocmap import cow STATE_YEAR_CSV' first")
    # Unknown to both: the world's message, whose suggestions cover COW's ids and blocmap's.
    with world:
        return [row(world, m, atlas, lang) for m in world.members(org, on=on)]


def memberships_rows(state: str, on: object, atlas: Any, db: str | Path | None = None,
                     lang: str = "en") -> list[dict[str, Any]]:
    """Every organization of ``state`` on a day: curated ones from the atlas's spells, the
    others from COW (only up to COW's last year)."""
    world = open_world(atlas, db)
    if world is None:
        raise BlocmapError("no world store: run 'blocmap import cow STATE_YEAR_CSV' first")
    with world:
        return [row(world, m, atlas, lang) for m in world.memberships(state, on=on)]
