"""Read and validate a data folder; every problem names its file and line.

Layout of a data folder::

    sources.yaml        the bibliography (list of sources)
    states.yaml         the states (list)
    orgs/<id>.yaml      one organization each: metadata, events, disputes

``load_folder`` returns the raw records and a list of problems; ``check`` in
``validate.py`` adds the consistency rules that need the whole picture.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from blocmap.core.dates import PartialDate, parse_partial
from blocmap.core.errors import DateError, Problem, cut, suggest
from blocmap.core.messages import Hints, Text
from blocmap.core.model import (
    EVENT_KINDS,
    KINDS,
    LANGS,
    STATUS_EVENTS,
    STATUSES,
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
from blocmap.core.citemarks import keys_in
from blocmap.core.schema import schema_for, unknown_keys

BUNDLED = Path(__file__).parents[1] / "data"


# libyaml's parser where it is installed (about ten times faster), the pure-Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Limits of a data file: the largest bundled file is about 80 KB and 6 levels deep.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: what a source may be (``kind`` in sources.yaml)
SOURCE_KINDS = ("official", "news", "scholarly", "article", "book", "dataset", "reference", "web")
#: problems kept per file and reader; the rest are counted ("… and N more in FILE")
MAX_PROBLEMS_PER_FILE = 50
MAX_DEPTH = 20


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader; ``_build`` turns its nodes into values (mappings remember their lines)."""


class LineDict(dict):
    line: int = 0
    key_lines: dict = {}


class LineList(list):
    """A YAML sequence that remembers its line and each entry's line (a problem with an entry names it)."""

    line: int = 0
    item_lines: list = []


# Dates stay text: one date parser (blocmap.core.dates) reads them all, partial or not.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_MAP_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))


class Refused(Exception):
    """A data file that is read no further: (line, what is wrong)."""

    def __init__(self, line: int | None, key: str, /, **values: Any):
        self.line, self.text = line, Text(key, values)
        super().__init__(self.text.render("en"))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _build(loader: _LineLoader, node: yaml.Node, duplicates: list, depth: int = 1) -> Any:
    """The value of a composed node: plain dicts (``LineDict``), lists and scalars, nothing else.

    Refuses what a data file never needs and an attacker would: nesting deeper than
    ``MAX_DEPTH`` and tags other than the plain ones.  A key repeated in a mapping is added to
    ``duplicates`` as (line, message); the first value is kept, so the rest of the file is checked."""
    if depth > MAX_DEPTH:
        raise Refused(_line(node), "data.too_deep", depth=MAX_DEPTH)
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            raise Refused(_line(node), "data.tag", tag=cut(node.tag, 60))
        try:
            return loader.construct_object(node)
        except ValueError as exc:  # a number of 5,000 digits: Python refuses to convert it
            raise Refused(_line(node), "data.bad_value", why=cut(str(exc), 140)) from None
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            raise Refused(_line(node), "data.tag", tag=cut(node.tag, 60))
        items = LineList(_build(loader, item, duplicates, depth + 1) for item in node.value)
        items.line, items.item_lines = _line(node), [_line(item) for item in node.value]
        return items
    if node.tag != _MAP_TAG:
        raise Refused(_line(node), "data.tag", tag=cut(node.tag, 60))
    mapping = LineDict()
    mapping.line = _line(node)
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise Refused(_line(key_node), "data.key_not_text")
        key = key_node.value  # a key is its text: 'no:' or '1:' are keys, not false or 1
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise Refused(_line(key_node), "data.merge_key")
        if key in mapping.key_lines:
            duplicates.append((_line(key_node), Text("data.duplicate_key", {"key": cut(str(key), 60),
                                                                            "first": mapping.key_lines[key]})))
            _build(loader, value_node, duplicates, depth + 1)  # checked all the same
            continue
        mapping.key_lines[key] = _line(key_node)
        mapping[key] = _build(loader, value_node, duplicates, depth + 1)
    return mapping


def _refuse_anchors(text: str) -> None:
    """Anchors and aliases (``&a`` / ``*a``) are how a 1 KB file expands to gigabytes; none allowed."""
    if "&" not in text and "*" not in text:  # the common case: nothing to scan
        return
    for token in yaml.scan(text, Loader=_BaseLoader):
        if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
            sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
            raise Refused(token.start_mark.line + 1, "data.anchor", found=sign + cut(str(token.value), 40))


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
    source_refs: list[tuple[str, str, int, Text]] = field(default_factory=list)  # (key, file, line, what)
    source_lines: dict[str, int] = field(default_factory=dict)  # each source's line in sources.yaml
    #: problems of a file past ``MAX_PROBLEMS_PER_FILE``: counted, not kept
    dropped: dict[str, int] = field(default_factory=dict)
    #: every reader-facing text read: (file, line, field, languages given, English text), for
    #: ``validate.check_languages``
    text_refs: list[tuple[str, int | None, str, tuple[str, ...], str]] = field(default_factory=list)
    #: problems found in all, when ``validate.check`` lists only the first ``MAX_PROBLEMS``
    total_problems: int = 0


class Reader:
    """Field access that records a problem (file:line) instead of raising."""

    def __init__(self, raw: Raw, file: str):
        self.raw = raw
        self.file = file

    def problem(self, line: int | None, key: str, /, **values: Any) -> None:
        """A problem of this file at ``line``: a key of the translation table and its values.
        Past ``MAX_PROBLEMS_PER_FILE`` in one file, problems are only counted (a file of a
        million broken entries costs no more memory than one of a hundred)."""
        kept = self._kept = getattr(self, "_kept", 0) + 1
        if kept > MAX_PROBLEMS_PER_FILE:
            self.raw.dropped[self.file] = self.raw.dropped.get(self.file, 0) + 1
            return
        self.raw.problems.append(Problem.of(self.file, line, key, **values))

    @staticmethod
    def line_of(node: LineDict, key: str) -> int | None:
        """The line of ``key`` in ``node`` (a wrong value is named where it is written), else the node's."""
        return getattr(node, "key_lines", {}).get(key, node.line)

    def text(self, node: LineDict, key: str, required: bool = False) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, "data.missing_key", key=key)
            return None
        if isinstance(value, (dict, list)):
            self.problem(self.line_of(node, key), "data.must_be_text", key=key)
            return None
        if isinstance(value, bool):  # YAML 1.1 reads NO, yes, off … as booleans (Norway's 'NO')
            self.problem(self.line_of(node, key), "data.read_as_bool", key=key, value=str(value).lower())
            return None
        return str(value)

    def translated(self, node: LineDict, key: str, required: bool = False,
                   field: str | None = None) -> tuple[str | None, dict[str, str]]:
        """A reader-facing text: plain text (English) or a mapping {en, zh-Hant, ru}.

        Gives (the English text, the text by language); records the languages given in
        ``raw.text_refs`` under ``field`` (default ``key``) for the missing-language rule."""
        value = node.get(key)
        line = self.line_of(node, key)
        if not isinstance(value, dict):
            text = self.text(node, key, required)
            if text is None:
                return None, {}
            self.raw.text_refs.append((self.file, line, field or key, ("en",), text))
            return text, {"en": text}
        given = self.langs(node, key)
        by_lang: dict[str, str] = {}
        for lang, text in given.items():
            if text is None:
                continue
            if isinstance(text, (dict, list, bool)):
                self.problem(getattr(value, "key_lines", {}).get(lang, line), "data.lang_must_be_text", key=key, lang=lang)
                continue
            by_lang[lang] = str(text)
        if "en" not in by_lang:
            self.problem(line, "data.needs_en", key=key)
            return None, by_lang
        self.raw.text_refs.append((self.file, line, field or key, tuple(by_lang), by_lang["en"]))
        return by_lang["en"], by_lang

    def date(self, node: LineDict, key: str, required: bool = False) -> PartialDate | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, "data.missing_key", key=key)
            return None
        try:
            return parse_partial(value)
        except DateError as exc:
            self.problem(self.line_of(node, key), "data.date", key=key, reason=exc.text)
            return None

    def keys(self, node: LineDict, key: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.problem(self.line_of(node, key), "data.keys", key=key)
        return ()

    def cite(self, keys: tuple[str, ...], line: int, what: Text) -> None:
        for key in keys:
            self.raw.source_refs.append((key, self.file, line, what))

    def langs(self, node: LineDict, key: str, required: bool = False) -> dict[str, Any]:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(node.line, "data.missing_key", key=key)
            return {}
        if not isinstance(value, dict):
            self.problem(self.line_of(node, key), "data.langs", key=key, langs=list(LANGS))
            return {}
        unknown = sorted(str(k) for k in set(value) - set(LANGS))
        if unknown:
            hints = suggest(unknown[0], LANGS, limit=1) if len(unknown) == 1 else []
            lines = getattr(value, "key_lines", {})
            self.problem(lines.get(unknown[0], getattr(value, "line", node.line)), "data.unknown_langs",
                         key=key, given=unknown, langs=list(LANGS), hint=Hints(hints))
        return {k: v for k, v in value.items() if k in LANGS}


def kind_of_file(mode: int) -> Text | None:
    """What a path is when it is not a regular file ('a FIFO', 'a device' …), else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Text("file.folder")
    if stat.S_ISFIFO(mode):
        return Text("file.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Text("file.device")
    if stat.S_ISSOCK(mode):
        return Text("file.socket")
    return Text("file.other")


def read_bounded_text(path: Path) -> str:
    """The UTF-8 text of a regular file of at most ``MAX_FILE_BYTES``; ``Refused`` otherwise.

    A FIFO or a device (also behind a symlink) is refused from its ``stat``, before any open;
    the open itself does not block, and the file is checked again once open."""
    try:
        kind = kind_of_file(os.stat(path).st_mode)
    except OSError as exc:
        raise Refused(None, "data.cannot_read", why=exc.strerror) from None
    if kind is not None:
        raise Refused(None, "data.not_regular", kind=kind)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise Refused(None, "data.cannot_read", why=exc.strerror) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        kind = kind_of_file(info.st_mode)
        if kind is not None:
            raise Refused(None, "data.not_regular", kind=kind)
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        size = max(info.st_size, len(data))
        raise Refused(None, "data.too_big", size=f"{size / 1048576:.1f}", limit=MAX_FILE_BYTES // 1048576)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(None, "data.not_utf8", why=exc.reason, at=exc.start) from None


def parse_yaml(text: str, duplicates: list | None = None) -> Any:
    """The data of a YAML text under blocmap's rules (``Refused`` or ``yaml.MarkedYAMLError`` otherwise).

    Repeated keys go to ``duplicates`` as (line, message) when it is given, else raise ``Refused``."""
    _refuse_anchors(text)
    loader = _LineLoader(text)
    found: list = []
    try:
        node = loader.get_single_node()
        if node is None:
            raise Refused(None, "data.empty")
        data = _build(loader, node, found)
    finally:
        loader.dispose()
    if duplicates is None and found:
        line, text = found[0]
        raise Refused(line, text.key, **text.values)
    if duplicates is not None:
        duplicates.extend(found)
    return data


def read_yaml(path: Path, raw: Raw) -> Any:
    """A data file's data; every problem (file:line) goes to ``raw.problems`` and gives None.

    Besides YAML syntax, the rules of ``parse_yaml`` and ``read_bounded_text``, and the keys
    of the file's schema (``schema.py``): an unknown key is reported with a suggestion."""
    name = path.name if path.parent == raw.folder else f"{path.parent.name}/{path.name}"
    duplicates: list[tuple[int, Text]] = []
    try:
        data = parse_yaml(read_bounded_text(path), duplicates)
    except Refused as exc:
        raw.problems.append(Problem(name, exc.line, exc.text))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raw.problems.append(Problem.of(name, mark.line + 1 if mark else None, "data.yaml",
                                       why=cut(str(exc.problem or exc))))
        return None
    except yaml.YAMLError as exc:
        raw.problems.append(Problem.of(name, None, "data.yaml", why=cut(str(exc))))
        return None
    raw.problems.extend(Problem(name, line, text) for line, text in duplicates)
    found = schema_for(name)
    if found is not None:
        for line, text in unknown_keys(data, found):
            raw.problems.append(Problem(name, line, text))
    return data


def _rel(raw: Raw, path: Path) -> str:
    return str(path.relative_to(raw.folder))


def list_of_maps(reader: Reader, data: Any, what: str, line: int | None = None) -> list[LineDict]:
    """The entries of a list of mappings; ``what`` names them (a ``what.*`` key: ``what.events``).
    ``line`` is where the list was expected (a single value has no line of its own)."""
    if data is None:
        return []
    if not isinstance(data, list):
        reader.problem(getattr(data, "line", line), "data.list_expected", what=Text(what))
        return []
    items = []
    lines = getattr(data, "item_lines", [])
    for index, item in enumerate(data):
        if isinstance(item, LineDict):
            items.append(item)
        else:
            at = lines[index] if index < len(lines) else getattr(data, "line", line)
            reader.problem(at, "data.list_entry", what=Text(what), value=cut(repr(item), 60))
    return items


def _entries(reader: Reader, node: LineDict, key: str, what: str) -> list[LineDict]:
    """The entries of the list ``node[key]``; a problem with it names the key's line."""
    return list_of_maps(reader, node.get(key), what, Reader.line_of(node, key))


def _list_file(raw: Raw, name: str, what: str) -> tuple[Reader, list[LineDict]]:
    """The entries of a top-level list file (sources.yaml, states.yaml), or a problem if it is missing."""
    path = raw.folder / name
    reader = Reader(raw, _rel(raw, path))
    if not path.exists():
        reader.problem(None, "data.missing_file", what=Text(what))
        return reader, []
    return reader, list_of_maps(reader, read_yaml(path, raw), what)


def _read_sources(raw: Raw) -> None:
    reader, nodes = _list_file(raw, "sources.yaml", "what.sources")
    for node in nodes:
        key = reader.text(node, "key", required=True)
        title = reader.text(node, "title", required=True)
        if key is None or title is None:
            continue
        if key in raw.sources:
            reader.problem(node.line, "data.duplicate_source", key=key)
            continue
        note, notes = reader.translated(node, "note")
        kind = reader.text(node, "kind")
        if kind is not None and kind not in SOURCE_KINDS:
            reader.problem(node.line, "data.source_kind", key=key, given=kind, choices=list(SOURCE_KINDS))
        raw.source_lines[key] = node.line
        raw.sources[key] = Source(
            key=key, title=title, url=reader.text(node, "url"), publisher=reader.text(node, "publisher"),
            year=reader.text(node, "year"), kind=reader.text(node, "kind") or "web",
            official=bool(node.get("official", False)), seen_at=reader.text(node, "seen_at"),
            note=note, texts=_texts(note=notes), lang=reader.text(node, "lang"),
            title_tr={k: str(v) for k, v in reader.langs(node, "title_tr").items() if v})


def _read_states(raw: Raw) -> None:
    reader, nodes = _list_file(raw, "states.yaml", "what.states")
    for node in nodes:
        iso3 = reader.text(node, "iso3", required=True)
        if iso3 is None:
            continue
        if len(iso3) != 3 or not iso3.isalpha() or not iso3.isupper():
            reader.problem(node.line, "data.iso3", value=iso3)
            continue
        if iso3 in raw.states:
            reader.problem(node.line, "data.duplicate_state", state=iso3)
            continue
        cows = []
        for code in _entries(reader, node, "cow", "what.cow_codes"):
            number = code.get("code")
            if not isinstance(number, int):
                reader.problem(code.line, "data.cow_code")
                continue
            cows.append(CowCode(number, reader.text(code, "abb", required=True) or "",
                                reader.date(code, "from"), reader.date(code, "to")))
        periods = []
        for period in _entries(reader, node, "exists", "what.periods"):
            source = reader.text(period, "source", required=True)
            if source:
                reader.cite((source,), period.line, Text("cite.existence", {"state": iso3}))
            periods.append(Period(reader.date(period, "from"), reader.date(period, "to"), source,
                                  reader.text(period, "note")))
        if not periods:
            reader.problem(node.line, "data.no_existence", state=iso3)
        note, notes = reader.translated(node, "note")
        raw.states[iso3] = State(iso3, reader.text(node, "iso2"), tuple(cows), tuple(periods),
                                 reader.langs(node, "names"), note, _texts(note=notes),
                                 _read_former_names(reader, node))


def _texts(**by_field: dict[str, str]) -> dict[str, dict[str, str]]:
    """The ``texts`` of a record: its translated fields that have any text."""
    return {name: by_lang for name, by_lang in by_field.items() if by_lang}


def _read_event(reader: Reader, org: str, node: LineDict) -> Event | None:
    date = reader.date(node, "date", required=True)
    kind = reader.text(node, "event", required=True)
    state = reader.text(node, "state")
    status = reader.text(node, "status")
    sources = reader.keys(node, "source") or reader.keys(node, "sources")
    citations = _read_citations(reader, node)
    if citations and sources:
        reader.problem(node.line, "data.source_and_cite")
    sources = sources or tuple(c.source for c in citations)
    ok = date is not None and kind is not None
    if kind is not None and kind not in EVENT_KINDS:
        reader.problem(node.line, "data.unknown_event", given=kind,
                       choices=suggest(kind, EVENT_KINDS, limit=3) or sorted(EVENT_KINDS))
        ok = False
    if status is not None and status not in STATUSES:
        reader.problem(node.line, "data.unknown_status", given=status, choices=list(STATUSES))
        ok = False
    if not sources:
        reader.problem(node.line, "data.no_source")
        ok = False
    if state is not None and state != state.upper():
        reader.problem(node.line, "data.state_caps", state=state)
        ok = False
    if not ok:
        return None
    if status is None and kind in STATUS_EVENTS:
        status = STATUS_EVENTS[kind]
    if state is None and status is not None:
        reader.problem(node.line, "data.org_event_status")
        return None
    reader.cite(sources, node.line, Text("cite.event"))
    note, notes = reader.translated(node, "note")
    for text in notes.values():
        reader.cite(tuple(keys_in(text)), node.line, Text("cite.event"))
    gap, gaps = reader.translated(node, "evidence_gap")
    return Event(org, state, date, kind, status, sources, note,  # type: ignore[arg-type]
                 reader.text(node, "dispute"), reader.file, node.line, reader.langs(node, "title"),
                 texts=_texts(note=notes, evidence_gap=gaps), citations=citations, evidence_gap=gap)


def _read_citations(reader: Reader, node: LineDict) -> tuple[Citation, ...]:
    """An event's ``cite:`` entries: each a source key with the source's own words."""
    citations = []
    for entry in _entries(reader, node, "cite", "what.cite"):
        key = reader.text(entry, "source", required=True)
        if key is None:
            continue
        read = reader.date(entry, "read")
        citations.append(Citation(key, reader.text(entry, "quote"), reader.text(entry, "at"),
                                  str(read) if read is not None else None))
    return tuple(citations)


def _read_former_names(reader: Reader, node: LineDict) -> tuple[FormerName, ...]:
    """``former_names``: the names an organization or a state bore until a day, oldest first."""
    found: list[FormerName] = []
    for entry in _entries(reader, node, "former_names", "what.former_names"):
        until = reader.date(entry, "until", required=True)
        names = reader.langs(entry, "names", required=True)
        if until is None or not names:
            continue
        if "en" not in names:
            reader.problem(entry.line, "data.names_need_en")
            continue
        if found and until.earliest <= found[-1].until.latest:
            reader.problem(entry.line, "data.former_order")
            continue
        source = reader.text(entry, "source")
        if source:
            reader.cite((source,), entry.line, Text("cite.name"))
        found.append(FormerName(until, {k: str(v) for k, v in names.items() if v},
                                {k: str(v) for k, v in reader.langs(entry, "acronyms").items() if v},
                                source, reader.text(entry, "quote")))
    return tuple(found)


def _read_dispute(reader: Reader, org: str, node: LineDict) -> Dispute | None:
    id_ = reader.text(node, "id", required=True)
    topic, topics = reader.translated(node, "topic", required=True)
    claims = []
    for claim in _entries(reader, node, "claims", "what.claims"):
        value, values = reader.translated(claim, "value", required=True, field="claims.value")
        sources = reader.keys(claim, "sources")
        note, notes = reader.translated(claim, "note", field="claims.note")
        if not sources and not note:
            reader.problem(claim.line, "data.claim_sources")
        reader.cite(sources, claim.line, Text("cite.claim"))
        if value is not None:
            claims.append(Claim(value, sources, note, _texts(value=values, note=notes)))
    if len(claims) < 2:
        reader.problem(node.line, "data.two_claims")
    preferred = reader.text(node, "preferred")
    if preferred is not None and preferred not in {c.value for c in claims}:
        reader.problem(node.line, "data.preferred", value=preferred)
    if id_ is None or topic is None:
        return None
    note, notes = reader.translated(node, "note")
    return Dispute(id_, org, reader.text(node, "state"), topic, tuple(claims), preferred,
                   note, reader.file, node.line, _texts(topic=topics, note=notes))


def _read_org(raw: Raw, path: Path) -> None:
    reader = Reader(raw, _rel(raw, path))
    data = read_yaml(path, raw)
    if data is None:
        return
    if not isinstance(data, LineDict):
        reader.problem(None, "data.org_mapping")
        return
    org_id = reader.text(data, "id", required=True)
    if org_id is None:
        return
    if org_id != path.stem:
        reader.problem(data.line, "data.id_file", id=org_id, name=path.stem)
    if org_id in raw.orgs:
        reader.problem(data.line, "data.duplicate_org", org=org_id)
        return
    kind = reader.text(data, "kind", required=True)
    if kind is not None and kind not in KINDS:
        reader.problem(data.line, "data.kind", value=kind, choices=list(KINDS))
    names = reader.langs(data, "names", required=True)
    if "en" not in names:
        reader.problem(data.line, "data.names_need_en")
    treaty = None
    if isinstance(data.get("founding_treaty"), LineDict):
        t = data["founding_treaty"]
        name, names_ = reader.translated(t, "name", required=True, field="founding_treaty.name")
        place, places = reader.translated(t, "place", field="founding_treaty.place")
        treaty = Treaty(name or "", reader.date(t, "signed"), place, reader.date(t, "in_force"),
                        reader.text(t, "source"), _texts(name=names_, place=places))
        if treaty.source:
            reader.cite((treaty.source,), t.line, Text("cite.treaty"))
    name_sources = {lang: reader.keys(data.get("name_sources") or LineDict(), lang) for lang in LANGS}
    for keys in name_sources.values():
        reader.cite(keys, data.line, Text("cite.name"))
    sources = reader.keys(data, "sources")
    reader.cite(sources, data.line, Text("cite.org"))
    seat_source = reader.text(data, "seat_source")
    if seat_source:
        reader.cite((seat_source,), data.line, Text("cite.seat"))
    seat, seats = reader.translated(data, "seat")
    note, notes = reader.translated(data, "note")
    for text in notes.values():  # a note cites sources as [@key] (core/citemarks.py)
        reader.cite(tuple(keys_in(text)), data.line, Text("cite.org"))
    succession = None
    if isinstance(data.get("continues_in"), LineDict):
        node = data["continues_in"]
        target, day, source = (reader.text(node, "org", required=True), reader.date(node, "date", required=True),
                               reader.text(node, "source", required=True))
        if target and day and source:
            succession = Succession(target, day, source)
            reader.cite((source,), node.line, Text("cite.succession"))
    raw.orgs[org_id] = Organization(
        id=org_id, names=names, acronyms=reader.langs(data, "acronyms"), kind=kind or "political",
        founded=reader.date(data, "founded"), dissolved=reader.date(data, "dissolved"),
        founding_treaty=treaty, seat=seat,
        predecessors=reader.keys(data, "predecessors"), successors=reader.keys(data, "successors"),
        aliases=tuple(k for k in (reader.text(data, "cow_id"),) if k and k != org_id) + reader.keys(data, "aliases"),
        sources=sources, name_sources=name_sources, note=note, file=reader.file,
        continues_in=succession, texts=_texts(note=notes, seat=seats),
        former_names=_read_former_names(reader, data))
    for node in _entries(reader, data, "events", "what.events"):
        event = _read_event(reader, org_id, node)
        if event is not None:
            raw.events.append(event)
    for node in _entries(reader, data, "disputes", "what.disputes"):
        dispute = _read_dispute(reader, org_id, node)
        if dispute is not None:
            raw.disputes.append(dispute)


def load_folder(folder: Path | str | None = None) -> Raw:
    """Read every file of a data folder; problems are collected, not raised."""
    raw = Raw(Path(folder) if folder is not None else BUNDLED)
    if not raw.folder.is_dir():
        raw.problems.append(Problem.of(str(raw.folder), None, "data.no_folder"))
        return raw
    _read_sources(raw)
    _read_states(raw)
    org_dir = raw.folder / "orgs"
    files = sorted(org_dir.glob("*.yaml")) if org_dir.is_dir() else []
    if not files:
        raw.problems.append(Problem.of("orgs/", None, "data.no_org_files"))
    for path in files:
        _read_org(raw, path)
    return raw

