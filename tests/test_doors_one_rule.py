"""One rule in every door for days, languages and arguments (issue 19 items 4-6, issue 20 items 3
and 6): each wrong input is one clear line naming the parameter, in the CLI and in Python."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from click.testing import CliRunner

import blocmap
from blocmap.cli import main


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, (result.stdout + result.stderr).strip()


def test_a_future_day_is_refused_in_the_cli_and_in_python():
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    code, out = run("members", "eaeu", "--on", tomorrow)
    assert code == 1 and out == (f"blocmap: error: on: {tomorrow} is after today ({dt.date.today()}); "
                                 "the atlas records only days that have happened")
    with pytest.raises(blocmap.QueryError) as info:
        blocmap.members("eaeu", on=tomorrow)
    assert info.value.parameter == "on"
    # today itself is answered
    assert run("members", "eaeu", "--on", dt.date.today().isoformat())[0] == 0


def test_a_day_before_the_first_event_is_said():
    code, out = run("members", "eaeu", "--on", "1990-01-01")
    assert code == 1 and out == "blocmap: error: eaeu: nothing on 1990-01-01: its first recorded event is on 2014-05-29"
    # from its first event on, a day is answered, even before the first member (the treaty signed)
    assert run("members", "eaeu", "--on", "2014-05-29") == (0, "(none)")
    code, out = run("members", "eaeu", "--on", "2015-01-01")
    assert code == 0 and "BLR" in out
    code, out = run("members", "eaeu", "--on", "1990-01-01", "--lang", "ru")
    assert "первое записанное событие — 2014-05-29" in out


def test_diff_with_its_days_reversed_is_an_error():
    code, out = run("diff", "2016-01-01", "2014-01-01")
    assert code == 1 and out == "blocmap: error: date2: 2014-01-01 is before 2016-01-01; give the earlier day first"
    with pytest.raises(blocmap.QueryError):
        blocmap.diff("2016-01-01", "2014-01-01")


@pytest.mark.parametrize("given,said", [
    ("16", "on: '16' is not a day: write YYYY-MM-DD or 'today'"),
    ("2016", "on: '2016' is a year; a question needs a day (YYYY-MM-DD)"),
    ("2016-02", "on: '2016-02' is a month; a question needs a day (YYYY-MM-DD)"),
])
def test_the_rule_and_the_message_agree(given, said):
    code, out = run("members", "cis", "--on", given)
    assert code == 1 and out == f"blocmap: error: {said}"


@pytest.mark.parametrize("kwargs,said", [
    ({"status": 123}, "status: expected str | list[str], not int"),
    ({"on": 5}, "on: expected str | datetime.date, not int"),
    ({"lang": "xx"}, "lang: unknown language 'xx'"),
    ({"colour": "red"}, "members(): got an unexpected keyword argument 'colour'"),
])
def test_python_arguments_are_checked(kwargs, said):
    with pytest.raises(blocmap.BlocmapError) as info:
        blocmap.members("cis", **kwargs)
    assert str(info.value).startswith(said)


def test_python_names_python_arguments_and_the_cli_its_flags():
    with pytest.raises(blocmap.QueryError) as info:
        blocmap.org_years("cis", start=2010, end=2000)
    assert str(info.value) == "end 2000 is before start 2010"
    code, out = run("export", "org-year", "--orgs", "cis", "--from", "2010", "--to", "2000")
    assert code == 1 and out == "blocmap: error: --to 2000 is before --from 2010"


def test_a_huge_argument_is_cut_in_the_error():
    with pytest.raises(blocmap.QueryError) as info:
        blocmap.members("x" * 10_000_000)
    assert len(str(info.value)) < 120 and str(info.value).startswith("unknown organization 'xxxx")


def test_a_language_in_the_environment_reaches_the_answers():
    code, out = run("members", "eaeu", "--on", "2016-01-01", env={"BLOCMAP_LANG": "zh-Hant"})
    assert code == 0 and "亞美尼亞" in out and "正式成員" in out
    code, out = run("members", "eaeu", "--on", "2016-01-01", env={"BLOCMAP_LANG": "", "LANG": "ru_RU.UTF-8"})
    assert code == 0 and "Армения" in out
    # --lang wins; JSON keeps its field names and ids
    code, out = run("members", "eaeu", "--on", "2016-01-01", "--lang", "en", env={"BLOCMAP_LANG": "ru"})
    assert "Armenia" in out
    code, out = run("members", "eaeu", "--on", "2016-01-01", "--format", "json", env={"BLOCMAP_LANG": "ru"})
    assert '"status": "member"' in out and '"name": "Армения"' in out


def test_a_state_that_exists_to_the_end_of_the_calendar(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(blocmap.load().folder, folder)
    path = folder / "states.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('- {from: "1919-08-08", source: cow-states-2024}',
                        '- {from: "1919-08-08", to: "9999-12-31", source: cow-states-2024}', 1)
    path.write_text(text, encoding="utf-8")
    assert run("check", str(folder))[0] == 0
    code, out = run("members", "sco", "--on", "2016-01-01", "--data", str(folder))
    assert code == 0 and "AFG" in out


def test_problems_of_a_huge_file_are_bounded(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(blocmap.load().folder, folder)
    path = folder / "orgs" / "guam.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("\ndisputes:")
    path.write_text(head + "\n" + "".join("  - {}\n" for _ in range(100_000)), encoding="utf-8")
    code, out = run("check", str(folder))
    lines = out.splitlines()
    assert code == 1
    assert "orgs/guam.yaml: … and 299,950 more problems in this file, not listed" in lines
    # 300,000 for the empty events, and the removed disputes that events still name
    assert lines[-1] == f"300002 problems in {folder}"
    assert len(lines) <= 102


def test_unrelated_files_in_a_data_folder_are_not_read(tmp_path, monkeypatch):
    """The cache key reads only the files the layout names: a file beside them changes nothing,
    an edit of a named file makes a new key."""
    from blocmap.core.cache import fingerprint

    folder = tmp_path / "data"
    shutil.copytree(blocmap.load().folder, folder)
    key = fingerprint(folder)
    junk = folder / "junk"
    junk.mkdir()
    for i in range(200):
        (junk / f"f{i}.yaml").write_text("not: data\n")
    assert fingerprint(folder) == key
    (folder / "orgs" / "cis.yaml").write_text((folder / "orgs" / "cis.yaml").read_text() + "\n")
    assert fingerprint(folder) != key


@pytest.mark.parametrize("given,lang", [("觀察員", "zh-Hant"), ("наблюдатель", "ru"), ("observer", "en")])
def test_statuses_typed_in_the_readers_language(given, lang):
    code, out = run("members", "sco", "--on", "2016-01-01", "--status", given, "--format", "json")
    import json

    assert code == 0 and {r["status"] for r in json.loads(out)} == {"observer"}


@pytest.mark.parametrize("given,hint", [("哈薩克斯坦", "'KAZ'"), ("ЕЭАС", "'eaeu'")])
def test_common_variants_get_suggestions(given, hint):
    code, out = run("memberships" if given.startswith("哈") else "members", given)
    assert code == 1 and f"(did you mean {hint}" in out


def test_text_is_never_written_under_a_spreadsheets_name(tmp_path):
    target = tmp_path / "out.xlsx"
    code, out = run("export", "state-year", "--orgs", "cis", "--from", "2010", "--to", "2011", "-o", str(target))
    assert code == 1 and "this answer is text (CSV, JSON, Markdown or a table), not a .xlsx file" in out
    assert not target.exists()


def test_a_busy_port_is_one_line(tmp_path):
    import socket

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    try:
        code, out = run("--lang", "ru", "serve", "--port", str(port))
    finally:
        busy.close()
    assert code == 1 and out == (f"blocmap: ошибка: --port {port}: не удаётся слушать 127.0.0.1:{port} "
                                 "(там уже слушает другая программа)")
