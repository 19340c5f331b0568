"""The keys each data file may use, at every level: a misspelt key is an error, never dropped data.

A schema is a ``Keys``: the keys allowed in a mapping, and for some of them the schema of the
value (a mapping, or each entry of a list).  ``unknown_keys`` walks a file's data against its
schema and yields (line, text) for every key that is not allowed, with a suggestion.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from blocmap.core.messages import Hints, Text
from blocmap.core.model import LANGS


@dataclass(frozen=True)
class Keys:
    allowed: tuple[str, ...]
    #: schemas of values that are mappings (or lists of mappings), by key
    inner: Mapping[str, "Keys"] = field(default_factory=dict)
    #: what the mapping is, in messages: a ``schema.*`` key of the translation table ("in an event")
    what: str = ""


NAME_SOURCES = Keys(LANGS, what="schema.name_sources")

SOURCE = Keys(("key", "title", "title_tr", "lang", "url", "publisher", "year", "kind", "official", "seen_at", "note"),
              what="schema.source")
CITE = Keys(("source", "quote", "at", "read"), what="schema.cite")
FORMER_NAME = Keys(("until", "names", "acronyms", "source", "quote"), what="schema.former_name")
STATE = Keys(("iso3", "iso2", "cow", "exists", "names", "note", "former_names"), {
    "former_names": FORMER_NAME,
    "cow": Keys(("code", "abb", "from", "to"), what="schema.cow"),
    "exists": Keys(("from", "to", "source", "note"), what="schema.exists"),
}, what="schema.state")
EVENT = Keys(("date", "state", "event", "status", "source", "sources", "cite", "note", "dispute", "title",
              "evidence_gap"),
             {"cite": CITE}, what="schema.event")
DISPUTE = Keys(("id", "state", "topic", "claims", "preferred", "note"),
               {"claims": Keys(("value", "sources", "note"), what="schema.claim")}, what="schema.dispute")
TREATY = Keys(("name", "signed", "place", "in_force", "source"), what="schema.treaty")
SUCCESSION = Keys(("org", "date", "source"), what="schema.succession")
ORG = Keys(("id", "kind", "names", "acronyms", "name_sources", "founded", "dissolved", "founding_treaty", "seat",
            "seat_source", "predecessors", "successors", "continues_in", "cow_id", "aliases", "sources", "note",
            "events", "disputes", "former_names"),
           {"founding_treaty": TREATY, "former_names": FORMER_NAME, "events": EVENT, "disputes": DISPUTE, "name_sources": NAME_SOURCES,
            "continues_in": SUCCESSION},
           what="schema.org")
ORGAN = Keys(("org", "id", "level", "names", "composition", "meets", "decision_rule", "seat", "term_of_office",
              "established", "rule_since", "sources", "dispute", "zh_rendering"), what="schema.organ")
DEPTH = Keys(("org", "dimension", "value", "detail", "since", "sources"), what="schema.depth")

#: Schema of each file (the top level of list files is the schema of each entry).
FILES: Mapping[str, Keys] = {"sources.yaml": SOURCE, "states.yaml": STATE, "organs.yaml": ORGAN,
                             "depth.yaml": DEPTH, "orgs/*.yaml": ORG}


def schema_for(name: str) -> Keys | None:
    """The schema of a data file by its name relative to the data folder (``orgs/csto.yaml``)."""
    if name.startswith("orgs/") and name.endswith(".yaml") and name.count("/") == 1:
        return FILES["orgs/*.yaml"]
    return FILES.get(name)


def did_you_mean(given: str, allowed: tuple[str, ...]) -> Hints:
    return Hints(difflib.get_close_matches(given, allowed, n=1, cutoff=0.6))


def unknown_keys(data: Any, schema: Keys) -> Iterator[tuple[int | None, Text]]:
    """(line, text) for each key of ``data`` (a mapping, or a list of them) that ``schema`` does not allow."""
    if isinstance(data, list):
        for item in data:
            yield from unknown_keys(item, schema)
        return
    if not isinstance(data, dict):
        return
    key_lines = getattr(data, "key_lines", {})
    for key, value in data.items():
        line = key_lines.get(key, getattr(data, "line", None))
        if key not in schema.allowed:
            shown = str(key) if len(str(key)) <= 40 else str(key)[:40] + "…"
            where = Text(schema.what) if schema.what else ""
            yield line, Text("data.unknown_key", {"key": shown, "where": where,
                                                  "hint": did_you_mean(str(key), schema.allowed)})
        elif key in schema.inner:
            yield from unknown_keys(value, schema.inner[key])
