"""Read and validate a data folder; every problem names its file and line.

Layout of a data folder::

    sources.yaml        the bibliography (list of sources)
    states.yaml         the states (list)
    orgs/<id>.yaml      one organization each: metadata, events, disputes

``load_folder`` returns the raw records and a list of problems; ``check`` in
``validate.py`` adds the consistency rules that need the whole picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .dates import PartialDate, parse_partial
from .errors import Problem
from .model import (EVENT_KINDS, KINDS, LANGS, STATUS_EVENTS, STATUSES, Claim, CowCode, Dispute,
                    Event, Organization, Period, Source, State, Treaty)

BUNDLED = Path(__file__).parent / "data"


# libyaml's parser where it is installed (about ten times faster), the pure-Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader whose mappings remember the line they start on."""


class LineDict(dict):
    line: int = 0


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text: one date parser (blocmap.dates) reads them all, partial or not.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Raw:
    """What a folder holds, before the rules that need everything at once."""

    folder: Path
    sources: dict[str, Source] = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source_refs: list[tuple[str, str, int, str]] = field(default_factory=list)  # (key, file, line, what)


class _Reader:
    """Field access that records a problem (file:line) instead of raising."""

    def __init__(self, raw: Raw, file: str):
        self.raw = raw
        self.file = file

    def problem(self, line: int | None, message: str) -> None:
        self.raw.problems.append(Problem(self.file, line, message))

    def text(self, node: LineDict, key: str, required: bool = False) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, f"missing '{key}'")
            return None
        if isinstance(value, (dict, list)):
            self.problem(node.line, f"'{key}' must be text")
            return None
        if isinstance(value, bool):  # YAML 1.1 reads NO, yes, off … as booleans (Norway's 'NO')
            self.problem(node.line, f"'{key}' was read as {str(value).lower()}: put the text in quotes")
            return None
        return str(value)

    def date(self, node: LineDict, key: str, required: bool = False) -> PartialDate | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, f"missing '{key}'")
            return None
        try:
            return parse_partial(value)
        except ValueError as exc:
            self.problem(node.line, f"{key}: {exc}")
            return None

    def keys(self, node: LineDict, key: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.problem(node.line, f"'{key}' must be a key or a list of keys")
        return ()

    def cite(self, keys: tuple[str, ...], line: int, what: str) -> None:
        for key in keys:
            self.raw.source_refs.append((key, self.file, line, what))

    def langs(self, node: LineDict, key: str, required: bool = False) -> dict[str, Any]:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, f"missing '{key}'")
            return {}
        if not isinstance(value, dict):
            self.problem(node.line, f"'{key}' must map languages ({', '.join(LANGS)}) to text")
            return {}
        unknown = sorted(set(value) - set(LANGS))
        if unknown:
            self.problem(value.line if isinstance(value, LineDict) else node.line,
                         f"'{key}' has unknown language(s) {', '.join(unknown)}; use {', '.join(LANGS)}")
        return {k: v for k, v in value.items() if k in LANGS}


def _read_yaml(path: Path, raw: Raw) -> Any:
    name = path.name if path.parent == raw.folder else f"{path.parent.name}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raw.problems.append(Problem(name, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return None
    except OSError as exc:
        raw.problems.append(Problem(name, None, f"cannot read: {exc.strerror}"))
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raw.problems.append(Problem(name, mark.line + 1 if mark else None,
                                    f"YAML syntax: {exc.problem or exc}"))
        return None


def _rel(raw: Raw, path: Path) -> str:
    return str(path.relative_to(raw.folder))


def _list_of_maps(reader: _Reader, data: Any, what: str) -> list[LineDict]:
    if data is None:
        return []
    if not isinstance(data, list):
        reader.problem(getattr(data, "line", None), f"expected a list of {what}")
        return []
    items = []
    for item in data:
        if isinstance(item, LineDict):
            items.append(item)
        else:
            reader.problem(None, f"every entry of the {what} list must be a mapping, not {item!r}")
    return items


def _list_file(raw: Raw, name: str, what: str) -> tuple[_Reader, list[LineDict]]:
    """The entries of a top-level list file (sources.yaml, states.yaml), or a problem if it is missing."""
    path = raw.folder / name
    reader = _Reader(raw, _rel(raw, path))
    if not path.exists():
        reader.problem(None, f"missing file (the {what})")
        return reader, []
    return reader, _list_of_maps(reader, _read_yaml(path, raw), what)


def _read_sources(raw: Raw) -> None:
    reader, nodes = _list_file(raw, "sources.yaml", "sources")
    for node in nodes:
        key = reader.text(node, "key", required=True)
        title = reader.text(node, "title", required=True)
        if key is None or title is None:
            continue
        if key in raw.sources:
            reader.problem(node.line, f"duplicate source key '{key}'")
            continue
        raw.sources[key] = Source(
            key=key, title=title, url=reader.text(node, "url"), publisher=reader.text(node, "publisher"),
            year=reader.text(node, "year"), kind=reader.text(node, "kind") or "web",
            official=bool(node.get("official", False)), seen_at=reader.text(node, "seen_at"),
            note=reader.text(node, "note"))


def _read_states(raw: Raw) -> None:
    reader, nodes = _list_file(raw, "states.yaml", "states")
    for node in nodes:
        iso3 = reader.text(node, "iso3", required=True)
        if iso3 is None:
            continue
        if len(iso3) != 3 or not iso3.isalpha() or not iso3.isupper():
            reader.problem(node.line, f"iso3 '{iso3}' must be three capital letters")
            continue
        if iso3 in raw.states:
            reader.problem(node.line, f"duplicate state '{iso3}'")
            continue
        cows = []
        for code in _list_of_maps(reader, node.get("cow"), "COW codes"):
            number = code.get("code")
            if not isinstance(number, int):
                reader.problem(code.line, "COW 'code' must be a whole number")
                continue
            cows.append(CowCode(number, reader.text(code, "abb", required=True) or "",
                                reader.date(code, "from"), reader.date(code, "to")))
        periods = []
        for period in _list_of_maps(reader, node.get("exists"), "existence periods"):
            source = reader.text(period, "source", required=True)
            if source:
                reader.cite((source,), period.line, f"existence of {iso3}")
            periods.append(Period(reader.date(period, "from"), reader.date(period, "to"), source,
                                  reader.text(period, "note")))
        if not periods:
            reader.problem(node.line, f"state {iso3} has no existence period ('exists')")
        raw.states[iso3] = State(iso3, reader.text(node, "iso2"), tuple(cows), tuple(periods),
                                 reader.langs(node, "names"), reader.text(node, "note"))


def _read_event(reader: _Reader, org: str, node: LineDict) -> Event | None:
    date = reader.date(node, "date", required=True)
    kind = reader.text(node, "event", required=True)
    state = reader.text(node, "state")
    status = reader.text(node, "status")
    sources = reader.keys(node, "source") or reader.keys(node, "sources")
    ok = date is not None and kind is not None
    if kind is not None and kind not in EVENT_KINDS:
        reader.problem(node.line, f"unknown event '{kind}'; use one of {', '.join(sorted(EVENT_KINDS))}")
        ok = False
    if status is not None and status not in STATUSES:
        reader.problem(node.line, f"unknown status '{status}'; use one of {', '.join(STATUSES)}")
        ok = False
    if not sources:
        reader.problem(node.line, "event has no source: every event cites a key of sources.yaml")
        ok = False
    if state is not None and state != state.upper():
        reader.problem(node.line, f"state '{state}' must be an ISO alpha-3 code in capitals")
        ok = False
    if not ok:
        return None
    if status is None and kind in STATUS_EVENTS:
        status = STATUS_EVENTS[kind]
    if state is None and status is not None:
        reader.problem(node.line, "an event of the organization itself (no 'state') cannot lead to a status")
        return None
    reader.cite(sources, node.line, "event")
    return Event(org, state, date, kind, status, sources, reader.text(node, "note"),  # type: ignore[arg-type]
                 reader.text(node, "dispute"), reader.file, node.line, reader.langs(node, "title"))


def _read_dispute(reader: _Reader, org: str, node: LineDict) -> Dispute | None:
    id_ = reader.text(node, "id", required=True)
    topic = reader.text(node, "topic", required=True)
    claims = []
    for claim in _list_of_maps(reader, node.get("claims"), "claims"):
        value = reader.text(claim, "value", required=True)
        sources = reader.keys(claim, "sources")
        note = reader.text(claim, "note")
        if not sources and not note:
            reader.problem(claim.line, "a claim needs sources, or a note saying why it has none")
        reader.cite(sources, claim.line, "claim")
        if value is not None:
            claims.append(Claim(value, sources, note))
    if len(claims) < 2:
        reader.problem(node.line, "a dispute needs at least two claims")
    preferred = reader.text(node, "preferred")
    if preferred is not None and preferred not in {c.value for c in claims}:
        reader.problem(node.line, f"preferred '{preferred}' is not one of the claims")
    if id_ is None or topic is None:
        return None
    return Dispute(id_, org, reader.text(node, "state"), topic, tuple(claims), preferred,
                   reader.text(node, "note"), reader.file, node.line)


def _read_org(raw: Raw, path: Path) -> None:
    reader = _Reader(raw, _rel(raw, path))
    data = _read_yaml(path, raw)
    if data is None:
        return
    if not isinstance(data, LineDict):
        reader.problem(None, "an organization file must be a mapping (id, names, events …)")
        return
    org_id = reader.text(data, "id", required=True)
    if org_id is None:
        return
    if org_id != path.stem:
        reader.problem(data.line, f"id '{org_id}' does not match the file name '{path.stem}'")
    if org_id in raw.orgs:
        reader.problem(data.line, f"duplicate organization '{org_id}'")
        return
    kind = reader.text(data, "kind", required=True)
    if kind is not None and kind not in KINDS:
        reader.problem(data.line, f"kind '{kind}' must be one of {', '.join(KINDS)}")
    names = reader.langs(data, "names", required=True)
    if "en" not in names:
        reader.problem(data.line, "names needs at least 'en'")
    treaty = None
    if isinstance(data.get("founding_treaty"), LineDict):
        t = data["founding_treaty"]
        treaty = Treaty(reader.text(t, "name", required=True) or "", reader.date(t, "signed"),
                        reader.text(t, "place"), reader.date(t, "in_force"), reader.text(t, "source"))
        if treaty.source:
            reader.cite((treaty.source,), t.line, "founding treaty")
    name_sources = {lang: reader.keys(data.get("name_sources") or LineDict(), lang) for lang in LANGS}
    for keys in name_sources.values():
        reader.cite(keys, data.line, "name")
    sources = reader.keys(data, "sources")
    reader.cite(sources, data.line, "organization")
    seat_source = reader.text(data, "seat_source")
    if seat_source:
        reader.cite((seat_source,), data.line, "seat")
    raw.orgs[org_id] = Organization(
        id=org_id, names=names, acronyms=reader.langs(data, "acronyms"), kind=kind or "political",
        founded=reader.date(data, "founded"), dissolved=reader.date(data, "dissolved"),
        founding_treaty=treaty, seat=reader.text(data, "seat"),
        predecessors=reader.keys(data, "predecessors"), successors=reader.keys(data, "successors"),
        aliases=tuple(k for k in (reader.text(data, "cow_id"),) if k and k != org_id) + reader.keys(data, "aliases"),
        sources=sources, name_sources=name_sources, note=reader.text(data, "note"), file=reader.file)
    for node in _list_of_maps(reader, data.get("events"), "events"):
        event = _read_event(reader, org_id, node)
        if event is not None:
            raw.events.append(event)
    for node in _list_of_maps(reader, data.get("disputes"), "disputes"):
        dispute = _read_dispute(reader, org_id, node)
        if dispute is not None:
            raw.disputes.append(dispute)


def load_folder(folder: Path | str | None = None) -> Raw:
    """Read every file of a data folder; problems are collected, not raised."""
    raw = Raw(Path(folder) if folder is not None else BUNDLED)
    if not raw.folder.is_dir():
        raw.problems.append(Problem(str(raw.folder), None, "no such data folder"))
        return raw
    _read_sources(raw)
    _read_states(raw)
    org_dir = raw.folder / "orgs"
    files = sorted(org_dir.glob("*.yaml")) if org_dir.is_dir() else []
    if not files:
        raw.problems.append(Problem("orgs/", None, "no organization files (orgs/<id>.yaml)"))
    for path in files:
        _read_org(raw, path)
    return raw

