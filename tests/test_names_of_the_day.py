"""Every door names an organization (and a state) as it was called on the day asked about, with
today's name beside it; ids stay stable."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import blocmap
from blocmap.answers import Answers
from blocmap.cli import main


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("day,name,acronym", [
    ("1960-01-01", "European Economic Community", "EEC"),
    ("1967-06-30", "European Economic Community", "EEC"),   # the last day of the EEC's name
    ("1967-07-01", "European Communities", "EC"),           # the Merger Treaty in force
    ("1980-01-01", "European Communities", "EC"),
    ("1993-10-31", "European Communities", "EC"),
    ("1993-11-01", "European Union", "EU"),                 # Maastricht in force
    ("2024-01-01", "European Union", "EU"),
])
def test_the_eu_is_named_as_on_the_day(atlas, day, name, acronym):
    import datetime as dt

    on = dt.date.fromisoformat(day)
    assert atlas.org_name("eu", "en", on=on) == name
    assert atlas.org_name("eu", "en", short=True, on=on) == acronym
    rows = json.loads(run("members", "eu", "--on", day, "--format", "json"))
    assert {r["org_name"] for r in rows} == {acronym}
    assert {r["org_name_today"] for r in rows} == {"EU"}
    assert {r["org"] for r in rows} == {"eu"}  # the id stays


def test_names_of_the_day_in_every_language(atlas):
    import datetime as dt

    assert atlas.org_name("eu", "ru", short=True, on=dt.date(1960, 1, 1)) == "ЕЭС"
    assert atlas.org_name("eu", "zh-Hant", on=dt.date(1980, 1, 1)) != atlas.org_name("eu", "zh-Hant")


def test_the_orgs_list_and_python_agree_on_the_name_of_the_day(atlas):
    rows = {r["org"]: r for r in Answers(atlas).orgs("1980-01-01", "en")}
    assert rows["eu"]["name"] == "European Communities" and rows["eu"]["name_today"] == "European Union"
    frame = blocmap.members("eu", on="1980-01-01")
    assert set(frame.org_name) == {"EC"}


def test_show_lists_former_names_with_their_last_day():
    out = run("show", "eu")
    assert "formerly: European Economic Community / EEC (until 1967-06-30)" in out
    assert "formerly: European Communities / EC (until 1993-10-31)" in out
    ru = run("show", "eu", "--lang", "ru")
    assert "прежнее название: Европейское экономическое сообщество" in ru


def test_a_state_is_named_as_on_the_day(atlas):
    """Turkey until the UN registered "Türkiye" (its letter of 1 June 2022), West Germany until 1990."""
    import datetime as dt

    assert atlas.state_name("TUR", "en", dt.date(2022, 5, 31)) == "Turkey"
    assert atlas.state_name("TUR", "en", dt.date(2022, 6, 1)) == atlas.state_name("TUR", "en") == "Türkiye"
    assert atlas.state_name("DEU", "zh-Hant", dt.date(1990, 10, 2)) == "西德"
    assert atlas.state_name("DEU", "ru", dt.date(1990, 10, 3)) == atlas.state_name("DEU", "ru")
    rows = json.loads(run("members", "nato", "--on", "2000-01-01", "--format", "json"))
    assert {r["name"] for r in rows if r["state"] == "TUR"} == {"Turkey"}
    assert {r["name"] for r in rows if r["state"] == "DEU"} == {"Germany"}
    history = json.loads(run("history", "TUR", "--format", "json"))
    assert all(r["name"] == "Turkey" for r in history if r["date"] < "2022-06")
    assert run("members", "nato", "--on", "1960-01-01").count("West Germany") == 1


def test_former_names_out_of_order_are_refused(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(blocmap.load().folder, folder)
    path = folder / "orgs" / "eu.yaml"
    text = path.read_text(encoding="utf-8").replace('until: "1993-10-31"', 'until: "1960-01-01"', 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert "orgs/eu.yaml:" in result.output and "former names must be oldest first" in result.output


def test_panels_name_each_row_as_at_the_end_of_its_year():
    orgs = blocmap.org_years("eu", start=1960, end=1995).set_index("year")
    assert orgs.loc[1966, "name"] == "European Economic Community"
    assert orgs.loc[1967, "name"] == "European Communities"  # the Merger Treaty in force 1967-07-01
    assert orgs.loc[1993, "name"] == "European Union"  # Maastricht in force 1993-11-01
    states = blocmap.state_years("nato", start=1960, end=1991)
    names = states[states.state == "DEU"].groupby("year")["name"].agg(set)
    assert names[1960] == {"West Germany"} and names[1989] == {"West Germany"}
    # 1990: COW's 260 (the Federal Republic until 1990-10-02) and 255 (united Germany) each have a row
    assert names[1990] == {"West Germany", "Germany"} and names[1991] == {"Germany"}
