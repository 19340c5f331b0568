"""Every kind of bad data file is rejected with file, line and a clear message; `check` lists all."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import blocmap
from blocmap.cli import main
from blocmap.core.errors import DataError


def edit(folder: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in a data file; return the 1-based line where it was."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        blocmap.load(folder)
    return [str(p) for p in info.value.problems]


def event_line(folder: Path, name: str, anchor: str) -> int:
    """Line of the '- date:' entry that owns ``anchor``."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    at = next(i for i, l in enumerate(lines) if anchor in l)
    while not lines[at].lstrip().startswith("- date:"):
        at -= 1
    return at + 1


def test_bundled_data_is_clean():
    runner = CliRunner()
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_unknown_state(data_copy):
    edit(data_copy, "orgs/eaeu.yaml", "state: KGZ\n    event: joined", "state: KGZZ\n    event: joined")
    line = event_line(data_copy, "orgs/eaeu.yaml", "state: KGZZ")
    assert f"orgs/eaeu.yaml:{line}: unknown state 'KGZZ' (not in states.yaml)" in problems_of(data_copy)


def test_unknown_source_key(data_copy):
    edit(data_copy, "orgs/csto.yaml", "source: tass-687141", "source: tass-9999")
    line = event_line(data_copy, "orgs/csto.yaml", "source: tass-9999")
    assert (f"orgs/csto.yaml:{line}: unknown source key 'tass-9999' (event); add it to sources.yaml"
            in problems_of(data_copy))


def test_missing_source(data_copy):
    edit(data_copy, "orgs/cis.yaml", "    source: cntd-1901995\n", "")
    found = problems_of(data_copy)
    assert any(p.startswith("orgs/cis.yaml:") and "event has no source" in p for p in found)


def test_date_before_the_organization_existed(data_copy):
    edit(data_copy, "orgs/eaeu.yaml", 'date: "2015-01-02"', 'date: "2013-01-02"')
    found = problems_of(data_copy)
    assert any("orgs/eaeu.yaml:" in p and "joined on 2013-01-02 is before eaeu existed (founded 2015-01-01)" in p
               for p in found)


def test_date_after_the_state_ceased(data_copy):
    edit(data_copy, "orgs/warsaw_pact.yaml", 'date: "1990-09-24"', 'date: "1990-11-24"')
    line = event_line(data_copy, "orgs/warsaw_pact.yaml", '"1990-11-24"')
    assert (f"orgs/warsaw_pact.yaml:{line}: DDR did not exist on 1990-11-24 (see states.yaml)"
            in problems_of(data_copy))


def test_withdrawal_without_membership(data_copy):
    text = (data_copy / "orgs/guam.yaml").read_text(encoding="utf-8")
    (data_copy / "orgs/guam.yaml").write_text(text.replace(
        "events:\n", 'events:\n  - date: "2001-01-01"\n    state: KAZ\n    event: withdrew\n    source: jamestown-guuam\n', 1),
        encoding="utf-8")
    line = event_line(data_copy, "orgs/guam.yaml", "state: KAZ")
    assert (f"orgs/guam.yaml:{line}: KAZ withdrew guam on 2001-01-01 without having been a member or participant before"
            in problems_of(data_copy))


def test_contradictory_statuses_on_one_day(data_copy):
    text = (data_copy / "orgs/eaeu.yaml").read_text(encoding="utf-8")
    (data_copy / "orgs/eaeu.yaml").write_text(text.replace(
        "events:\n", 'events:\n  - date: "2015-01-02"\n    state: ARM\n    event: observer\n    source: eec-observer-status\n', 1),
        encoding="utf-8")
    found = problems_of(data_copy)
    assert any("contradictory statuses for ARM in eaeu on 2015-01-02: member and observer" in p for p in found)


def test_duplicate_event(data_copy):
    text = (data_copy / "orgs/eaeu.yaml").read_text(encoding="utf-8")
    dup = '  - date: "2015-01-02"\n    state: ARM\n    event: joined\n    source: ragmamoul-2015-armenia-eaeu\n'
    (data_copy / "orgs/eaeu.yaml").write_text(text.replace("events:\n", "events:\n" + dup, 1), encoding="utf-8")
    found = problems_of(data_copy)
    assert any("duplicate event: eaeu ARM joined 2015-01-02 already at line" in p for p in found)


@pytest.mark.parametrize("bad,message", [
    ('"2010-13-45"', "date: '2010-13-45' is not a date: month 13 does not exist"),
    ('"2015-02-30"', "date: '2015-02-30' is not a date: day 30 does not exist in 2015-02"),
    ('"summer 2015"', "date: 'summer 2015' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_malformed_dates(data_copy, bad, message):
    line = edit(data_copy, "orgs/eaeu.yaml", 'date: "2015-08-12"', f"date: {bad}")
    assert f"orgs/eaeu.yaml:{line}: {message}" in problems_of(data_copy)


def test_unknown_event_kind_and_status(data_copy):
    edit(data_copy, "orgs/eaeu.yaml", "event: joined", "event: joinned")
    edit(data_copy, "orgs/csto.yaml", "status: participant", "status: partner")
    line = event_line(data_copy, "orgs/eaeu.yaml", "event: joinned")
    line2 = event_line(data_copy, "orgs/csto.yaml", "status: partner")
    found = problems_of(data_copy)
    assert any(p.startswith(f"orgs/eaeu.yaml:{line}: unknown event 'joinned'; use one of") for p in found)
    assert any(p.startswith(f"orgs/csto.yaml:{line2}: unknown status 'partner'; use one of") for p in found)


def test_yaml_syntax_error_names_the_line(data_copy):
    line = edit(data_copy, "orgs/sco.yaml", "kind: security", "kind: [security")
    found = problems_of(data_copy)
    # libyaml notices the unclosed '[' on the next line, and says where it noticed it
    assert f"orgs/sco.yaml:{line + 1}: YAML syntax: did not find expected ',' or ']'" in found


def test_check_lists_every_problem_and_exits_1(data_copy):
    edit(data_copy, "orgs/eaeu.yaml", "state: KGZ\n    event: joined", "state: KGZZ\n    event: joined")
    edit(data_copy, "orgs/csto.yaml", "source: tass-687141", "source: tass-9999")
    edit(data_copy, "orgs/eaeu.yaml", 'date: "2015-01-02"', 'date: "2010-13-45"')
    result = CliRunner().invoke(main, ["check", str(data_copy)])
    assert result.exit_code == 1
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert any("unknown state 'KGZZ'" in l for l in lines)
    assert any("unknown source key 'tass-9999'" in l for l in lines)
    assert any("month 13 does not exist" in l for l in lines)
    assert "Traceback" not in result.output


def test_a_query_on_a_broken_folder_is_one_clean_error(data_copy):
    edit(data_copy, "orgs/csto.yaml", "source: tass-687141", "source: tass-9999")
    result = CliRunner().invoke(main, ["members", "csto", "--on", "2010-01-01", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "unknown source key 'tass-9999'" in result.output
    assert "Traceback" not in result.output


def test_missing_folder():
    result = CliRunner().invoke(main, ["check", "/nonexistent/blocmap-data"])
    assert result.exit_code == 1
    assert "/nonexistent/blocmap-data: no such data folder" in result.output


def test_event_title_languages_are_checked(data_copy):
    edit(data_copy, "orgs/cis.yaml", "      zh-Hant: \"獨立國協國家元首理事會於明斯克通過《獨立國家國協憲章》；烏克蘭未簽署。\"",
         "      zh-CN: \"独立国协国家元首理事会于明斯克通过独立国家国协宪章\"")
    found = problems_of(data_copy)
    assert any(p.startswith("orgs/cis.yaml:") and "'title' has unknown language(s) zh-CN; use en, zh-Hant, ru" in p
               for p in found)
