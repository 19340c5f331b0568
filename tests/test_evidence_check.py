"""The evidence standard, enforced by check (issue 21): refused publishers, web addresses only, no
status change resting on encyclopedias alone without saying why, and every citation quoted."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import blocmap
from blocmap.cli import main
from blocmap.features.evidence import read_refused, standing
from blocmap.features.quality import quality


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture()
def folder(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(blocmap.load().folder, target)
    return target


def test_the_bundled_data_meets_the_standard(atlas):
    changes = [e for e in atlas.events if e.status is not None]
    met = [e for e in changes if standing(e, atlas.sources).meets]
    assert len(changes) > 450 and len(met) / len(changes) >= 0.95
    # every citation of a status change carries the source's own words
    assert all(e.citations and all(c.quote for c in e.citations) for e in changes)
    # a status change on encyclopedias alone says what is out of reach, in three languages
    weak = [e for e in changes if standing(e, atlas.sources).weak]
    assert weak and all(e.evidence_gap and set(e.texts["evidence_gap"]) == {"en", "zh-Hant", "ru"} for e in weak)


def test_no_refused_publisher_is_in_the_bibliography(atlas):
    from blocmap.core.loader import load_folder

    refused = read_refused(load_folder(atlas.folder))
    assert any(r.domain == "einpresswire.com" for r in refused) and len(refused) > 30
    assert not [k for k, s in atlas.sources.items() if any(r.matches(s.url) or r.matches(s.seen_at) for r in refused)]


def test_check_refuses_a_press_release_wire_where_it_is_listed_and_cited(folder):
    sources = folder / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + (
        '- key: wire-2024-sweden\n  title: "Sweden is a NATO member"\n'
        '  url: "https://www.einpresswire.com/article/694151149/sweden-is-a-nato-member"\n  kind: news\n'),
        encoding="utf-8")
    nato = folder / "orgs" / "nato.yaml"
    text = nato.read_text(encoding="utf-8").replace("sources: [", "sources: [wire-2024-sweden, ", 1)
    nato.write_text(text, encoding="utf-8")
    code, out = run("check", str(folder))
    assert code == 1
    assert "source 'wire-2024-sweden' is from a refused publisher (einpresswire.com); see refused.yaml for why" in out
    assert "orgs/nato.yaml:" in out and "cites 'wire-2024-sweden', a source from a refused publisher" in out
    code, ru = run("check", str(folder), "--lang", "ru")
    assert "от издателя, которого не цитируют (einpresswire.com)" in ru


def test_check_refuses_a_link_that_is_not_a_web_address(folder):
    sources = folder / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    first_url = next(line for line in text.splitlines() if line.startswith("  url: "))
    sources.write_text(text.replace(first_url, '  url: "javascript:alert(1)"', 1), encoding="utf-8")
    code, out = run("check", str(folder))
    assert code == 1 and "its url is a 'javascript:' link; a source's url must be http, https or doi" in out


def test_a_status_change_on_an_encyclopedia_alone_needs_its_gap_said(folder):
    """Kazakhstan's ratification of the CIS agreement (1991-12-23) is dated from Wikipedia's table
    alone and says so; without its evidence_gap the check fails and names the source."""
    cis = folder / "orgs" / "cis.yaml"
    text = cis.read_text(encoding="utf-8")
    start = text.index("    evidence_gap:\n      en: \"dated from Wikipedia's table alone")
    end = text.index("  - date: ", start)
    cis.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out = run("check", str(folder))
    assert code == 1
    assert "status change rests on encyclopedias alone (wp-cis-member-states)" in out
    assert "orgs/cis.yaml:" in out


def test_check_lists_the_status_changes_below_the_standard_and_the_shares(atlas):
    code, out = run("check")
    assert code == 0
    rows = {q["org"]: q for q in quality(atlas)}
    below = [w for q in rows.values() for w in q["below_standard"]]
    assert f"of {sum(q['status_changes'] for q in rows.values())} status changes" in out
    for where in below:
        assert f"below the evidence standard: {where}" in out
    assert rows["nato"]["meets_standard"] == 1.0 and rows["nato"]["quoted"] == 1.0
    code, out = run("check", "--format", "json")
    data = json.loads(out)
    assert {"meets_standard", "official_status", "quoted", "below_standard"} <= set(data["quality"][0])


def test_history_gives_each_citation_with_its_quote():
    code, out = run("history", "GEO", "--format", "json")
    rows = json.loads(out)
    exit_2009 = next(r for r in rows if r["org"] == "cis" and r["event"] == "withdrew")
    assert exit_2009["date"] == "2009-08-18" and exit_2009["title"]
    quotes = [c["quote"] for c in exit_2009["citations"]]
    assert all(quotes) and any("August 18" in q or "18 August" in q or "2009" in q for q in quotes)
    assert all(c["read"] and c["class"] in ("official", "scholarly", "news", "reference") for c in exit_2009["citations"])
    code, table = run("history", "GEO")
    assert "Sources, with their own words:" in table and "[1] " in table
