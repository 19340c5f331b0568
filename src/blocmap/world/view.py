"""The atlas and the imported world as one object for the figures: curated organizations
answer from the atlas, imported COW organizations from the world store (year precision,
to 2014).  It offers the calls ``figures.adapter`` and ``figures.api`` make — ``org``,
``members``, ``spells_of``, ``state_name``, ``org_name`` — and nothing else.

States of imported organizations are keyed by ISO alpha-3 (``world/iso.py``) and by their COW
abbreviation where a state has no code; those outside blocmap's states list keep COW's English
names.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from ..errors import QueryError


@dataclass(frozen=True)
class _Relation:
    state: str
    status: str
    sources: tuple[str, ...]


class AtlasWithWorld:
    def __init__(self, atlas: Any, world: Any):
        self.atlas = atlas
        self.world = world
        self._names: dict[str, str] = {}

    def org(self, name: str, parameter: str = "org") -> Any:
        try:
            return self.atlas.org(name, parameter)
        except QueryError:
            return SimpleNamespace(id=self.world.org(name, parameter))

    def members(self, org: str, on: Any) -> list[Any]:
        if org in self.atlas.orgs:
            return self.atlas.members(org, on=on)
        found = []
        for m in self.world.members(org, on=on):
            key = m.state or self.world._states.get(m.ccode, (str(m.ccode),))[0]
            self._names[key] = m.state_name
            found.append(_Relation(key, m.status, tuple(m.sources)))
        return found

    def spells_of(self, org: str | None = None, state: str | None = None) -> list[Any]:
        """Curated spells (former members are drawn outside); none for COW's year spells."""
        return self.atlas.spells_of(org=org, state=state) if org in self.atlas.orgs else []

    def state_name(self, state: str, lang: str = "en") -> str:
        if state in self.atlas.states:
            return self.atlas.state_name(state, lang)
        return self._names.get(state, state)

    def org_name(self, org: str, lang: str = "en", short: bool = False) -> str:
        if org in self.atlas.orgs:
            return self.atlas.org_name(org, lang, short)
        cow = self.world.cow_orgs.get(org, {})
        return (cow.get("cow_id") or org).upper() if short else (cow.get("name") or org)


def with_world(atlas: Any, orgs: str | None, db: Any = None) -> Any:
    """``atlas`` itself, or the atlas joined with the world store when ``orgs`` names an
    organization blocmap does not curate and a store has been imported."""
    if not orgs:
        return atlas
    names = [part.strip().partition("@")[0] for part in orgs.split(",") if part.strip()]
    missing = []
    for name in names:
        try:
            atlas.org(name)
        except QueryError:
            missing.append(name)
    if not missing:
        return atlas
    from .store import resolve_db

    if not resolve_db(db).exists():
        return atlas  # the figure's own "unknown organization" error follows
    from .curated import Curated
    from .world import World

    return AtlasWithWorld(atlas, World(db, curated=Curated.from_atlas(atlas)))
