"""Organs and depth of integration: the bundled data, the comparison, and validation with file:line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from blocmap.features import depth, organs
from blocmap.cli import main
from blocmap.core.loader import load_folder
from blocmap.features.checks import check_folder as check


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_eaeu_organs_and_the_court_term_disagreement(atlas):
    found = {o.id: o for o in organs.organs(atlas, "eaeu")}
    assert {"seec", "eic", "eec", "eec_council", "eec_board", "court"} <= set(found)
    court = found["court"]
    assert court.seat == "Minsk" and "9 years" in court.term_of_office
    assert court.dispute == "eaeu-court-term"
    dispute = next(d for d in atlas.disputes if d.id == "eaeu-court-term")
    assert {c.value for c in dispute.claims} >= {"9 years", "10 years"}
    assert "qualified majority" in found["eec_board"].decision_rule
    assert found["seec"].names["zh-Hant"] == "最高歐亞經濟理事會"


def test_cis_csto_union_state_organs(atlas):
    cis = {o.id for o in organs.organs(atlas, "cis")}
    assert {"chs", "chg", "cfm", "cdm", "ipa", "executive_committee"} <= cis
    assert organs.organs(atlas, "CSTO") and organs.organs(atlas, "union_state")
    for organ in organs.organs(atlas):
        assert organ.sources, organ.id


def test_compare_side_by_side(atlas):
    rows = {r["dimension"]: r for r in depth.compare(atlas, ["cis", "union_state", "eaeu", "eu"])}
    assert rows["stage"]["cis_value"] == "free_trade_area"
    assert rows["stage"]["eaeu_value"] == "economic_union"
    assert rows["stage"]["eu_value"] == "economic_and_monetary_union"
    assert rows["common_currency"]["eu_value"] == "yes" and rows["common_currency"]["eaeu_value"] == "no"
    assert rows["supranational_binding_body"]["eaeu_value"] == "yes"
    assert rows["decision_rules"]["eaeu"].startswith("consensus")
    # the EU's organs are recorded from the TEU: the European Council decides by consensus (Art. 15(4))
    assert rows["decision_rules"]["eu"] == "consensus, except where the Treaties provide otherwise (TEU Art. 15(4))"
    assert all(rows["stage"][f"{o}_sources"] for o in ("cis", "union_state", "eaeu", "eu"))


def test_cli_organs_and_compare():
    result = run("compare", "cis", "union_state", "eaeu", "eu")
    assert result.exit_code == 0 and "free trade area" in result.output and "economic union" in result.output
    zh = run("compare", "cis", "eaeu", "--lang", "zh-Hant")
    assert "自由貿易區" in zh.output and "經濟聯盟" in zh.output
    data = json.loads(run("organs", "eaeu", "--format", "json").output)
    assert any(o["id"] == "court" and o["dispute"] == "eaeu-court-term" for o in data)
    assert run("organs", "nato").exit_code == 1
    assert "unknown organization 'csot'" in run("organs", "csot").output
    assert "no depth data" in run("compare", "sco").output


def _break(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_organs_and_depth_are_named_with_file_and_line(data_copy):
    _break(data_copy / "organs.yaml", "level: judicial", "level: judiciary")
    _break(data_copy / "depth.yaml", "value: free_trade_area", "value: free_trade_zone")
    _break(data_copy / "organs.yaml", "- cis-legislation-74195", "- no-such-source")
    problems = [str(p) for p in check(load_folder(data_copy))]
    assert any(p.startswith("organs.yaml:") and "level 'judiciary'" in p for p in problems), problems
    assert any(p.startswith("depth.yaml:") and "free_trade_zone" in p for p in problems), problems
    assert any(p.startswith("organs.yaml:") and "unknown source key 'no-such-source'" in p for p in problems)
    result = run("check", str(data_copy))
    assert result.exit_code == 1 and "organs.yaml:" in result.output


def test_broken_indicator_file_is_caught(data_copy):
    (data_copy / "indicators" / "gdp.csv.gz").write_bytes(b"not gzip")
    problems = [str(p) for p in check(load_folder(data_copy))]
    assert any("indicators/gdp.csv.gz" in p for p in problems), problems


def test_full_indicator_check_of_the_bundled_files():
    from blocmap.features.econ import check_bundled
    from blocmap.core.loader import BUNDLED

    assert check_bundled(BUNDLED, full=True) == []
