"""The loader is strict and bounded: YAML bombs, huge files, devices and FIFOs, misspelt and
repeated keys and empty files are each one problem naming the file (and line), in bounded time,
memory and text; ``check`` never lists more than ``MAX_PROBLEMS`` problems."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blocmap
from blocmap.cli import main
from blocmap.core.errors import DataError
from blocmap.core.errors import MAX_MESSAGE
from blocmap.core.loader import MAX_DEPTH, MAX_FILE_BYTES, load_folder
from blocmap.core.schema import ORG
from blocmap.core.validate import MAX_PROBLEMS, check


def problems_of(folder: Path) -> list[str]:
    """What ``blocmap check`` lists for the folder (the atlas's files and the features' files)."""
    from blocmap.features.checks import check_folder
    from blocmap.core.loader import load_folder

    problems = [str(p) for p in check_folder(load_folder(folder))]
    assert problems, "no problem found"
    return problems


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


class alarm:
    """Fail instead of hanging (a FIFO opened for reading blocks until a writer comes)."""

    def __init__(self, seconds: int):
        self.seconds = seconds

    def __enter__(self):
        signal.signal(signal.SIGALRM, lambda *_: pytest.fail(f"still running after {self.seconds} s"))
        signal.alarm(self.seconds)

    def __exit__(self, *exc):
        signal.alarm(0)


BOMB = ("lol: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        + "".join(f"l{i}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                  f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
                  for i in range(8)))


# ---------------------------------------------------------------------------- bounded reading
def test_a_billion_laughs_under_an_unused_key_is_refused_at_once(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nextra:\n" + "".join("  " + line + "\n" for line in BOMB.splitlines()),
                    encoding="utf-8")
    anchor_line = text.count("\n") + 3  # the blank line, 'extra:', then the first anchor
    assert len(BOMB) < 1600
    with alarm(60):  # a hang guard, not a speed test: expanded, the bomb would not finish at all
        found = problems_of(data_copy)
    assert found == [f"orgs/guam.yaml:{anchor_line}: YAML anchors and aliases are not allowed in a data file "
                     "(found '&a'); write the value out"]


def test_an_alias_alone_is_named_too(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    line = line_of(path, "kind: political")
    path.write_text(path.read_text(encoding="utf-8").replace("kind: political", "kind: *k", 1), encoding="utf-8")
    assert problems_of(data_copy)[0] == (f"orgs/guam.yaml:{line}: YAML anchors and aliases are not allowed in a "
                                         "data file (found '*k'); write the value out")


def test_an_oversized_file_is_refused_before_it_is_parsed(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * (MAX_FILE_BYTES + 100_000) + "\n")
    size = path.stat().st_size / 1048576
    with alarm(60):  # a hang guard; the bytes read are what the refusal bounds
        result = CliRunner().invoke(main, ["check", str(data_copy)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (f"orgs/guam.yaml: file is {size:.1f} MB; a data file may be at most "
                                             "2 MB")


def test_a_50_mb_events_file_costs_little_and_prints_little(data_copy):
    event = ('  - date: "2001-01-01"\n    state: XXXX\n    event: joined\n    source: nowhere\n')
    path = data_copy / "orgs" / "guam.yaml"
    body = path.read_text(encoding="utf-8").split("events:")[0] + "events:\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(body)
        for _ in range(50 * 1048576 // len(event)):
            handle.write(event)
    with alarm(60):  # a hang guard; the output's length is what the test bounds
        result = CliRunner().invoke(main, ["check", str(data_copy)])
    assert result.exit_code == 1 and "orgs/guam.yaml: file is 50.0 MB" in result.output
    assert len(result.output.splitlines()) < 10


def test_many_problems_are_listed_up_to_a_limit_then_counted(data_copy):
    event = '  - date: "2001-01-01"\n    state: XXXX\n    event: joined\n    source: nowhere\n'
    path = data_copy / "orgs" / "guam.yaml"
    body = path.read_text(encoding="utf-8").split("events:")[0] + "events:\n"
    path.write_text(body + event * 3000, encoding="utf-8")
    raw = load_folder(data_copy)
    problems = check(raw)
    assert len(problems) == MAX_PROBLEMS + 1
    assert raw.total_problems > 3000 and raw.total_problems == MAX_PROBLEMS + int(str(problems[-1]).split()[2].replace(",", ""))
    assert str(problems[-1]).startswith("… and ") and str(problems[-1]).endswith(" more problems")
    result = CliRunner().invoke(main, ["check", str(data_copy)])
    lines = result.output.splitlines()
    assert result.exit_code == 1 and len(lines) == MAX_PROBLEMS + 2
    assert lines[MAX_PROBLEMS] == problems[-1].__str__()


def test_a_huge_value_is_quoted_back_cut(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    line = line_of(path, "id: guam")  # the reader names the organization's mapping
    path.write_text(path.read_text(encoding="utf-8").replace("kind: political", "kind: " + "z" * 100_000, 1),
                    encoding="utf-8")
    found = problems_of(data_copy)
    mine = [p for p in found if p.startswith(f"orgs/guam.yaml:{line}: kind 'zzz")]
    assert len(mine) == 1 and len(mine[0]) <= len(f"orgs/guam.yaml:{line}: ") + MAX_MESSAGE
    assert mine[0].endswith("…")
    assert all(len(p) < 400 for p in found)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_symlink_to_a_device_is_refused_without_reading(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    path.unlink()
    path.symlink_to("/dev/zero")
    with alarm(10):
        found = problems_of(data_copy)
    assert "orgs/guam.yaml: a device, not a regular file: refused" in found


def test_a_fifo_is_refused_without_blocking(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    path.unlink()
    os.mkfifo(path)
    with alarm(10):
        found = problems_of(data_copy)
        result = CliRunner().invoke(main, ["check", str(data_copy)])
    assert "orgs/guam.yaml: a FIFO (named pipe), not a regular file: refused" in found
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_deep_nesting_is_refused(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "nesting: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    line = text.count("\n") + 1
    assert problems_of(data_copy) == [f"orgs/guam.yaml:{line}: nested more than {MAX_DEPTH} levels deep"]
    path.write_text(text + "nesting: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    found = problems_of(data_copy)  # libyaml's own limit, reported as syntax
    assert found[0].startswith(f"orgs/guam.yaml:{line}: YAML syntax: exceeded maximum nesting depth")


def test_python_tags_are_refused(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    line = line_of(path, "kind: political")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kind: political", "kind: !!python/object/apply:os.system ['touch /tmp/pwned']", 1), encoding="utf-8")
    assert problems_of(data_copy)[0] == (f"orgs/guam.yaml:{line}: YAML tag 'tag:yaml.org,2002:python/object/"
                                         "apply:os.system' is not allowed in a data file")


# ---------------------------------------------------------------------------- content that would be lost
def test_an_emptied_organization_file_is_an_error(data_copy):
    (data_copy / "orgs" / "guam.yaml").write_text("# emptied by mistake\n", encoding="utf-8")
    assert problems_of(data_copy) == ["orgs/guam.yaml: empty file: a data file holds at least one entry"]
    (data_copy / "orgs" / "guam.yaml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(data_copy)])
    assert result.exit_code == 1 and result.output.startswith("orgs/guam.yaml: empty file")


@pytest.mark.parametrize("file, old, new, message", [
    ("orgs/guam.yaml", "\nevents:", "\nevnets:",
     "unknown key 'evnets' in an organization (did you mean 'events'?)"),
    ("orgs/csto.yaml", "    status: participant", "    stauts: participant",
     "unknown key 'stauts' in an event (did you mean 'status'?)"),
    ("orgs/guam.yaml", '  signed: "2006-05-23"', '  sigend: "2006-05-23"',
     "unknown key 'sigend' in the founding treaty (did you mean 'signed'?)"),
    ("orgs/csto.yaml", "  zh-Hant: [seed]", "  zh-hant: [seed]",
     "unknown key 'zh-hant' in name_sources (did you mean 'zh-Hant'?)"),
    ("orgs/csto.yaml", "    event: founded", "    event: founded\n    dispte: csto-founded",
     "unknown key 'dispte' in an event (did you mean 'dispute'?)"),
    ("sources.yaml", "  publisher: \"24.kg\"", "  publsher: \"24.kg\"",
     "unknown key 'publsher' in a source (did you mean 'publisher'?)"),
    ("states.yaml", "  exists:", "  exsits:", "unknown key 'exsits' in a state (did you mean 'exists'?)"),
    ("organs.yaml", "  level: highest", "  levle: highest", "unknown key 'levle' in an organ (did you mean 'level'?)"),
    ("depth.yaml", "  value: free_trade_area", "  vaule: free_trade_area",
     "unknown key 'vaule' in a depth entry (did you mean 'value'?)"),
    ("orgs/guam.yaml", "\nkind: political", "\nkind: political\nwebsite: https://guam-organization.org",
     "unknown key 'website' in an organization"),
])
def test_a_misspelt_key_is_an_error_with_a_suggestion(data_copy, file, old, new, message):
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    bad_key = message.split("'")[1]
    line = line_of(path, bad_key + ":")
    assert f"{file}:{line}: {message}" in problems_of(data_copy)


def test_an_unknown_title_language_suggests_one(data_copy):
    path = data_copy / "orgs" / "cis.yaml"
    old = "      zh-Hant: \"獨立國協國家元首理事會於明斯克通過《獨立國家國協憲章》；烏克蘭未簽署。\""
    line = line_of(path, old)
    path.write_text(path.read_text(encoding="utf-8").replace(old, old.replace("zh-Hant", "zh-hant"), 1),
                    encoding="utf-8")
    assert (f"orgs/cis.yaml:{line}: 'title' has unknown language(s) zh-hant; use en, zh-Hant, ru "
            "(did you mean 'zh-Hant'?)") in problems_of(data_copy)


def test_a_duplicate_key_names_both_lines(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    first = line_of(path, "kind: political")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "kind: security\n", encoding="utf-8")
    second = text.count("\n") + 1
    assert problems_of(data_copy) == [f"orgs/guam.yaml:{second}: duplicate key 'kind' (first at line {first}): "
                                      "a key may appear once"]


def test_a_duplicate_key_inside_an_event(data_copy):
    path = data_copy / "orgs" / "csto.yaml"
    first = line_of(path, "    status: participant")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    status: participant", "    status: participant\n    status: member", 1), encoding="utf-8")
    assert problems_of(data_copy) == [f"orgs/csto.yaml:{first + 1}: duplicate key 'status' (first at line {first}): "
                                      "a key may appear once"]


def test_the_bundled_data_still_loads_with_no_problem(atlas):
    # its speed is benchmarks/start.py's to measure, never a timed unit test's
    raw = load_folder()
    assert check(raw) == []
    assert len(raw.orgs) == len(atlas.orgs) and len(raw.events) == len(atlas.events)


# ---------------------------------------------------------------------------- properties
KEY = st.text(alphabet=st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")) | st.just("_"),
              min_size=1, max_size=12)
FOLDER_SETTINGS = settings(max_examples=40, deadline=None,
                           suppress_health_check=[HealthCheck.function_scoped_fixture])


@FOLDER_SETTINGS
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_is_problems_never_a_crash(data_copy, text):
    path = data_copy / "orgs" / "guam.yaml"
    path.write_text(text, encoding="utf-8")
    raw = load_folder(data_copy)
    problems = check(raw)
    assert len(problems) <= MAX_PROBLEMS + 1
    for problem in problems:
        assert len(problem.message) <= MAX_MESSAGE


@FOLDER_SETTINGS
@given(key=KEY.filter(lambda k: k not in ORG.allowed))
def test_any_unknown_top_level_key_is_named_at_its_line(data_copy, key):
    path = data_copy / "orgs" / "guam.yaml"
    original = (Path(blocmap.core.loader.BUNDLED) / "orgs" / "guam.yaml").read_text(encoding="utf-8")
    path.write_text(original + f"{key}: 1\n", encoding="utf-8")
    line = original.count("\n") + 1
    found = [str(p) for p in check(load_folder(data_copy))]
    assert len(found) == 1 and found[0].startswith(f"orgs/guam.yaml:{line}: unknown key '{key}' in an organization")


@settings(max_examples=60, deadline=None)
@given(data=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEY, inner, max_size=4),
                         max_leaves=20))
def test_plain_yaml_reads_back_equal(data):
    from blocmap.core.loader import parse_yaml

    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    assert parse_yaml(text) == yaml.safe_load(text)


# ---------------------------------------------------------------------------- indicators/ of a data folder
def test_indicator_files_are_read_bounded(data_copy):
    vintage = data_copy / "indicators" / "vintage.yaml"
    line = line_of(vintage, "  licence:")
    vintage.write_text(vintage.read_text(encoding="utf-8").replace("  licence:", "  license:", 1), encoding="utf-8")
    found = problems_of(data_copy)
    assert f"indicators/vintage.yaml:{line}: unknown key 'license' in an indicator entry (did you mean 'licence'?)" \
        in found
    target = data_copy / "indicators" / "gdp.csv.gz"
    target.unlink()
    os.mkfifo(target)
    with alarm(10):
        found = problems_of(data_copy)
    assert "indicators/gdp.csv.gz: a FIFO (named pipe), not a regular file: refused" in found
    vintage.write_text("- indicator: gdp\n  file: &f x\n", encoding="utf-8")
    assert problems_of(data_copy) == ["indicators/vintage.yaml:2: YAML anchors and aliases are not allowed in a "
                                      "data file (found '&f'); write the value out"]


def test_a_number_too_long_to_convert_is_a_problem(data_copy):
    path = data_copy / "orgs" / "guam.yaml"
    line = line_of(path, "kind: political")
    path.write_text(path.read_text(encoding="utf-8").replace("kind: political", "kind: " + "9" * 5000, 1),
                    encoding="utf-8")
    found = problems_of(data_copy)
    assert len(found) == 1 and found[0].startswith(f"orgs/guam.yaml:{line}: cannot read the value: ")
