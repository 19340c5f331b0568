"""Euler layouts on the research report's fixtures: exact zones, containment, labels (en, zh-Hant)."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from shapely import Polygon, box

from blocmap.features.figures.check import MIN_GAP, check_layout, drawn_zones
from blocmap.features.figures.euler import euler_layout
from blocmap.features.figures.topology import required_zones, solve

FIXTURES = yaml.safe_load((Path(__file__).parent / "fixtures" / "figures" / "variants.yaml")
                          .read_text(encoding="utf-8"))
LANGS = ("en", "zh-Hant")


def sets_of(variant: str) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in FIXTURES[variant]["sets"].items()}


@pytest.fixture(scope="module")
def layouts(atlas):
    """Every fixture in every language, laid out once (the solver is the slow part)."""
    out = {}
    for variant in FIXTURES:
        sets = sets_of(variant)
        topo = solve(sets)
        elements = set().union(*sets.values())
        for lang in LANGS:
            out[variant, lang] = euler_layout(
                sets, {s: atlas.org_name(s, lang, short=True) for s in sets},
                {e: atlas.state_name(e, lang) for e in elements}, topology=topo,
                title=f"{variant} {lang}", caption=("caption line",))
    return out


CASES = [(v, lang) for v in FIXTURES for lang in LANGS]


@pytest.mark.parametrize("variant, lang", CASES)
def test_zones_are_exactly_the_data_plus_the_unavoidable_empty_ones(layouts, variant, lang):
    layout = layouts[variant, lang]
    sets = sets_of(variant)
    expected_empty = {frozenset(z) for z in FIXTURES[variant]["expected_empty"]}
    shapes = {s.id: Polygon(s.polygon) for s in layout.sets}
    zones = drawn_zones(shapes)
    assert set(zones) - {frozenset()} == required_zones(sets) | expected_empty
    assert {frozenset(z) for z in layout.empty_zones} == expected_empty
    for zone in required_zones(sets) | {frozenset()}:
        assert len(zones[zone]) == 1, f"zone {sorted(zone)} is in {len(zones[zone])} pieces"


@pytest.mark.parametrize("variant, lang", CASES)
def test_containment_and_disjointness_are_drawn(layouts, variant, lang):
    layout = layouts[variant, lang]
    sets = sets_of(variant)
    shapes = {s.id: Polygon(s.polygon) for s in layout.sets}
    for a, b in combinations(sorted(sets), 2):
        if sets[a] <= sets[b] or sets[b] <= sets[a]:
            inner, outer = (a, b) if sets[a] <= sets[b] else (b, a)
            assert shapes[inner].difference(shapes[outer]).area == pytest.approx(0, abs=1e-6)
            assert shapes[a].exterior.distance(shapes[b].exterior) >= MIN_GAP
        elif not sets[a] & sets[b]:
            assert shapes[a].distance(shapes[b]) >= MIN_GAP
        else:  # overlapping sets cross, at right angles, far from the others
            assert shapes[a].exterior.intersects(shapes[b].exterior)


@pytest.mark.parametrize("variant, lang", CASES)
def test_every_name_is_inside_its_zone_and_overlaps_nothing(layouts, variant, lang):
    layout = layouts[variant, lang]
    sets = sets_of(variant)
    shapes = {s.id: Polygon(s.polygon) for s in layout.sets}
    zones = drawn_zones(shapes)
    assert sorted(e.id for e in layout.elements) == sorted(set().union(*sets.values()))
    boxes = [box(*e.box) for e in layout.elements] + [box(*s.label_box) for s in layout.sets]
    for element in layout.elements:
        signature = frozenset(s for s in sets if element.id in sets[s])
        assert set(element.sets) == signature
        (zone,) = zones[signature]
        assert zone.buffer(-2).contains(box(*element.box)), element
        assert not any(shapes[s].exterior.intersects(box(*element.box)) for s in shapes)
    for a, b in combinations(boxes, 2):
        assert a.intersection(b).area < 0.5
    assert check_layout(layout).ok


def test_chinese_names_are_measured_not_guessed(layouts, atlas):
    en = {e.id: e for e in layouts["chain", "en"].elements}
    zh = {e.id: e for e in layouts["chain", "zh-Hant"].elements}
    assert zh["KAZ"].label == atlas.state_name("KAZ", "zh-Hant") != en["KAZ"].label
    width = lambda e: e.box[2] - e.box[0]  # noqa: E731
    # 'Kazakhstan' (10 Latin letters) is wider than 哈薩克 (3 ideographs) at the same size.
    assert width(en["KAZ"]) > width(zh["KAZ"]) > 0


def test_the_layout_is_deterministic(atlas):
    sets = sets_of("chain_guam")
    labels = {e: atlas.state_name(e, "en") for e in set().union(*sets.values())}
    first = euler_layout(sets, {}, labels).to_json()
    second = euler_layout(sets, {}, labels).to_json()
    assert json.dumps(first) == json.dumps(second)


def test_json_has_the_documented_shape(layouts):
    data = layouts["chain_guam_sco", "en"].to_json()
    assert set(data) >= {"width", "height", "sets", "elements", "empty_zones"}
    assert {s["id"] for s in data["sets"]} == set(FIXTURES["chain_guam_sco"]["sets"])
    for s in data["sets"]:
        assert s["polygon"][0] == s["polygon"][-1] and len(s["polygon"]) > 4
        assert all(0 <= x <= data["width"] and 0 <= y <= data["height"] for x, y in s["polygon"])
    kaz = next(e for e in data["elements"] if e["id"] == "KAZ")
    assert kaz["sets"] == ["cis", "csto", "customs_union", "eaeu", "sco"]
    x0, y0, x1, y1 = kaz["box"]
    assert 0 < x0 < x1 < data["width"] and 0 < y0 < y1 < data["height"]
    assert data["empty_zones"] == [["cis"], ["cis", "eaeu", "sco"]]


def test_elements_in_no_set_are_listed_outside(atlas):
    sets = {"a": frozenset({"RUS", "BLR"}), "b": frozenset({"RUS"})}
    labels = {"RUS": "Russia", "BLR": "Belarus", "UKR": "Ukraine (CIS: ceased)"}
    layout = euler_layout(sets, {}, labels, outside=("UKR",), outside_title="Related:")
    ukr = next(e for e in layout.elements if e.id == "UKR")
    assert ukr.sets == ()
    assert not any(Polygon(s.polygon).intersects(box(*ukr.box)) for s in layout.sets)


@pytest.mark.parametrize("lang", LANGS)
def test_drawn_text_stays_in_its_measured_box(layouts, lang):
    from blocmap.features.figures.render import PNG_DPI, draw_euler

    layout = layouts["chain_guam", lang]
    figure = draw_euler(layout)
    figure.set_dpi(PNG_DPI)
    renderer = figure.canvas.get_renderer() if hasattr(figure.canvas, "get_renderer") else None
    if renderer is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        renderer = FigureCanvasAgg(figure).get_renderer()
    scale = 72 / PNG_DPI
    drawn = {}
    for text in figure.axes[0].texts:
        extent = text.get_window_extent(renderer)
        drawn[text.get_text()] = (extent.x0 * scale, layout.height - extent.y1 * scale,
                                  extent.x1 * scale, layout.height - extent.y0 * scale)
    for element in layout.elements:
        x0, y0, x1, y1 = drawn[element.label]
        bx0, by0, bx1, by1 = element.box
        assert bx0 - 1.5 <= x0 and x1 <= bx1 + 1.5 and by0 - 1.5 <= y0 and y1 <= by1 + 1.5, element


def test_long_caption_lines_wrap_at_separators():
    from blocmap.features.figures.measure import default_font, text_size, wrap

    font = default_font(9.0)
    text = "; ".join(f"State {k} (SCO: observer)" for k in range(12))
    lines = wrap(text, font, 300.0)
    assert len(lines) > 1
    assert all(text_size(line, font)[0] <= 300.0 for line in lines)
    assert " ".join(lines) == text
