"""The home map over the atlas's whole time range: its first day, its default colouring and a
colour scale whose steps a reader can tell apart."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import blocmap
from blocmap.answers import Answers
from blocmap.web.views import COUNT_STEPS, Views, count_class

CSS = (Path(__file__).resolve().parents[1] / "src" / "blocmap" / "web" / "static" / "atlas.css").read_text("utf-8")


@pytest.fixture(scope="module")
def views():
    return Views(Answers(blocmap.load()))


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = map(_linear, _rgb(hex_colour))
    x, y, z = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116  # noqa: E731
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _luminance(hex_colour: str) -> float:
    r, g, b = map(_linear, _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_colour_steps_can_be_told_apart():
    """Each step of the count differs from the next by more than 20 in CIELAB (the old blues were
    8 apart), gets darker as the count grows, and keeps 3:1 against the land."""
    steps = [re.search(rf"--c{n}: (#[0-9a-f]{{6}})", CSS).group(1) for n in range(1, len(COUNT_STEPS) + 1)]
    land = re.search(r"--land: (#[0-9a-f]{6})", CSS).group(1)
    for a, b in zip(steps, steps[1:]):
        assert sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5 > 20, (a, b)
        assert _luminance(b) < _luminance(a), (a, b)
    for colour in steps:
        assert (_luminance(land) + 0.05) / (_luminance(colour) + 0.05) >= 3, colour
    assert f"svg.map .c{len(COUNT_STEPS)} {{ fill: var(--c{len(COUNT_STEPS)}); }}" in CSS


def test_count_steps():
    assert [count_class(n, None) for n in range(0, 10)] == [0, 1, 2, 3, 4, 5, 5, 6, 6, 6]
    assert [count_class(n, "post-soviet") for n in range(0, 7)] == [0, 1, 2, 3, 4, 5, 5]


def test_the_first_day_is_the_atlas_first_event(views):
    assert views.first_day == dt.date(1949, 1, 1)  # Comecon's founding, January 1949 (a month only)
    assert views.key_events("en")[0]["date"] < "1950-01-01"  # the slider's marks start there too


@pytest.mark.parametrize("day, state, count", [
    ("1950-06-01", "SUN", 1),   # the CMEA
    ("1960-01-01", "FRA", 3),   # CoE, EEC, NATO
    ("1960-01-01", "SUN", 2),   # CMEA, Warsaw Pact
    ("1991-12-26", "RUS", 1),   # the CIS (its CSCE seat from the next day)
    ("1991-12-27", "RUS", 2),
])
def test_the_default_colouring_means_something_on_old_days(views, day, state, count):
    data = views.day(day, "en")
    assert data["map"][state]["count"] == count
    assert sum(1 for v in data["map"].values() if v["count"]) > 10  # not a blank map


def test_no_membership_through_a_successor_is_counted(views):
    """Kazakhstan in 2016: the CES, the CST, the Customs Union and the Shanghai Five continue in the
    EAEU, the CSTO and the SCO; counted once each there."""
    data = views.day("2016-01-01", "en")
    assert data["map"]["KAZ"]["count"] == 8
    continuing = {o["id"] for o in data["orgs"] if o["continues"]}
    assert {"ces", "cst", "customs_union", "shanghai_five"} <= continuing


def test_a_state_is_not_drawn_on_the_day_it_ceased_to_exist(views):
    assert "SUN" in {f["state"] for f in views.day("1991-12-25", "en")["drawn_whole"]}
    on_the_day = views.day("1991-12-26", "en")
    assert "SUN" not in {f["state"] for f in on_the_day["drawn_whole"]}
    assert all(v.get("via") != "SUN" for v in on_the_day["map"].values())
