"""The organs of the organizations (``data/organs.yaml``): composition, meetings, decision rule, seat, terms.

Read and validated like the other data files: every problem names the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

from typing import TYPE_CHECKING

from blocmap.core.dates import PartialDate
from blocmap.core.errors import QueryError
from blocmap.core.loader import Raw, list_of_maps, read_yaml, Reader
from blocmap.core.messages import Text
from blocmap.core.model import Texts, Translated

if TYPE_CHECKING:  # pragma: no cover
    from blocmap.core.atlas import Atlas

LEVELS = ("highest", "intergovernmental", "executive", "judicial", "parliamentary", "secretariat", "sectoral")
FIELDS = ("composition", "meets", "decision_rule", "seat", "term_of_office", "established")


@dataclass(frozen=True)
class Organ(Translated):
    org: str
    id: str
    names: Mapping[str, str]
    level: str
    composition: str | None
    meets: str | None
    decision_rule: str | None
    seat: str | None
    term_of_office: str | None
    established: str | None
    sources: tuple[str, ...]
    dispute: str | None = None
    zh_rendering: bool = False  # the Chinese name is blocmap's rendering, not found in a Chinese source
    #: the first day the decision rule as written holds (the act that made it in force), where the sources date it
    rule_since: PartialDate | None = None
    line: int = 0
    #: the ``FIELDS`` in every language given (``text("composition", lang)``)
    texts: Texts = field(default_factory=dict)


def read_organs(raw: Raw) -> list[Organ]:
    """Read ``organs.yaml`` of a data folder; problems go to ``raw.problems``, source keys to ``raw.source_refs``."""
    path = raw.folder / "organs.yaml"
    if not path.exists():
        return []
    reader = Reader(raw, "organs.yaml")
    organs: list[Organ] = []
    seen: dict[tuple[str, str], int] = {}
    for node in list_of_maps(reader, read_yaml(path, raw), "what.organs"):
        org, organ_id = reader.text(node, "org", required=True), reader.text(node, "id", required=True)
        level = reader.text(node, "level", required=True)
        names = reader.langs(node, "names", required=True)
        sources = reader.keys(node, "sources")
        if not sources:
            reader.problem(node.line, "data.organ_sources")
        if level is not None and level not in LEVELS:
            reader.problem(node.line, "data.level", value=level, choices=list(LEVELS))
        if names and "en" not in names:
            reader.problem(node.line, "data.names_need_en")
        if org is None or organ_id is None:
            continue
        if org not in raw.orgs:
            reader.problem(node.line, "data.unknown_org", org=org)
        if (org, organ_id) in seen:
            reader.problem(node.line, "data.duplicate_organ", org=org, id=organ_id, first=seen[(org, organ_id)])
            continue
        seen[(org, organ_id)] = node.line
        reader.cite(sources, node.line, Text("cite.organ", {"org": org, "id": organ_id}))
        texts = {f: reader.translated(node, f) for f in FIELDS}
        organs.append(Organ(org, organ_id, names, level or "sectoral",
                            *(texts[f][0] for f in FIELDS), sources=sources,
                            dispute=reader.text(node, "dispute"), zh_rendering=bool(node.get("zh_rendering", False)),
                            rule_since=reader.date(node, "rule_since"), line=node.line, texts={f: by_lang for f, (_, by_lang) in texts.items() if by_lang}))
    disputes = {d.id for d in raw.disputes}
    for organ in organs:
        if organ.dispute and raw.disputes and organ.dispute not in disputes:
            reader.problem(organ.line, "data.unknown_dispute", id=organ.dispute)
    return organs


@lru_cache(maxsize=4)
def _read(atlas: "Atlas") -> tuple[Organ, ...]:
    from blocmap.core.validate import load_feature_file

    return load_feature_file(atlas, "organs.yaml", read_organs)


def organs(atlas: "Atlas", org: str | None = None) -> list[Organ]:
    """The organs of ``org`` (any name of an organization of ``atlas``), or of every
    organization, in file order; read from the atlas's own data folder."""
    every = _read(atlas)
    if org is None:
        return list(every)
    known = sorted({o.org for o in every})
    wanted = org.strip().lower()
    if wanted not in known:
        resolved = atlas.org(org).id  # unknown names raise 'did you mean'
        if resolved not in known:
            raise QueryError.of("err.organs.none", "org", org=resolved, known=list(known))
        wanted = resolved
    return [o for o in every if o.org == wanted]


def organ_record(organ: Organ, lang: str = "en") -> dict[str, Any]:
    """A plain record (pandas-friendly) of an organ, with its name and texts in ``lang``."""
    return {"org": organ.org, "id": organ.id, "name": organ.names.get(lang) or organ.names["en"],
            "names": dict(organ.names), "level": organ.level,
            **{f: organ.text(f, lang) for f in FIELDS},
            "rule_since": str(organ.rule_since) if organ.rule_since else None,
            "sources": list(organ.sources), "dispute": organ.dispute, "zh_rendering": organ.zh_rendering}
