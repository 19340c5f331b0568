"""The keys each data file may use (``core/schema.py``), written out by hand as the data format
documents them; every bundled file uses only those; a misspelt key at each level is one problem at
its own line, with the one closest suggestion, the kind of mapping it was found in, and a long key
cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocmap.core.errors import Problem
from blocmap.core.loader import BUNDLED, LineDict, parse_yaml
from blocmap.core.messages import Text
from blocmap.core.schema import (CITE, DEPTH, DISPUTE, EVENT, FILES, FORMER_NAME, NAME_SOURCES, ORG, ORGAN, SOURCE,
                                 STATE, SUCCESSION, TREATY, Keys, did_you_mean, schema_for, unknown_keys)


def said(data, schema: Keys, lang: str = "en") -> list[str]:
    return [Problem("f.yaml", line, text).render(lang) for line, text in unknown_keys(data, schema)]


# -- the keys, by hand ------------------------------------------------------------------------------


def test_the_keys_of_each_file() -> None:
    assert SOURCE == Keys(("key", "title", "title_tr", "lang", "url", "publisher", "year", "kind", "official",
                           "seen_at", "note"), {}, "schema.source")
    assert STATE.allowed == ("iso3", "iso2", "cow", "exists", "names", "note", "former_names")
    assert STATE.what == "schema.state"
    assert dict(STATE.inner) == {"former_names": FORMER_NAME,
                                 "cow": Keys(("code", "abb", "from", "to"), {}, "schema.cow"),
                                 "exists": Keys(("from", "to", "source", "note"), {}, "schema.exists")}
    assert ORG.allowed == ("id", "kind", "names", "acronyms", "name_sources", "founded", "dissolved",
                           "founding_treaty", "seat", "seat_source", "predecessors", "successors", "continues_in",
                           "cow_id", "aliases", "sources", "note", "events", "disputes", "former_names")
    assert ORG.what == "schema.org"
    assert dict(ORG.inner) == {"founding_treaty": TREATY, "former_names": FORMER_NAME, "events": EVENT,
                               "disputes": DISPUTE, "name_sources": NAME_SOURCES, "continues_in": SUCCESSION}
    assert ORGAN == Keys(("org", "id", "level", "names", "composition", "meets", "decision_rule", "seat",
                          "term_of_office", "established", "rule_since", "sources", "dispute", "zh_rendering"), {}, "schema.organ")
    assert DEPTH == Keys(("org", "dimension", "value", "detail", "since", "sources"), {}, "schema.depth")


def test_the_keys_inside_an_organization() -> None:
    assert EVENT.allowed == ("date", "state", "event", "status", "source", "sources", "cite", "note", "dispute",
                             "title", "evidence_gap")
    assert EVENT.what == "schema.event" and dict(EVENT.inner) == {"cite": CITE}
    assert CITE == Keys(("source", "quote", "at", "read"), {}, "schema.cite")
    assert DISPUTE.allowed == ("id", "state", "topic", "claims", "preferred", "note")
    assert DISPUTE.what == "schema.dispute"
    assert dict(DISPUTE.inner) == {"claims": Keys(("value", "sources", "note"), {}, "schema.claim")}
    assert TREATY == Keys(("name", "signed", "place", "in_force", "source"), {}, "schema.treaty")
    assert SUCCESSION == Keys(("org", "date", "source"), {}, "schema.succession")
    assert FORMER_NAME == Keys(("until", "names", "acronyms", "source", "quote"), {}, "schema.former_name")
    assert NAME_SOURCES == Keys(("en", "zh-Hant", "ru"), {}, "schema.name_sources")


def test_a_schema_by_file_name() -> None:
    assert dict(FILES) == {"sources.yaml": SOURCE, "states.yaml": STATE, "organs.yaml": ORGAN, "depth.yaml": DEPTH,
                           "orgs/*.yaml": ORG}
    assert schema_for("sources.yaml") is SOURCE
    assert schema_for("states.yaml") is STATE
    assert schema_for("organs.yaml") is ORGAN
    assert schema_for("depth.yaml") is DEPTH
    assert schema_for("orgs/csto.yaml") is ORG
    assert schema_for("orgs/.yaml") is ORG
    for name in ("orgs/csto.yml", "orgs/x/csto.yaml", "csto.yaml", "refused.yaml", "orgs/", "x/orgs/csto.yaml",
                 "orgs/*.yaml.bak", "Sources.yaml", ""):
        assert schema_for(name) is None, name
    assert schema_for("orgs/*.yaml") is ORG


def test_keys_default_to_no_inner_schema_and_no_name() -> None:
    bare = Keys(("a",))
    assert dict(bare.inner) == {} and bare.what == ""
    assert said({"b": 1}, bare) == ["f.yaml: unknown key 'b'"]


# -- the bundled files -------------------------------------------------------------------------------


def bundled_files() -> list[str]:
    return ["sources.yaml", "states.yaml", "organs.yaml", "depth.yaml",
            *sorted(f"orgs/{p.name}" for p in (BUNDLED / "orgs").glob("*.yaml"))]


def test_every_bundled_file_uses_only_allowed_keys() -> None:
    names = bundled_files()
    assert len(names) == 4 + 25
    for name in names:
        data = parse_yaml((BUNDLED / name).read_text(encoding="utf-8"))
        assert list(unknown_keys(data, schema_for(name))) == [], name


# -- misspelt keys -----------------------------------------------------------------------------------


ORG_FILE = """\
id: x
kind: economic
foundd: "2000"
name_sources:
  en: [a]
  zh_Hant: [b]
founding_treaty:
  name: {en: T}
  singed: "1999"
former_names:
  - until: "1999"
    nmaes: {en: Y}
continues_in:
  org: y
  dat: "2015"
events:
  - date: "2000"
    stat: ARM
    cite:
      - source: s
        qoute: "q"
  - date: "2001"
    sources: [s]
    evidence_gap: {en: g}
disputes:
  - id: d
    claims:
      - value: {en: v}
        vlaue: w
    prefered: v
"""


def test_a_misspelt_key_at_every_level_of_an_organization() -> None:
    data = parse_yaml(ORG_FILE)
    assert said(data, ORG) == [
        "f.yaml:3: unknown key 'foundd' in an organization (did you mean 'founded'?)",
        "f.yaml:6: unknown key 'zh_Hant' in name_sources (did you mean 'zh-Hant'?)",
        "f.yaml:9: unknown key 'singed' in the founding treaty (did you mean 'signed'?)",
        "f.yaml:12: unknown key 'nmaes' in a former name (did you mean 'names'?)",
        "f.yaml:15: unknown key 'dat' in a succession (did you mean 'date'?)",
        "f.yaml:18: unknown key 'stat' in an event (did you mean 'state'?)",
        "f.yaml:21: unknown key 'qoute' in a citation (did you mean 'quote'?)",
        "f.yaml:29: unknown key 'vlaue' in a claim (did you mean 'value'?)",
        "f.yaml:30: unknown key 'prefered' in a dispute (did you mean 'preferred'?)"]
    assert said(data, ORG, "ru")[0] == "f.yaml:3: неизвестный ключ «foundd» в организации (может быть, 'founded'?)"


STATE_FILE = """\
- iso3: ARM
  cow:
    - {code: 371, abb: ARM, form: "1991"}
  exists:
    - {from: "1991-09-21", sorce: x}
  former_names:
    - until: "1990"
      acronym: {en: A}
- iso3: DDR
  nmes: {en: East Germany}
"""


def test_a_misspelt_key_in_the_states_list() -> None:
    assert said(parse_yaml(STATE_FILE), STATE) == [
        "f.yaml:3: unknown key 'form' in a COW code (did you mean 'from'?)",
        "f.yaml:5: unknown key 'sorce' in an existence period (did you mean 'source'?)",
        "f.yaml:8: unknown key 'acronym' in a former name (did you mean 'acronyms'?)",
        "f.yaml:10: unknown key 'nmes' in a state (did you mean 'names'?)"]


def test_other_files_and_keys_with_no_close_match() -> None:
    assert said(parse_yaml("- key: a\n  title: b\n  url_: c\n  zzz: 1\n"), SOURCE) == [
        "f.yaml:3: unknown key 'url_' in a source (did you mean 'url'?)",
        "f.yaml:4: unknown key 'zzz' in a source"]
    assert said(parse_yaml("- org: a\n  decision: x\n  quorum: 2\n"), ORGAN) == [
        "f.yaml:2: unknown key 'decision' in an organ (did you mean 'decision_rule'?)",  # 2·8/21
        "f.yaml:3: unknown key 'quorum' in an organ"]
    assert said(parse_yaml("- org: a\n  dimensions: x\n"), DEPTH) == [
        "f.yaml:2: unknown key 'dimensions' in a depth entry (did you mean 'dimension'?)"]


def test_a_long_key_is_cut_at_forty_characters() -> None:
    forty = "k" * 40
    assert said({forty: 1, forty + "x": 2, "y" * 500: 3}, CITE) == [
        f"f.yaml: unknown key '{forty}' in a citation",
        f"f.yaml: unknown key '{forty}…' in a citation",
        f"f.yaml: unknown key '{'y' * 40}…' in a citation"]


def test_a_key_that_is_not_text_is_shown_as_text() -> None:
    assert said({12: 1, "sourc": 2}, CITE) == ["f.yaml: unknown key '12' in a citation",
                                              "f.yaml: unknown key 'sourc' in a citation (did you mean 'source'?)"]


def test_lines_of_keys_then_of_the_mapping() -> None:
    """A key's own line; where it is not known (data not read from a file), the mapping's line; where
    neither is, none."""
    mapping = LineDict({"a": 1, "b": 2})
    mapping.line, mapping.key_lines = 7, {"a": 9}
    assert said(mapping, Keys(("x",))) == ["f.yaml:9: unknown key 'a'", "f.yaml:7: unknown key 'b'"]
    assert [line for line, _ in unknown_keys({"a": 1}, Keys(("x",)))] == [None]


def test_values_that_are_not_mappings_are_not_walked() -> None:
    for data in ("text", 12, None, 1.5, True):
        assert list(unknown_keys(data, ORG)) == []
    # a list of lists of mappings, a value that should be a mapping but is text or a list of text
    assert said([[{"zz": 1}], "x", [3]], CITE) == ["f.yaml: unknown key 'zz' in a citation"]
    assert said({"events": "none", "founding_treaty": ["a"], "disputes": [{"zz": 1}]}, ORG) == [
        "f.yaml: unknown key 'zz' in a dispute"]
    # a key allowed with no schema of its own is not walked, whatever it holds
    assert said({"names": {"zz": 1}, "sources": [{"zz": 2}]}, ORG) == []


def test_the_message_is_a_text_of_the_catalogs() -> None:
    (line, text), = unknown_keys({"stat": 1}, EVENT)
    assert line is None and text.key == "data.unknown_key"
    assert text.values["key"] == "stat" and text.values["where"] == Text("schema.event")
    assert tuple(text.values["hint"]) == ("state",)
    (line, text), = unknown_keys({"q": 1}, Keys(("a",)))
    assert text.values["where"] == "" and tuple(text.values["hint"]) == ()


# -- suggestions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("given,allowed,hint", [
    ("stat", EVENT.allowed, ("state",)),       # 'state' 8/9, 'status' 8/10: the closest only
    ("abcxy", ("abcde",), ("abcde",)),        # 2·3/10 = 0.6: just close enough
    ("abxyz", ("abcde",), ()),                 # 2·2/10 = 0.4
    ("abcxyz", ("abcdef",), ()),               # 2·3/12 = 0.5
    ("abcdxy", ("abcdef",), ("abcdef",)),      # 2·4/12 = 0.67
    ("sources", EVENT.allowed, ("sources",)),
])
def test_did_you_mean(given: str, allowed: tuple, hint: tuple) -> None:
    assert tuple(did_you_mean(given, allowed)) == hint
