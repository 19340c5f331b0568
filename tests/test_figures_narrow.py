"""The Euler diagram laid out for a phone (issue 19, item 10): a number in each zone, the states
in a key under the diagram, every line wrapped at the diagram's width, and the zone checker
proving the numbers as it proves the names.  Answers written out by hand for the post-Soviet
five on days whose zones are easy to state."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from shapely import box as rectangle

from blocmap.core.model import POST_SOVIET
from blocmap.features.figures import api
from blocmap.features.figures.adapter import change_days
from blocmap.features.figures.check import LayoutCheckError, check_layout, verify
from blocmap.features.figures.euler import NARROW_SIZE, euler_layout
from blocmap.features.figures.measure import default_font, text_size, wrap_fully
from blocmap.features.figures.zones import ZoneMark

#: The widest drawing whose 12 pt text is 11 px or more in a 322 px box (a 390 px phone's).
WIDEST = NARROW_SIZE * 322 / 11


def narrow(atlas, day: str, lang: str = "en"):
    return api.euler(atlas, dt.date.fromisoformat(day), None, lang, dated=False, narrow=True).layout


def zones_of(layout) -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    return {m.number: (frozenset(m.sets), m.members) for m in layout.marks}


def test_2024_12_26_numbers_five_zones_in_reading_order_and_keys_them(atlas):
    layout = narrow(atlas, "2024-12-26")
    assert zones_of(layout) == {
        "1": ({"cis"}, ("AZE", "TKM", "UZB")),
        "2": ({"cis", "csto"}, ("TJK",)),
        "3": ({"cis", "csto", "eaeu", "customs_union"}, ("KAZ", "KGZ")),
        "4": ({"cis", "eaeu", "customs_union"}, ("ARM",)),
        "5": ({"cis", "csto", "eaeu", "customs_union", "union_state"}, ("BLR", "RUS")),
    }
    # reading order: each number lower (or on the same line and further left) than the one before
    tops = [(m.box[1], m.box[0]) for m in layout.marks]
    assert [m.number for m in layout.marks] == ["1", "2", "3", "4", "5"]
    assert tops[0] < tops[1] < tops[2] and tops[2][0] < tops[4][0]
    keys = [t.text for t in layout.texts if t.role == "key"]
    assert keys == ["1", "Azerbaijan, Turkmenistan, Uzbekistan\u2020", "2", "Tajikistan",
                    "3", "Kazakhstan, Kyrgyzstan", "4", "Armenia*", "5", "Belarus, Russia",
                    "EAEU = EAEU Customs Union"]
    # the curve of two identical sets carries the first name; the key says it is both
    assert {s.id: s.label for s in layout.sets}["customs_union"] == "EAEU"
    assert layout.elements == []  # no state's name in the diagram: the key has them all
    assert "Moldova (CIS: ceased participation," in [t.text for t in layout.texts if t.role == "outside"]
    assert layout.element_size == NARROW_SIZE == 12.0


def test_the_key_is_in_the_readers_language_and_punctuation(atlas):
    zh = [t.text for t in narrow(atlas, "2024-12-26", "zh-Hant").texts if t.role == "key"]
    assert "\u4fc4\u7f85\u65af\u3001\u767d\u4fc4\u7f85\u65af" in zh  # Russia, Belarus with the CJK list mark
    ru = [t.text for t in narrow(atlas, "2024-12-26", "ru").texts if t.role == "key"]
    assert "\u0422\u0430\u0434\u0436\u0438\u043a\u0438\u0441\u0442\u0430\u043d" in ru  # Tajikistan
    assert all(not re.search("[A-Za-z]{3}", line) for line in zh + ru if line not in {"1", "2", "3", "4", "5"})


def test_1992_06_01_has_one_zone_holding_the_first_members(atlas):
    layout = narrow(atlas, "1992-06-01")
    assert [m.number for m in layout.marks] == ["1", "2"] or [m.number for m in layout.marks] == ["1"]
    everyone = {e for m in layout.marks for e in m.members}
    assert {"RUS", "BLR", "UKR", "KAZ"} <= everyone
    assert "GEO" not in everyone  # Georgia joined the CIS in 1993


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
def test_every_change_day_draws_narrow_checked_and_small_enough_for_a_phone(atlas, lang):
    """Every drawing the home page can show on a phone passes the zone checker and is at most
    WIDEST points wide, so its 12 pt text is at least 11 px in the phone's box."""
    days = [d for d in change_days(atlas, list(POST_SOVIET)) if d >= dt.date(1991, 12, 21)]
    assert len(days) > 20
    for day in days:
        layout = api.euler(atlas, day, None, lang, dated=False, narrow=True).layout
        assert layout is not None and check_layout(layout).ok, day
        assert layout.width <= WIDEST, (day, layout.width)
        assert min(t.size for t in layout.texts) == NARROW_SIZE  # notes too: no smaller print
        drawn = sorted(e for m in layout.marks for e in m.members)
        assert drawn == sorted(set().union(*layout.data.values())), day  # each state once


def test_the_wide_drawing_is_unchanged_by_the_narrow_one(atlas):
    wide = api.euler(atlas, dt.date(2024, 12, 26), None, "en", dated=False).layout
    assert wide.marks == [] and {e.id for e in wide.elements} >= {"RUS", "BLR", "ARM"}
    assert {s.id: s.label for s in wide.sets}["customs_union"] == "EAEU = EAEU Customs Union"
    assert api.drawing_key(atlas, list(POST_SOVIET), dt.date(2024, 12, 26), "en", narrow=True) == \
        api.drawing_key(atlas, list(POST_SOVIET), dt.date(2024, 12, 26), "en") + "-narrow"


# --- the checker proves the numbers ------------------------------------------------------------

def small_layout(**changes):
    layout = euler_layout({"A": frozenset("xy"), "B": frozenset("y")}, {"A": "A", "B": "B"},
                          {"x": "x", "y": "y"}, narrow=True)
    for name, value in changes.items():
        setattr(layout, name, value)
    return layout


def test_a_small_narrow_layout_passes_and_numbers_each_zone():
    layout = small_layout()
    verify(layout)
    assert zones_of(layout) == {"1": ({"A"}, ("x",)), "2": ({"A", "B"}, ("y",))}


def test_a_number_outside_its_zone_is_caught():
    layout = small_layout()
    one, two = layout.marks
    moved = ZoneMark(one.number, one.sets, one.members, two.box)  # zone 1's number in zone 2
    layout.marks = [moved, two]
    report = check_layout(layout)
    assert "zone number 1 is not inside its zone {A}" in report.problems
    with pytest.raises(LayoutCheckError):
        verify(layout)


def test_a_state_left_out_of_the_numbers_or_listed_in_the_wrong_zone_is_caught():
    layout = small_layout()
    one, two = layout.marks
    layout.marks = [one, ZoneMark(two.number, two.sets, (), two.box)]
    assert check_layout(layout).problems == ["y is not drawn"]
    layout.marks = [ZoneMark(one.number, one.sets, ("x", "y"), one.box), ZoneMark(two.number, two.sets, (), two.box)]
    assert check_layout(layout).problems == ["y is listed in ['A'], data says ['A', 'B']"]


def test_two_numbers_on_each_other_are_caught():
    layout = small_layout()
    one, two = layout.marks
    layout.marks = [one, ZoneMark(two.number, one.sets, two.members, one.box)]
    problems = check_layout(layout).problems
    assert "zone number 1 overlaps zone number 2" in problems


def test_json_gives_the_numbers():
    data = small_layout().to_json()
    assert [(m["number"], m["sets"], m["members"]) for m in data["marks"]] == [("1", ["A"], ["x"]),
                                                                              ("2", ["A", "B"], ["y"])]
    assert "marks" not in euler_layout({"A": frozenset("x")}, {"A": "A"}, {"x": "x"}).to_json()


# --- lines broken for a phone -------------------------------------------------------------------

def test_wrap_fully_breaks_a_long_piece_again_at_spaces_and_at_cjk_marks():
    font = default_font(12.0)
    text = "Source: blocmap 0.1.0 atlas; the sources of each membership: blocmap members ORG --on DATE"
    lines = wrap_fully(text, font, 200)
    assert " ".join(lines).replace("; ", ";") .replace(";", "; ") == text.replace("; ", "; ")
    assert all(text_size(line, font)[0] <= 200 for line in lines)
    assert lines[0] == "Source: blocmap 0.1.0 atlas;"
    cjk = "\u4e9e\u585e\u62dc\u7136\u3001\u571f\u5eab\u66fc\u3001\u70cf\u8332\u5225\u514b"  # three names joined by the CJK mark
    assert wrap_fully(cjk, font, 60) == ["\u4e9e\u585e\u62dc\u7136\u3001", "\u571f\u5eab\u66fc\u3001",
                                         "\u70cf\u8332\u5225\u514b"]
    assert wrap_fully("Uzbekistan", font, 10) == ["Uzbekistan"]  # one word wider than the line keeps its line
    assert wrap_fully("a; b;", font, 5) == ["a;", "b;"]  # a mark at the end is no place to break


def test_the_cli_draws_the_narrow_layout_on_request(tmp_path):
    from click.testing import CliRunner

    from blocmap.cli import main

    target = tmp_path / "narrow.json"
    result = CliRunner().invoke(main, ["figure", "euler", "--on", "2024-12-26", "--narrow", "-o", str(target)])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(target.read_text(encoding="utf-8"))
    assert [m["number"] for m in data["marks"]] == ["1", "2", "3", "4", "5"] and data["width"] <= WIDEST
    wide = tmp_path / "wide.json"
    assert CliRunner().invoke(main, ["figure", "euler", "--on", "2024-12-26", "-o", str(wide)]).exit_code == 0
    assert "marks" not in json.loads(wide.read_text(encoding="utf-8"))
