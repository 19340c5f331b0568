"""The loader with answers worked out by hand: a small data folder written in tmp_path whose every
record is known field by field, each kind of bad entry with its exact one-line problem (file, line,
message), the YAML rules (depth, tags, keys, anchors, duplicates) at their limits, and the bounded
reading of a file (size, kind, encoding).  Every folder is read afresh, never the shared atlas, so
the code that builds the records runs under each mutant (docs/mutation.md)."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from blocmap.core import loader
from blocmap.core.dates import parse_partial
from blocmap.core.loader import (
    BUNDLED,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_PROBLEMS_PER_FILE,
    SOURCE_KINDS,
    LineDict,
    Raw,
    Reader,
    Refused,
    kind_of_file,
    list_of_maps,
    load_folder,
    parse_yaml,
    read_bounded_text,
    read_yaml,
)
from blocmap.core.messages import Text
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

D = parse_partial
RU_NOTE = "\u041f\u043e-\u0440\u0443\u0441\u0441\u043a\u0438"  # По-русски
ZH_NOTE = "\u4e2d\u6587"  # 中文

SOURCES = """\
- key: src-a
  title: Treaty text
  url: https://example.org/a
  publisher: Ministry
  year: 1992
  kind: official
  official: true
  seen_at: https://mirror.example.org/a
  lang: ru
  note:
    en: Read in Russian
    ru: "{ru}"
  title_tr:
    en: The treaty
    ru: ""
- key: src-b
  title: News
""".format(ru=RU_NOTE)

STATES = """\
- iso3: AAA
  iso2: AA
  cow:
    - code: 700
      abb: AAA
      from: "1991"
      to: 2000-05
  exists:
    - from: 1991-12-26
      source: src-a
      note: independence
  names:
    en: Aland
    ru: Аланд
  note:
    en: A state
    zh-Hant: "{zh}"
  former_names:
    - until: 1991-12-25
      names:
        en: Old Aland
      acronyms:
        en: OA
      source: src-b
      quote: so called
- iso3: BBB
  exists:
    - from: "1950"
      to: "1999"
      source: src-b
""".format(zh=ZH_NOTE)

ORG = """\
id: one
kind: economic
names:
  en: First Union
  ru: Первый союз
acronyms:
  en: FU
name_sources:
  en: [src-a]
  ru: src-b
founded: 1992-03
dissolved: "2010"
founding_treaty:
  name:
    en: Treaty of One
    ru: Договор
  signed: 1992-02-01
  place: Minsk
  in_force: 1992-03
  source: src-a
seat: Minsk
seat_source: src-b
predecessors: [zero]
successors: two
cow_id: onecow
aliases: [uno, eins]
sources: [src-a, src-b]
note: Cites [@src-b] here
continues_in:
  org: two
  date: "2010"
  source: src-a
former_names:
  - until: "1993"
    names:
      en: Union Zero
    source: src-a
events:
  - date: 1992-03-01
    event: founded
    sources: [src-a]
    title:
      en: Founded
  - date: 1992-03-01
    state: AAA
    event: joined
    source: src-a
    note:
      en: Joined [@src-b]
      ru: "{ru}"
    evidence_gap: unclear day
  - date: 1995
    state: BBB
    event: observer
    status: observer
    cite:
      - source: src-b
        quote: as observer
        at: art. 2
        read: 2020-01-02
      - source: src-a
    dispute: d1
disputes:
  - id: d1
    state: BBB
    topic:
      en: When BBB joined
      ru: Когда
    claims:
      - value: "1995"
        sources: [src-b]
      - value: "1996"
        note: a guess
    preferred: "1995"
    note: open
""".format(ru=RU_NOTE)


def make(tmp_path: Path, sources: str | None = SOURCES, states: str | None = STATES,
         orgs: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "data"
    (folder / "orgs").mkdir(parents=True)
    if sources is not None:
        (folder / "sources.yaml").write_text(sources, encoding="utf-8")
    if states is not None:
        (folder / "states.yaml").write_text(states, encoding="utf-8")
    for name, text in ({"one": ORG} if orgs is None else orgs).items():
        (folder / "orgs" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def said(raw: Raw) -> list[str]:
    return [str(problem) for problem in raw.problems]


def org_file(body: str) -> str:
    """A minimal organization 'x' with ``body`` appended (events, disputes …)."""
    return "id: x\nkind: security\nnames:\n  en: X\n" + body


def problems_of_org(tmp_path: Path, body: str) -> list[str]:
    return said(load_folder(make(tmp_path, orgs={"x": org_file(body)})))


# -- a whole folder, every field ---------------------------------------------------------------------


def test_the_small_folder_reads_with_no_problem(tmp_path):
    raw = load_folder(make(tmp_path))
    assert said(raw) == []
    assert raw.dropped == {} and raw.total_problems == 0
    assert raw.folder == tmp_path / "data"
    assert list(raw.sources) == ["src-a", "src-b"] and list(raw.states) == ["AAA", "BBB"]
    assert list(raw.orgs) == ["one"]
    assert raw.source_lines == {"src-a": 1, "src-b": 16}


def test_every_field_of_a_source(tmp_path):
    raw = load_folder(make(tmp_path))
    assert raw.sources["src-a"] == Source(
        key="src-a", title="Treaty text", url="https://example.org/a", publisher="Ministry", year="1992",
        kind="official", official=True, seen_at="https://mirror.example.org/a", note="Read in Russian",
        texts={"note": {"en": "Read in Russian", "ru": RU_NOTE}}, lang="ru", title_tr={"en": "The treaty"})
    assert raw.sources["src-b"] == Source(key="src-b", title="News", kind="web", official=False, texts={},
                                          title_tr={})
    assert raw.sources["src-b"].url is None and raw.sources["src-b"].note is None


def test_every_field_of_a_state(tmp_path):
    raw = load_folder(make(tmp_path))
    assert raw.states["AAA"] == State(
        "AAA", "AA", (CowCode(700, "AAA", D("1991"), D("2000-05")),),
        (Period(D("1991-12-26"), None, "src-a", "independence"),),
        {"en": "Aland", "ru": "Аланд"}, "A state", {"note": {"en": "A state", "zh-Hant": ZH_NOTE}},
        (FormerName(D("1991-12-25"), {"en": "Old Aland"}, {"en": "OA"}, "src-b", "so called"),))
    assert raw.states["BBB"] == State("BBB", None, (), (Period(D("1950"), D("1999"), "src-b", None),), {}, None, {},
                                      ())


def test_every_field_of_an_organization(tmp_path):
    raw = load_folder(make(tmp_path))
    assert raw.orgs["one"] == Organization(
        id="one", names={"en": "First Union", "ru": "Первый союз"}, acronyms={"en": "FU"}, kind="economic",
        founded=D("1992-03"), dissolved=D("2010"),
        founding_treaty=Treaty("Treaty of One", D("1992-02-01"), "Minsk", D("1992-03"), "src-a",
                               {"name": {"en": "Treaty of One", "ru": "Договор"}, "place": {"en": "Minsk"}}),
        seat="Minsk", predecessors=("zero",), successors=("two",), aliases=("onecow", "uno", "eins"),
        sources=("src-a", "src-b"), name_sources={"en": ("src-a",), "zh-Hant": (), "ru": ("src-b",)},
        note="Cites [@src-b] here", file="orgs/one.yaml", continues_in=Succession("two", D("2010"), "src-a"),
        texts={"note": {"en": "Cites [@src-b] here"}, "seat": {"en": "Minsk"}},
        former_names=(FormerName(D("1993"), {"en": "Union Zero"}, {}, "src-a", None),))


def test_every_field_of_the_events(tmp_path):
    raw = load_folder(make(tmp_path))
    assert raw.events == [
        Event("one", None, D("1992-03-01"), "founded", None, ("src-a",), None, None, "orgs/one.yaml", 39,
              {"en": "Founded"}, texts={}, citations=(), evidence_gap=None),
        Event("one", "AAA", D("1992-03-01"), "joined", "member", ("src-a",), "Joined [@src-b]", None,
              "orgs/one.yaml", 44, {}, texts={"note": {"en": "Joined [@src-b]", "ru": RU_NOTE},
                                             "evidence_gap": {"en": "unclear day"}},
              citations=(), evidence_gap="unclear day"),
        Event("one", "BBB", D("1995"), "observer", "observer", ("src-b", "src-a"), None, "d1", "orgs/one.yaml", 52,
              {}, texts={}, citations=(Citation("src-b", "as observer", "art. 2", "2020-01-02"), Citation("src-a")),
              evidence_gap=None),
    ]


def test_every_field_of_a_dispute(tmp_path):
    raw = load_folder(make(tmp_path))
    assert raw.disputes == [Dispute(
        "d1", "one", "BBB", "When BBB joined",
        (Claim("1995", ("src-b",), None, {"value": {"en": "1995"}}),
         Claim("1996", (), "a guess", {"value": {"en": "1996"}, "note": {"en": "a guess"}})),
        "1995", "open", "orgs/one.yaml", 64, {"topic": {"en": "When BBB joined", "ru": "Когда"},
                                               "note": {"en": "open"}})]


def test_what_each_record_cites_and_where(tmp_path):
    raw = load_folder(make(tmp_path))
    refs = [(key, file, line, what.key, dict(what.values)) for key, file, line, what in raw.source_refs]
    assert refs == [
        ("src-a", "states.yaml", 9, "cite.existence", {"state": "AAA"}),
        ("src-b", "states.yaml", 19, "cite.name", {}),
        ("src-b", "states.yaml", 28, "cite.existence", {"state": "BBB"}),
        ("src-a", "orgs/one.yaml", 14, "cite.treaty", {}),
        ("src-a", "orgs/one.yaml", 1, "cite.name", {}),
        ("src-b", "orgs/one.yaml", 1, "cite.name", {}),
        ("src-a", "orgs/one.yaml", 1, "cite.org", {}),
        ("src-b", "orgs/one.yaml", 1, "cite.org", {}),
        ("src-b", "orgs/one.yaml", 1, "cite.seat", {}),
        ("src-b", "orgs/one.yaml", 1, "cite.org", {}),
        ("src-a", "orgs/one.yaml", 30, "cite.succession", {}),
        ("src-a", "orgs/one.yaml", 34, "cite.name", {}),
        ("src-a", "orgs/one.yaml", 39, "cite.event", {}),
        ("src-a", "orgs/one.yaml", 44, "cite.event", {}),
        ("src-b", "orgs/one.yaml", 44, "cite.event", {}),
        ("src-b", "orgs/one.yaml", 52, "cite.event", {}),
        ("src-a", "orgs/one.yaml", 52, "cite.event", {}),
        ("src-b", "orgs/one.yaml", 70, "cite.claim", {}),
    ]


def test_every_translated_text_is_recorded_with_its_languages(tmp_path):
    raw = load_folder(make(tmp_path))
    assert raw.text_refs == [
        ("sources.yaml", 10, "note", ("en", "ru"), "Read in Russian"),
        ("states.yaml", 15, "note", ("en", "zh-Hant"), "A state"),
        ("orgs/one.yaml", 14, "founding_treaty.name", ("en", "ru"), "Treaty of One"),
        ("orgs/one.yaml", 18, "founding_treaty.place", ("en",), "Minsk"),
        ("orgs/one.yaml", 21, "seat", ("en",), "Minsk"),
        ("orgs/one.yaml", 28, "note", ("en",), "Cites [@src-b] here"),
        ("orgs/one.yaml", 48, "note", ("en", "ru"), "Joined [@src-b]"),
        ("orgs/one.yaml", 51, "evidence_gap", ("en",), "unclear day"),
        ("orgs/one.yaml", 66, "topic", ("en", "ru"), "When BBB joined"),
        ("orgs/one.yaml", 70, "claims.value", ("en",), "1995"),
        ("orgs/one.yaml", 72, "claims.value", ("en",), "1996"),
        ("orgs/one.yaml", 73, "claims.note", ("en",), "a guess"),
        ("orgs/one.yaml", 75, "note", ("en",), "open"),
    ]


def test_the_bundled_folder_read_afresh(tmp_path):
    """The shipped data, read from a copy: its counts today, no problem, and one known record."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(BUNDLED / "orgs", copy / "orgs")
    for name in ("sources.yaml", "states.yaml"):
        shutil.copy2(BUNDLED / name, copy / name)
    raw = load_folder(copy)
    assert said(raw) == []
    assert (len(raw.orgs), len(raw.states), len(raw.sources), len(raw.events), len(raw.disputes)) == \
        (25, 85, 819, 703, 56)
    assert raw.orgs["eurasec"].aliases == ("eaec",)
    assert load_folder().orgs["csto"] == raw.orgs["csto"]  # the default folder is the bundled one


# -- the folder and its files --------------------------------------------------------------------------


def test_a_missing_folder(tmp_path):
    raw = load_folder(tmp_path / "nowhere")
    assert said(raw) == [f"{tmp_path / 'nowhere'}: no such data folder"]
    assert raw.sources == {} and raw.orgs == {}
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert said(load_folder(str(tmp_path / "a-file"))) == [f"{tmp_path / 'a-file'}: no such data folder"]


def test_missing_files_and_no_organization(tmp_path):
    folder = make(tmp_path, sources=None, states=None, orgs={})
    assert said(load_folder(folder)) == ["sources.yaml: missing file (the sources)",
                                         "states.yaml: missing file (the states)",
                                         "orgs/: no organization files (orgs/<id>.yaml)"]
    (folder / "orgs").rmdir()
    assert said(load_folder(folder))[2:] == ["orgs/: no organization files (orgs/<id>.yaml)"]
    (folder / "orgs").mkdir()
    (folder / "orgs" / "x.yml").write_text(org_file(""), encoding="utf-8")  # not *.yaml: not read
    assert said(load_folder(folder))[2:] == ["orgs/: no organization files (orgs/<id>.yaml)"]


def test_organization_files_are_read_in_name_order(tmp_path):
    folder = make(tmp_path, orgs={"b": org_file("").replace("id: x", "id: b"),
                                  "a": org_file("").replace("id: x", "id: a")})
    assert list(load_folder(folder).orgs) == ["a", "b"]


def test_a_list_file_that_is_not_a_list(tmp_path):
    folder = make(tmp_path, sources="key: a\ntitle: b\n", states="- 5\n- iso3: CCC\n  exists: [{from: '1990', source: s}]\n")
    assert said(load_folder(folder)) == ["sources.yaml:1: expected a list of sources",
                                         "states.yaml:1: every entry of the states list must be a mapping, not 5"]


def test_list_of_maps_of_nothing_and_of_text(tmp_path):
    raw = Raw(tmp_path)
    reader = Reader(raw, "f.yaml")
    assert list_of_maps(reader, None, "what.events") == []
    assert list_of_maps(reader, "text", "what.events") == []
    assert said(raw) == ["f.yaml: expected a list of events"]


# -- sources.yaml and states.yaml ------------------------------------------------------------------------


def test_bad_sources(tmp_path):
    sources = ("- key: a\n"                      # 1: no title
               "- title: t\n"                    # 2: no key
               "- key: b\n  title: B\n  kind: blog\n"  # 3
               "- key: b\n  title: again\n"      # 6
               "- key: c\n  title: [x]\n"        # 8
               "- key: d\n  title: NO\n  official: false\n")  # 10
    raw = load_folder(make(tmp_path, sources=sources))
    kinds = ", ".join(SOURCE_KINDS)
    assert said(raw)[:6] == [
        "sources.yaml:1: missing 'title'",
        "sources.yaml:2: missing 'key'",
        f"sources.yaml:3: source 'b': unknown kind 'blog'; use one of {kinds}",
        "sources.yaml:6: duplicate source key 'b'",
        "sources.yaml:9: 'title' must be text",
        "sources.yaml:11: 'title' was read as false: put the text in quotes",
    ]
    assert list(raw.sources) == ["b"] and raw.sources["b"].title == "B" and raw.sources["b"].kind == "blog"
    assert raw.source_lines == {"b": 3}


def test_every_kind_of_source_is_known(tmp_path):
    assert SOURCE_KINDS == ("official", "news", "scholarly", "article", "book", "dataset", "reference", "web")
    sources = "".join(f"- key: k{i}\n  title: T\n  kind: {kind}\n" for i, kind in enumerate(SOURCE_KINDS))
    raw = load_folder(make(tmp_path, sources=sources))
    assert said(raw) == [] and [s.kind for s in raw.sources.values()] == list(SOURCE_KINDS)


STATE_OK = "  exists:\n    - from: '1990'\n      source: s\n"


def test_bad_states(tmp_path):
    states = ("- iso2: XX\n" + STATE_OK                  # 1: no iso3
              + "- iso3: AB\n" + STATE_OK                # 5
              + "- iso3: A1C\n" + STATE_OK               # 9
              + "- iso3: AbC\n" + STATE_OK               # 13
              + "- iso3: ABCD\n" + STATE_OK              # 17
              + "- iso3: ABC\n" + STATE_OK               # 21
              + "- iso3: ABC\n" + STATE_OK               # 25
              + "- iso3: DEF\n  cow:\n    - code: '700'\n      abb: DEF\n    - code: 701\n"  # 29
              + "- iso3: GHI\n  exists: []\n")            # 34
    raw = load_folder(make(tmp_path, states=states))
    assert said(raw) == [
        "states.yaml:1: missing 'iso3'",
        "states.yaml:5: iso3 'AB' must be three capital letters",
        "states.yaml:9: iso3 'A1C' must be three capital letters",
        "states.yaml:13: iso3 'AbC' must be three capital letters",
        "states.yaml:17: iso3 'ABCD' must be three capital letters",
        "states.yaml:25: duplicate state 'ABC'",
        "states.yaml:31: COW 'code' must be a whole number",
        "states.yaml:33: missing 'abb'",
        "states.yaml:29: state DEF has no existence period ('exists')",
        "states.yaml:34: state GHI has no existence period ('exists')",
    ]
    assert list(raw.states) == ["ABC", "DEF", "GHI"]
    assert raw.states["DEF"].cow == (CowCode(701, "", None, None),)
    assert raw.states["ABC"].exists == (Period(D("1990"), None, "s", None),)


def test_a_period_without_a_source(tmp_path):
    raw = load_folder(make(tmp_path, states="- iso3: ABC\n  exists:\n    - from: '1990'\n"))
    assert said(raw) == ["states.yaml:3: missing 'source'"]
    assert raw.states["ABC"].exists == (Period(D("1990"), None, None, None),)
    assert [ref for ref in raw.source_refs if ref[1] == "states.yaml"] == []


def test_bad_former_names(tmp_path):
    states = ("- iso3: ABC\n" + STATE_OK +            # 1-4
              "  former_names:\n"                     # 5
              "    - names: {en: A}\n"                # 6: no until
              "    - until: '1990'\n"                 # 7: no names
              "    - until: '1991'\n      names: {ru: B}\n"    # 8: no en
              "    - until: '1992'\n      names: {en: C}\n"    # 10: kept
              "    - until: '1992'\n      names: {en: D}\n"    # 12: not after
              "    - until: '1993-01'\n      names: {en: E}\n      acronyms: {en: '', ru: EE}\n")  # 14: kept
    raw = load_folder(make(tmp_path, states=states))
    assert said(raw) == [
        "states.yaml:6: missing 'until'",
        "states.yaml:7: missing 'names'",
        "states.yaml:8: names needs at least 'en'",
        "states.yaml:12: former names must be oldest first, each ending after the one before",
    ]
    assert raw.states["ABC"].former_names == (FormerName(D("1992"), {"en": "C"}, {}, None, None),
                                              FormerName(D("1993-01"), {"en": "E"}, {"ru": "EE"}, None, None))


def test_former_names_one_day_apart_are_in_order(tmp_path):
    """A name until 1992 (its last day 1992-12-31), the next until 1993-01-01: in order; until 1992-12-31: not."""
    states = ("- iso3: ABC\n" + STATE_OK + "  former_names:\n"
              "    - until: '1992'\n      names: {en: C}\n"
              "    - until: 1993-01-01\n      names: {en: D}\n"
              "- iso3: DEF\n" + STATE_OK + "  former_names:\n"
              "    - until: '1992'\n      names: {en: C}\n"
              "    - until: 1992-12-31\n      names: {en: D}\n")
    raw = load_folder(make(tmp_path, states=states))
    assert said(raw) == ["states.yaml:17: former names must be oldest first, each ending after the one before"]
    assert len(raw.states["ABC"].former_names) == 2


# -- languages ---------------------------------------------------------------------------------------------


def test_translated_texts_and_their_problems(tmp_path):
    sources = ("- key: a\n  title: A\n  note: {zh-Hant: only}\n"             # 1: no en
               "- key: b\n  title: B\n  note: {en: [x], ru: R, zh-Hant: ~}\n"  # 4: en a list
               "- key: c\n  title: C\n  note: {en: E, ru: yes}\n"           # 7: ru a bool
               "- key: d\n  title: D\n  note: {en: E, xx: F}\n"             # 10: unknown language
               "- key: e\n  title: E\n  note: {en: E, fr: F, de: G}\n"      # 13: two unknown
               "- key: f\n  title: F\n  note: {en: E, zh-hant: Z}\n"        # 16: close to zh-Hant
               "- key: g\n  title: G\n  title_tr: text\n")                  # 19: not a mapping
    raw = load_folder(make(tmp_path, sources=sources))
    assert said(raw) == [
        "sources.yaml:3: 'note' needs at least 'en' (the English text)",
        "sources.yaml:6: 'note' in en must be text",
        "sources.yaml:6: 'note' needs at least 'en' (the English text)",
        "sources.yaml:9: 'note' in ru must be text",
        "sources.yaml:12: 'note' has unknown language(s) xx; use en, zh-Hant, ru",
        "sources.yaml:15: 'note' has unknown language(s) de, fr; use en, zh-Hant, ru",
        "sources.yaml:18: 'note' has unknown language(s) zh-hant; use en, zh-Hant, ru (did you mean 'zh-Hant'?)",
        "sources.yaml:21: 'title_tr' must map languages (en, zh-Hant, ru) to text",
    ]
    assert raw.sources["a"].note is None and raw.sources["a"].texts == {"note": {"zh-Hant": "only"}}
    assert raw.sources["b"].texts == {"note": {"ru": "R"}}
    assert raw.sources["c"].note == "E" and raw.sources["c"].texts == {"note": {"en": "E"}}
    assert raw.sources["d"].texts == {"note": {"en": "E"}}
    assert raw.sources["g"].title_tr == {}
    assert [ref[:4] for ref in raw.text_refs if ref[0] == "sources.yaml"] == [
        ("sources.yaml", 9, "note", ("en",)), ("sources.yaml", 12, "note", ("en",)),
        ("sources.yaml", 15, "note", ("en",)), ("sources.yaml", 18, "note", ("en",))]


def test_a_language_named_on_its_own_line(tmp_path):
    sources = "- key: a\n  title: A\n  note:\n    en: E\n    ru:\n      - R\n    xx: X\n"
    assert said(load_folder(make(tmp_path, sources=sources))) == [
        "sources.yaml:7: 'note' has unknown language(s) xx; use en, zh-Hant, ru",
        "sources.yaml:5: 'note' in ru must be text"]


# -- organizations -----------------------------------------------------------------------------------------


def test_bad_organization_files(tmp_path):
    folder = make(tmp_path, orgs={"a": "- 1\n", "b": "kind: economic\n", "c": "id: cc\nkind: club\nnames: {ru: R}\n",
                                  "d": "id: x\nnames: {en: D}\n", "x": org_file(""), "e": "id: e\nnames: text\n"})
    raw = load_folder(folder)
    kinds = "economic, security, political"
    assert said(raw) == [
        "orgs/a.yaml: an organization file must be a mapping (id, names, events …)",
        "orgs/b.yaml:1: missing 'id'",
        "orgs/c.yaml:1: id 'cc' does not match the file name 'c'",
        f"orgs/c.yaml:1: kind 'club' must be one of {kinds}",
        "orgs/c.yaml:1: names needs at least 'en'",
        "orgs/d.yaml:1: id 'x' does not match the file name 'd'",
        "orgs/d.yaml:1: missing 'kind'",
        "orgs/e.yaml:1: missing 'kind'",
        "orgs/e.yaml:2: 'names' must map languages (en, zh-Hant, ru) to text",
        "orgs/e.yaml:1: names needs at least 'en'",
        "orgs/x.yaml:1: duplicate organization 'x'",
    ]
    assert list(raw.orgs) == ["cc", "x", "e"]
    assert raw.orgs["x"].file == "orgs/d.yaml" and raw.orgs["x"].kind == "political"  # the default kind
    assert raw.orgs["cc"].kind == "club" and raw.orgs["cc"].names == {"ru": "R"}


def test_an_organization_with_none_of_the_optional_keys(tmp_path):
    raw = load_folder(make(tmp_path, orgs={"x": org_file("")}))
    assert said(raw) == []
    assert raw.orgs["x"] == Organization(
        id="x", names={"en": "X"}, acronyms={}, kind="security", founded=None, dissolved=None, founding_treaty=None,
        seat=None, predecessors=(), successors=(), aliases=(), sources=(),
        name_sources={"en": (), "zh-Hant": (), "ru": ()}, note=None, file="orgs/x.yaml", continues_in=None, texts={},
        former_names=())
    assert [ref for ref in raw.source_refs if ref[1] == "orgs/x.yaml"] == []


def test_treaty_succession_and_aliases_half_given(tmp_path):
    body = ("founding_treaty:\n  signed: 1992-01-01\n"            # 5: no name
            "continues_in:\n  org: y\n  date: '2000'\n"           # 7: no source
            "cow_id: x\naliases: [a]\nseat_source: ''\n")
    raw = load_folder(make(tmp_path, orgs={"x": org_file(body)}))
    assert said(raw) == ["orgs/x.yaml:6: missing 'name'", "orgs/x.yaml:8: missing 'source'"]
    org = raw.orgs["x"]
    assert org.founding_treaty == Treaty("", D("1992-01-01"), None, None, None, {})
    assert org.continues_in is None and org.aliases == ("a",)  # its own id as cow_id is no alias
    assert [ref for ref in raw.source_refs if ref[1] == "orgs/x.yaml"] == []
    for body, line in (("continues_in:\n  date: '2000'\n  source: s\n", 6),
                       ("continues_in:\n  org: y\n  source: s\n", 6)):
        raw = load_folder(make(tmp_path / str(line) / body[20:23], orgs={"x": org_file(body)}))
        assert len(said(raw)) == 1 and said(raw)[0].startswith(f"orgs/x.yaml:{line}: missing '")
        assert raw.orgs["x"].continues_in is None


def test_a_treaty_or_succession_that_is_not_a_mapping_is_ignored(tmp_path):
    raw = load_folder(make(tmp_path, orgs={"x": org_file("founding_treaty: T\ncontinues_in: y\n")}))
    assert raw.orgs["x"].founding_treaty is None and raw.orgs["x"].continues_in is None


def test_keys_as_one_text_a_list_or_wrong(tmp_path):
    body = "sources: 5\npredecessors: [a, 1]\nsuccessors: {a: b}\nname_sources: {en: [a, b], ru: 7}\n"
    raw = load_folder(make(tmp_path, orgs={"x": org_file(body)}))
    assert said(raw) == ["orgs/x.yaml:8: 'ru' must be a key or a list of keys",
                         "orgs/x.yaml:5: 'sources' must be a key or a list of keys",
                         "orgs/x.yaml:6: 'predecessors' must be a key or a list of keys",
                         "orgs/x.yaml:7: 'successors' must be a key or a list of keys"]
    org = raw.orgs["x"]
    assert (org.sources, org.predecessors, org.successors) == ((), (), ())
    assert org.name_sources == {"en": ("a", "b"), "zh-Hant": (), "ru": ()}


# -- events and disputes -----------------------------------------------------------------------------------


def test_bad_events(tmp_path):
    body = ("events:\n"                                                      # 5
            "  - event: joined\n    state: AAA\n    source: s\n"             # 6: no date
            "  - date: '2000'\n    state: AAA\n    source: s\n"              # 9: no event
            "  - date: '2000'\n    event: joind\n    state: AAA\n    source: s\n"    # 12
            "  - date: '2000'\n    event: zzzzzz\n    state: AAA\n    source: s\n"   # 16: nothing close
            "  - date: '2000'\n    event: joined\n    status: boss\n    state: AAA\n    source: s\n"  # 20
            "  - date: '2000'\n    event: joined\n    state: AAA\n"          # 25: no source
            "  - date: '2000'\n    event: joined\n    state: aaa\n    source: s\n"   # 28
            "  - date: '2000'\n    event: joined\n    source: s\n"           # 32: no state, a status
            "  - date: '2000'\n    event: signed\n    status: member\n    source: s\n"  # 35
            "  - date: '2000'\n    event: joined\n    state: AAA\n    source: s\n"
            "    cite: [{source: t}]\n"                                      # 39: both
            "  - date: 2000-13\n    event: joined\n    state: AAA\n    source: s\n")  # 44
    raw = load_folder(make(tmp_path, orgs={"x": org_file(body)}))
    from blocmap.core.model import EVENT_KINDS, STATUSES

    everything = ", ".join(sorted(EVENT_KINDS))
    assert said(raw) == [
        "orgs/x.yaml:6: missing 'date'",
        "orgs/x.yaml:9: missing 'event'",
        "orgs/x.yaml:12: unknown event 'joind'; use one of joined, signed, founded",
        f"orgs/x.yaml:16: unknown event 'zzzzzz'; use one of {everything}",
        f"orgs/x.yaml:20: unknown status 'boss'; use one of {', '.join(STATUSES)}",
        "orgs/x.yaml:25: event has no source: every event cites a key of sources.yaml",
        "orgs/x.yaml:28: state 'aaa' must be an ISO alpha-3 code in capitals",
        "orgs/x.yaml:32: an event of the organization itself (no 'state') cannot lead to a status",
        "orgs/x.yaml:35: an event of the organization itself (no 'state') cannot lead to a status",
        "orgs/x.yaml:39: give the sources either as 'cite' (with quotes) or as 'source'/'sources', not both",
        "orgs/x.yaml:44: date: '2000-13' is not a date: month 13 does not exist",
    ]
    assert [(e.line, e.sources) for e in raw.events] == [(39, ("s",))]


def test_the_status_an_event_leads_to(tmp_path):
    body = ("events:\n"
            "  - {date: '2000', event: joined, state: AAA, source: s}\n"
            "  - {date: '2001', event: suspended, state: AAA, source: s}\n"
            "  - {date: '2002', event: joined, status: associate, state: AAA, source: s}\n"
            "  - {date: '2003', event: withdrew, state: AAA, source: s}\n"
            "  - {date: '2004', event: signed, source: s}\n"
            "  - {date: '2005', event: signed, state: AAA, status: observer, source: s}\n")
    raw = load_folder(make(tmp_path, orgs={"x": org_file(body)}))
    assert said(raw) == []
    assert [(e.kind, e.state, e.status) for e in raw.events] == [
        ("joined", "AAA", "member"), ("suspended", "AAA", "suspended"), ("joined", "AAA", "associate"),
        ("withdrew", "AAA", "withdrawn"), ("signed", None, None), ("signed", "AAA", "observer")]


def test_citations_without_a_source_are_dropped(tmp_path):
    body = ("events:\n  - date: '2000'\n    event: joined\n    state: AAA\n"
            "    cite:\n      - quote: q\n      - source: s\n        read: 2020-02\n")
    raw = load_folder(make(tmp_path, orgs={"x": org_file(body)}))
    assert said(raw) == ["orgs/x.yaml:10: missing 'source'"]
    assert raw.events[0].citations == (Citation("s", None, None, "2020-02"),)
    assert raw.events[0].sources == ("s",)


def test_bad_disputes(tmp_path):
    body = ("disputes:\n"                                                    # 5
            "  - topic: T\n    claims: [{value: a, sources: s}, {value: b, sources: s}]\n"  # 6: no id
            "  - id: d2\n    claims: [{value: a, sources: s}, {value: b, sources: s}]\n"    # 8: no topic
            "  - id: d3\n    topic: T\n    claims: [{value: a, sources: s}]\n"               # 10: one claim
            "  - id: d4\n    topic: T\n    claims: [{value: a}, {sources: s}, {value: c, note: n}]\n"  # 13
            "    preferred: b\n")
    raw = load_folder(make(tmp_path, orgs={"x": org_file(body)}))
    assert said(raw) == [
        "orgs/x.yaml:6: missing 'id'",
        "orgs/x.yaml:8: missing 'topic'",
        "orgs/x.yaml:10: a dispute needs at least two claims",
        "orgs/x.yaml:15: a claim needs sources, or a note saying why it has none",
        "orgs/x.yaml:15: missing 'value'",
        "orgs/x.yaml:13: preferred 'b' is not one of the claims",
    ]
    assert [(d.id, len(d.claims)) for d in raw.disputes] == [("d3", 1), ("d4", 2)]
    assert raw.disputes[1].claims == (Claim("a", (), None, {"value": {"en": "a"}}),
                                      Claim("c", (), "n", {"value": {"en": "c"}, "note": {"en": "n"}}))


# -- the YAML rules ----------------------------------------------------------------------------------------


def refused(text: str) -> tuple[int | None, str]:
    with pytest.raises(Refused) as caught:
        parse_yaml(text)
    assert str(caught.value) == caught.value.text.render("en")
    return caught.value.line, str(caught.value)


def nested(levels: int) -> str:
    """A mapping nested ``levels`` deep (the top mapping is level 1, the innermost value one deeper)."""
    return "".join("  " * i + f"k{i}:\n" for i in range(levels - 1)) + "  " * (levels - 1) + "k: v\n"


def test_nesting_up_to_the_limit_and_one_more():
    assert MAX_DEPTH == 20
    data = parse_yaml(nested(MAX_DEPTH - 1))  # 19 mappings, the text at level 20
    for i in range(MAX_DEPTH - 2):
        data = data[f"k{i}"]
    assert data == {"k": "v"}
    assert refused(nested(MAX_DEPTH)) == (MAX_DEPTH, f"nested more than {MAX_DEPTH} levels deep")
    assert refused("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == (1, f"nested more than {MAX_DEPTH} levels deep")
    assert parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH) == [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]  # 20 lists


def test_what_the_values_are():
    data = parse_yaml("a: 1\nb: 1.5\nc: true\nd: ~\ne: 2001-02-03\nno: NO\n1: x\n'q': [x, 2]\n")
    assert data == {"a": 1, "b": 1.5, "c": True, "d": None, "e": "2001-02-03", "no": False, "1": "x",
                    "q": ["x", 2]}
    assert type(data) is LineDict and data.line == 1
    assert data.key_lines == {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "no": 6, "1": 7, "q": 8}
    inner = parse_yaml("- x\n-\n  k: v\n  l: w\n")[1]
    assert type(inner) is LineDict and inner.line == 3 and inner.key_lines == {"k": 3, "l": 4}
    assert LineDict().line == 0 and LineDict().key_lines == {}


@pytest.mark.parametrize("text, line, message", [
    ("a: !!python/name:os.system x\n", 1, "YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed in a data file"),
    ("a: !custom x\n", 1, "YAML tag '!custom' is not allowed in a data file"),
    ("a: 1\nb: !!set {x}\n", 2, "YAML tag 'tag:yaml.org,2002:set' is not allowed in a data file"),
    ("a:\n  - !!omap [x]\n", 2, "YAML tag 'tag:yaml.org,2002:omap' is not allowed in a data file"),
    ("!!binary x\n", 1, "YAML tag 'tag:yaml.org,2002:binary' is not allowed in a data file"),
    ("a: !" + "t" * 100 + " x\n", 1, "YAML tag '!" + "t" * 58 + "…' is not allowed in a data file"),
    ("a: 1\n[k]: v\n", 2, "a key must be plain text, not a list or a mapping"),
    ("a: 1\n? {k: 1}\n: v\n", 2, "a key must be plain text, not a list or a mapping"),
    ("a: 1\n<<: {b: 2}\n", 2, "YAML merge keys ('<<') are not allowed in a data file"),
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1): a key may appear once"),
    ("x" * 70 + ": 1\n" + "x" * 70 + ": 2\n", 2, "duplicate key '" + "x" * 59 + "…' (first at line 1): a key may appear once"),
    ("a: 1" + "0" * 5000 + "\n", 1, "cannot read the value: Exceeds the limit (4300 digits) for integer string "
                                      "conversion: value has 5001 digits; use sys.set_int_max_str_digits() to increase the limit"),
    ("# nothing\n", None, "empty file: a data file holds at least one entry"),
    ("", None, "empty file: a data file holds at least one entry"),
    ("a: &x 1\nb: 2\n", 1, "YAML anchors and aliases are not allowed in a data file (found '&x'); write the value out"),
    ("a: 1\nb: *x\n", 2, "YAML anchors and aliases are not allowed in a data file (found '*x'); write the value out"),
    ("a: &" + "y" * 50 + " 1\n", 1, "YAML anchors and aliases are not allowed in a data file (found '&" + "y" * 39
     + "…'); write the value out"),
])
def test_what_a_data_file_may_not_hold(text, line, message):
    assert refused(text) == (line, message)


def test_ampersands_and_stars_in_text_are_text():
    assert parse_yaml("a: 'R & D'\nb: \"*\"\nc: x*y&z\n") == {"a": "R & D", "b": "*", "c": "x*y&z"}


def test_a_value_too_long_to_quote_whole():
    message = refused("a: 1" + "0" * 5000 + "\n")[1]
    assert message.startswith("cannot read the value: Exceeds the limit") and len(message) <= 23 + 140


def test_duplicate_keys_collected_or_refused():
    found: list = []
    data = parse_yaml("a: 1\nb:\n  c: 2\n  c: [3]\na: 4\n", found)
    assert data == {"a": 1, "b": {"c": 2}}  # the first value is kept
    assert [(line, text.render("en")) for line, text in found] == [
        (4, "duplicate key 'c' (first at line 3): a key may appear once"),
        (5, "duplicate key 'a' (first at line 1): a key may appear once")]
    found = [("before", None)]
    parse_yaml("a: 1\n", found)
    assert found == [("before", None)]
    with pytest.raises(Refused) as caught:  # a repeated key's value is checked all the same
        parse_yaml("a: 1\na: !!set {x}\n", [])
    assert caught.value.line == 2


def test_refused_carries_its_line_and_text():
    error = Refused(7, "data.too_deep", depth=3)
    assert error.line == 7 and error.text == Text("data.too_deep", {"depth": 3})
    assert str(error) == "nested more than 3 levels deep"


# -- reading a file ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode, says", [
    (stat.S_IFREG | 0o644, None),
    (stat.S_IFDIR | 0o755, "a folder"),
    (stat.S_IFIFO | 0o644, "a FIFO (named pipe)"),
    (stat.S_IFCHR | 0o644, "a device"),
    (stat.S_IFBLK | 0o644, "a device"),
    (stat.S_IFSOCK | 0o644, "a socket"),
    (stat.S_IFLNK | 0o777, "not a regular file"),
])
def test_the_kind_of_a_path(mode, says):
    kind = kind_of_file(mode)
    assert (kind.render("en") if kind is not None else None) == says


def bounded(path: Path) -> str:
    with pytest.raises(Refused) as caught:
        read_bounded_text(path)
    assert caught.value.line is None
    return str(caught.value)


def test_a_file_at_the_size_limit_and_one_byte_more(tmp_path):
    assert MAX_FILE_BYTES == 2 * 1024 * 1024
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * MAX_FILE_BYTES)
    assert len(read_bounded_text(path)) == MAX_FILE_BYTES
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert bounded(path) == "file is 2.0 MB; a data file may be at most 2 MB"
    path.write_bytes(b"#" * (3 * MAX_FILE_BYTES // 2 + 60000))  # 3.06 MB: its size, not what was read
    assert bounded(path) == "file is 3.1 MB; a data file may be at most 2 MB"


def test_paths_that_are_not_a_readable_file(tmp_path):
    assert bounded(tmp_path / "missing.yaml") == "cannot read: No such file or directory"
    assert bounded(tmp_path) == "a folder, not a regular file: refused"
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert bounded(fifo) == "a FIFO (named pipe), not a regular file: refused"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.yaml"))
        assert bounded(tmp_path / "s.yaml") == "a socket, not a regular file: refused"
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert bounded(loop) == "cannot read: Too many levels of symbolic links"
    if os.geteuid() != 0:
        locked = tmp_path / "locked.yaml"
        locked.write_text("a: 1\n", encoding="utf-8")
        locked.chmod(0)
        assert bounded(locked) == "cannot read: Permission denied"


def test_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("a: caf\u00e9\n".encode("latin-1"))
    assert bounded(path) == "not UTF-8 text (invalid continuation byte at byte 6)"
    path.write_bytes("a: \u00e9t\u00e9\n".encode("utf-8"))
    assert read_bounded_text(path) == "a: \u00e9t\u00e9\n"


def read(tmp_path: Path, name: str, text: str) -> tuple[object, list[str]]:
    raw = Raw(tmp_path)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, raw), said(raw)


def test_read_yaml_names_the_file_from_the_data_folder(tmp_path):
    assert read(tmp_path, "states.yaml", "- iso3: AAA\n  iso33: x\n")[1] == [
        "states.yaml:2: unknown key 'iso33' in a state (did you mean 'iso3'?)"]
    assert read(tmp_path, "orgs/x.yaml", "id: x\nid: y\nkinds: k\n") == (
        {"id": "x", "kinds": "k"}, ["orgs/x.yaml:2: duplicate key 'id' (first at line 1): a key may appear once",
                      "orgs/x.yaml:3: unknown key 'kinds' in an organization (did you mean 'kind'?)"])
    assert read(tmp_path, "other.yaml", "anything: 1\n") == ({"anything": 1}, [])  # no schema


def test_read_yaml_gives_none_with_a_problem(tmp_path):
    assert read(tmp_path, "orgs/x.yaml", "a: [1\nb: 2\n") in (  # libyaml's words, or PyYAML's
        (None, ["orgs/x.yaml:2: YAML syntax: did not find expected ',' or ']'"]),
        (None, ["orgs/x.yaml:2: YAML syntax: expected ',' or ']', but got ':'"]))
    assert read(tmp_path, "orgs/x.yaml", "a: &x 1\n") == (
        None, ["orgs/x.yaml:1: YAML anchors and aliases are not allowed in a data file (found '&x'); write the value out"])
    assert read(tmp_path, "orgs/x.yaml", "a: 1\n--- \nb: 2\n") == (
        None, ["orgs/x.yaml:2: YAML syntax: but found another document"])


def test_a_yaml_error_with_no_mark(tmp_path, monkeypatch):
    import yaml

    def broken(text, duplicates=None):
        raise yaml.MarkedYAMLError(problem="bad", problem_mark=None)

    monkeypatch.setattr(loader, "parse_yaml", broken)
    assert read(tmp_path, "orgs/x.yaml", "a: 1\n") == (None, ["orgs/x.yaml: YAML syntax: bad"])

    def plain(text, duplicates=None):
        raise yaml.YAMLError("plain " + "w" * 400)

    monkeypatch.setattr(loader, "parse_yaml", plain)
    value, problems = read(tmp_path, "orgs/x.yaml", "a: 1\n")
    assert value is None and problems == ["orgs/x.yaml: YAML syntax: plain " + "w" * (299 - 19) + "…"]


def test_problems_past_the_limit_of_a_file_are_counted(tmp_path):
    assert MAX_PROBLEMS_PER_FILE == 50
    raw = Raw(tmp_path)
    reader, other = Reader(raw, "a.yaml"), Reader(raw, "b.yaml")
    for n in range(1, 53):
        reader.problem(n, "data.no_source")
    other.problem(1, "data.no_source")
    assert len(raw.problems) == 51 and str(raw.problems[49]) == (
        "a.yaml:50: event has no source: every event cites a key of sources.yaml")
    assert str(raw.problems[50]).startswith("b.yaml:1: ")
    assert raw.dropped == {"a.yaml": 2}


def test_the_reader_of_text_dates_and_keys(tmp_path):
    raw = Raw(tmp_path)
    reader = Reader(raw, "f.yaml")
    node = parse_yaml("a: 5\nb: [x]\nc: yes\nd: 1990-02\ne: 1990-02-30\nf: [k, l]\ng: k\n")
    assert reader.text(node, "a") == "5" and reader.text(node, "zz") is None
    assert reader.text(node, "zz", required=True) is None
    assert reader.text(node, "b") is None and reader.text(node, "c") is None
    assert reader.date(node, "d") == D("1990-02") and reader.date(node, "zz") is None
    assert reader.date(node, "zz", required=True) is None and reader.date(node, "e") is None
    assert reader.keys(node, "f") == ("k", "l") and reader.keys(node, "g") == ("k",)
    assert reader.keys(node, "zz") == () and reader.keys(node, "a") == ()
    assert reader.langs(node, "zz") == {} and reader.langs(node, "zz", required=True) == {}
    assert said(raw) == ["f.yaml:1: missing 'zz'", "f.yaml:2: 'b' must be text",
                         "f.yaml:3: 'c' was read as true: put the text in quotes", "f.yaml:1: missing 'zz'",
                         "f.yaml:5: e: '1990-02-30' is not a date: day 30 does not exist in 1990-02",
                         "f.yaml:1: 'a' must be a key or a list of keys", "f.yaml:1: missing 'zz'"]
    assert reader.translated(node, "zz") == (None, {}) and raw.text_refs == []


# -- what the first mutation run left (docs/mutation.md) ---------------------------------------------------


def test_a_repeated_key_is_checked_at_its_own_depth():
    """The value of a repeated key is built one level down like any other: exactly at the limit it is
    read, one level more is refused, and the keys repeated inside it are collected too."""
    deepest = nested(MAX_DEPTH - 1).replace("\n", "\n  ")  # 19 mappings under 'a': 20 in all, the text at 21
    found: list = []
    at_limit = "a: 1\na:\n  " + nested(MAX_DEPTH - 2).replace("\n", "\n  ") + "\n"
    assert parse_yaml(at_limit, found) == {"a": 1} and [line for line, _ in found] == [2]
    with pytest.raises(Refused) as caught:
        parse_yaml("a: 1\na:\n  " + deepest + "\n", [])
    assert str(caught.value) == f"nested more than {MAX_DEPTH} levels deep"
    found = []
    assert parse_yaml("a: 1\na: {b: 1, b: 2}\nc:\n  - {d: 1, d: 2}\n", found) == {"a": 1, "c": [{"d": 1}]}
    assert [(line, text.render("en")) for line, text in found] == [
        (2, "duplicate key 'a' (first at line 1): a key may appear once"),
        (2, "duplicate key 'b' (first at line 2): a key may appear once"),
        (4, "duplicate key 'd' (first at line 4): a key may appear once")]


def test_long_tags_of_lists_and_mappings_are_cut():
    tag = "!" + "t" * 100
    shown = "YAML tag '!" + "t" * 58 + "…' is not allowed in a data file"
    assert refused(f"a: {tag} [x]\n") == (1, shown)
    assert refused(f"a:\n  b: {tag} {{c: 1}}\n") == (2, shown)
    assert refused("a: !" + "t" * 59 + " [x]\n") == (1, "YAML tag '!" + "t" * 59 + "' is not allowed in a data file")


def test_a_value_python_refuses_is_quoted_cut(monkeypatch):
    def refuse(node, deep=False):
        raise ValueError("v" * 200)

    monkeypatch.setattr(loader._LineLoader, "construct_object", refuse)
    assert refused("a: 1\n") == (1, "cannot read the value: " + "v" * 139 + "…")


@pytest.mark.parametrize("body, problem", [
    ("events:\n  - {date: '2000', event: joined, state: AAA, cite: 5}\n", "6: expected a list of citations"),
    ("events:\n  - {date: '2000', event: joined, state: AAA, cite: [5]}\n",
     "6: every entry of the citations list must be a mapping, not 5"),
    ("disputes:\n  - {id: d, topic: T, claims: text}\n", "6: expected a list of claims"),
    ("disputes:\n  - {id: d, topic: T, claims: [x]}\n", "6: every entry of the claims list must be a mapping, not 'x'"),
    ("former_names: 5\n", "5: expected a list of former names"),
    ("former_names:\n  - 5\n", "6: every entry of the former names list must be a mapping, not 5"),
    ("events: 5\n", "5: expected a list of events"),
    ("events:\n  - 5\n", "6: every entry of the events list must be a mapping, not 5"),
    ("disputes: 5\n", "5: expected a list of disputes"),
    ("disputes:\n  - 5\n", "6: every entry of the disputes list must be a mapping, not 5"),
])
def test_each_list_of_an_organization_that_is_not_one(tmp_path, body, problem):
    """A list that is a single value names the line of its key; a bad entry, its own line."""
    assert problems_of_org(tmp_path, body)[0] == "orgs/x.yaml:" + problem


@pytest.mark.parametrize("key, what", [("cow", "COW codes"), ("exists", "existence periods"),
                                       ("former_names", "former names")])
def test_each_list_of_a_state_that_is_not_one(tmp_path, key, what):
    states = f"- iso3: ABC\n  {key}: [7]\n" + ("" if key == "exists" else STATE_OK)
    problems = said(load_folder(make(tmp_path, states=states)))
    assert problems[0] == f"states.yaml:2: every entry of the {what} list must be a mapping, not 7"
    states = f"- iso3: ABC\n  {key}: 7\n" + ("" if key == "exists" else STATE_OK)
    assert said(load_folder(make(tmp_path / "2", states=states)))[0] == f"states.yaml:2: expected a list of {what}"


def test_a_bad_entry_is_named_at_its_own_line(tmp_path):
    raw = Raw(tmp_path)
    reader = Reader(raw, "f.yaml")
    data = parse_yaml("- {a: 1}\n- 2\n-\n  - x\n- " + "z" * 70 + "\n")
    assert list_of_maps(reader, data, "what.events") == [{"a": 1}]
    assert said(raw) == ["f.yaml:2: every entry of the events list must be a mapping, not 2",
                         "f.yaml:4: every entry of the events list must be a mapping, not ['x']",
                         "f.yaml:5: every entry of the events list must be a mapping, not '" + "z" * 58 + "…"]
    raw.problems.clear()
    made = loader.LineList([1])
    made.line = 8  # built by hand: no line for each entry, the list's line
    list_of_maps(reader, made, "what.events")
    list_of_maps(reader, [1], "what.events")  # a plain list: no line at all
    list_of_maps(reader, [1], "what.events", 3)  # ... but where it was expected
    list_of_maps(reader, 1, "what.events", 3)
    list_of_maps(reader, made, "what.events", 3)
    assert said(raw) == ["f.yaml:8: every entry of the events list must be a mapping, not 1",
                         "f.yaml: every entry of the events list must be a mapping, not 1",
                         "f.yaml:3: every entry of the events list must be a mapping, not 1",
                         "f.yaml:3: expected a list of events",
                         "f.yaml:8: every entry of the events list must be a mapping, not 1"]


def test_an_organization_without_names(tmp_path):
    assert said(load_folder(make(tmp_path, orgs={"x": "id: x\nkind: security\n"}))) == [
        "orgs/x.yaml:1: missing 'names'", "orgs/x.yaml:1: names needs at least 'en'"]


def test_the_hints_of_an_unknown_event_and_language(tmp_path):
    body = ("events:\n  - {date: '2000', event: ssigned, state: AAA, source: s}\n"
            "  - {date: '2000', event: joined, state: AAA, source: s, title: {un: U, en: E}}\n")
    assert problems_of_org(tmp_path, body) == [
        "orgs/x.yaml:6: unknown event 'ssigned'; use one of signed, suspended, joined",
        "orgs/x.yaml:7: 'title' has unknown language(s) un; use en, zh-Hant, ru (did you mean 'ru'?)"]


def test_a_fifo_put_in_place_after_the_stat_is_refused_without_blocking(tmp_path, monkeypatch):
    """A path checked as a regular file and then swapped for a FIFO: the open does not wait for a
    writer (O_NONBLOCK), and the open file's own kind is checked again."""
    import signal

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    calls = []

    def regular_first(mode):
        calls.append(mode)
        return None if len(calls) == 1 else kind_of_file(mode)

    def stuck(*_):
        raise TimeoutError("the open blocked")

    monkeypatch.setattr(loader, "kind_of_file", regular_first)
    signal.signal(signal.SIGALRM, stuck)
    signal.alarm(2)
    try:
        assert bounded(fifo) == "a FIFO (named pipe), not a regular file: refused"
    finally:
        signal.alarm(0)
    assert len(calls) == 2


def test_a_file_that_cannot_be_opened(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loader.os, "open", denied)
    assert bounded(path) == "cannot read: Permission denied"


def test_an_oversized_file_is_not_read_whole(tmp_path):
    import tracemalloc

    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(8 * MAX_FILE_BYTES)  # 16 MB (sparse)
    tracemalloc.start()
    try:
        assert bounded(path) == "file is 16.0 MB; a data file may be at most 2 MB"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_FILE_BYTES


def test_the_size_in_megabytes_is_rounded_from_bytes(tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(2464154)  # 2.3500003 MB of 1,048,576 bytes (2.3499981 of 1,048,577)
    assert bounded(path) == "file is 2.4 MB; a data file may be at most 2 MB"


def test_texts_given_as_plain_mappings(tmp_path):
    """A reader also reads mappings built in Python (no lines of their own): the line falls back to the
    mapping's, then to the node's."""
    raw = Raw(tmp_path)
    reader = Reader(raw, "f.yaml")
    node = LineDict(note={"en": "E", "ru": ["x"]}, title={"xx": "X", "en": "E"}, other=LineDict(zz=1))
    node.line = 4
    node["other"].line = 9
    assert reader.translated(node, "note") == ("E", {"en": "E"})
    assert reader.langs(node, "title") == {"en": "E"}
    assert reader.langs(node, "other") == {}
    assert said(raw) == ["f.yaml:4: 'note' in ru must be text",
                         "f.yaml:4: 'title' has unknown language(s) xx; use en, zh-Hant, ru",
                         "f.yaml:9: 'other' has unknown language(s) zz; use en, zh-Hant, ru"]
    assert raw.text_refs == [("f.yaml", 4, "note", ("en",), "E")]


def test_a_language_left_empty_does_not_hide_the_next(tmp_path):
    sources = "- key: a\n  title: A\n  note: {ru: ~, zh-Hant: ~, en: E}\n"
    raw = load_folder(make(tmp_path, sources=sources))
    assert said(raw) == [] and raw.sources["a"].note == "E" and raw.sources["a"].texts == {"note": {"en": "E"}}


def test_a_list_of_a_mapping_built_by_hand_names_the_mappings_line(tmp_path):
    raw = Raw(tmp_path)
    node = LineDict(events=5)
    node.line = 12  # no key_lines: the key's line is the mapping's
    assert loader._entries(Reader(raw, "f.yaml"), node, "events", "what.events") == []
    assert said(raw) == ["f.yaml:12: expected a list of events"]
