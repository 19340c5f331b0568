"""The report works on every day the atlas covers, in every language and format, and a report of a
day shows nothing from after it."""

from __future__ import annotations

import pytest

from blocmap.features.paper.timeline_chart import _rows
from blocmap.features.report.build import render_report, report_context

#: days across the whole range: before any organization, Comecon's first year, the Soviet Union's
#: last weeks, the CIS's first years, the Customs Union's, the day before the EAEU, recent days
DAYS = ("1900-01-01", "1949-01-25", "1950-01-01", "1991-12-10", "2003-06-01", "2008-06-01",
        "2014-12-31", "2024-06-01")


@pytest.fixture(autouse=True)
def _no_user_data(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("BLOCMAP_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("lang", ("en", "zh-Hant", "ru"))
def test_the_html_report_renders_on_any_day(atlas, day, lang):
    html = render_report(atlas, day, lang, "html").decode("utf-8")
    assert day in html
    assert "Traceback" not in html


def test_a_day_before_every_organization_says_so(atlas):
    html = render_report(atlas, "1950-01-01", "en", "html").decode("utf-8")
    assert "None of these organizations existed on 1950-01-01." in html
    ru = render_report(atlas, "1950-01-01", "ru", "html").decode("utf-8")
    assert "На 1950-01-01 ни одной из этих организаций не существовало." in ru
    # the CIS appears in the report of 1991-12-10, two days after its founding
    assert "None of these organizations" not in render_report(atlas, "1991-12-10", "en", "html").decode("utf-8")


def test_timelines_hold_only_organizations_with_members_by_the_day(atlas):
    captions = [t["caption"] for t in report_context(atlas, "2003-06-01", "en")["timelines"]]
    # the EAEU (2015) has no member in 2003; the CIS, the CST/CSTO and the Union State have
    assert len(captions) == 3 and not any("Eurasian Economic Union" in c for c in captions)
    assert report_context(atlas, "1950-01-01", "en")["timelines"] == []
    assert report_context(atlas, "1950-01-01", "en")["asymmetry"]["share_chart"] is None


def test_a_timeline_of_a_day_draws_no_state_that_came_later(atlas):
    import datetime as dt

    states = {r["state"] for r in _rows(atlas, ["sco"], dt.date(2024, 6, 1))}
    assert "IND" in states and "BLR" in states  # members since 2017 and (an observer before) 2024
    late = {r["state"] for r in _rows(atlas, ["eaeu"], dt.date(2024, 6, 1))}
    assert "IRN" not in late  # an EAEU observer only from 2024-12-26
    assert "IRN" in {r["state"] for r in _rows(atlas, ["eaeu"], dt.date(2025, 1, 1))}
    for row in _rows(atlas, ["eaeu", "sco", "cis"], dt.date(2003, 6, 1)):
        assert row["spells"], row["state"]
        assert all(start <= dt.date(2003, 6, 1) for _, start, _, _ in row["spells"])


@pytest.mark.parametrize("day,fmt,lang", [("1991-12-10", "pdf", "zh-Hant"), ("1950-01-01", "png", "ru")])
def test_pdf_and_png_on_old_days(atlas, day, fmt, lang):
    data = render_report(atlas, day, lang, fmt)
    assert data.startswith(b"%PDF" if fmt == "pdf" else b"\x89PNG")
