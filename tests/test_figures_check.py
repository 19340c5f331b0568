"""The zone checker on layouts known to be wrong (it guards every figure, so it is tested first)."""

from __future__ import annotations

import pytest

from shapely import Point, box

from blocmap.features.figures.check import LayoutCheckError, check_layout, check_shapes, verify
from blocmap.features.figures.euler import ElementBox, EulerLayout, SetShape

US, CU = {"RU", "BY"}, {"RU", "BY", "KZ"}
EAEU = CU | {"KG", "AM"}
# Variant A and C of anchors-euler.md §1 (two-letter codes as in the report).
A = {"US": US, "CU": CU, "EAEU": EAEU, "CSTO": EAEU | {"TJ"}, "CIS": EAEU | {"TJ", "UZ", "AZ", "MD"}}
C = {"US": US, "CU": CU, "EAEU": EAEU, "CSTO": (EAEU - {"AM"}) | {"TJ"},
     "CIS": EAEU | {"TJ", "UZ", "AZ", "MD"}, "GUAM": {"GE", "UA", "AZ", "MD"}}


def circles(spec: dict[str, tuple[float, float, float]]):
    return {name: Point(x, y).buffer(r, quad_segs=256) for name, (x, y, r) in spec.items()}


def frozen(data):
    return {k: frozenset(v) for k, v in data.items()}


def test_venn_js_chain_is_tangent_at_one_point():
    # venn.js 0.2.20 output for variant A (report §4.1): all five circles touch at (680, 300).
    shapes = circles({"CIS": (400.0, 300.0, 280.0), "CSTO": (451.4, 300.0, 228.6),
                      "EAEU": (471.3, 300.0, 208.7), "CU": (518.3, 300.0, 161.7),
                      "US": (548.0, 300.0, 132.0)})
    report = check_shapes(shapes, frozen(A))
    assert not report.missing and not report.spurious  # the zones themselves are right...
    assert not report.ok                                 # ...but the curves touch
    assert any("nearly touch" in p or "meet" in p for p in report.problems)


def test_venn_js_guam_variant_has_six_spurious_zones():
    shapes = circles({"CIS": (472.7, 298.1, 278.1), "EAEU": (563.6, 298.1, 207.3),
                      "CSTO": (541.3, 238.5, 207.3), "GUAM": (214.5, 394.6, 185.4),
                      "CU": (581.1, 256.1, 160.6), "US": (602.0, 276.8, 131.1)})
    report = check_shapes(shapes, frozen(C))
    assert report.missing == []
    assert {tuple(sorted(z)) for z in report.spurious} == {
        ("CSTO",), ("EAEU",), ("CSTO", "EAEU"), ("CIS", "CSTO", "GUAM"), ("CIS", "EAEU", "GUAM"),
        ("CIS", "CSTO", "EAEU", "GUAM")}
    assert "EAEU is not drawn inside CIS" in report.problems
    assert "CSTO and GUAM overlap but share no member" in report.problems


def test_circles_that_leave_a_sliver_are_caught():
    # B is meant to lie inside A but pokes out by 0.3 units: a sliver zone {B}.
    shapes = circles({"A": (0.0, 0.0, 100.0), "B": (70.3, 0.0, 30.0)})
    report = check_shapes(shapes, frozen({"A": {"x", "y"}, "B": {"y"}}))
    assert [sorted(z) for z in report.spurious] == [["B"]]
    assert "B is not drawn inside A" in report.problems


def test_concurrent_edges_and_split_zones_are_caught():
    # Two rectangles sharing their left edge run together.
    shapes = {"A": box(0, 0, 100, 100), "B": box(0, 20, 50, 80)}
    report = check_shapes(shapes, frozen({"A": {"x", "y"}, "B": {"y"}}))
    assert any("run together" in p for p in report.problems)
    # A cross: A-only comes in two pieces.
    shapes = {"A": box(0, 40, 100, 60), "B": box(40, 0, 60, 100)}
    report = check_shapes(shapes, frozen({"A": {"x", "y"}, "B": {"y", "z"}}))
    assert [sorted(z) for z in report.disconnected] == [["A"], ["B"]]


def test_a_hole_in_the_outside_is_caught():
    ring = {"N": box(0, 0, 100, 20), "S": box(0, 80, 100, 100), "W": box(0, 0, 20, 100),
            "E": box(80, 0, 100, 100)}
    data = {k: frozenset({k}) for k in ring}
    report = check_shapes(ring, data)
    assert frozenset() in report.disconnected


def _layout(boxes: dict[str, tuple], sets=None) -> EulerLayout:
    sets = sets or {"A": frozenset({"x", "y"}), "B": frozenset({"y"})}
    shapes = [SetShape("A", "A", (0, 0, 200, 200), 0.0, (10, -6, 30, 6)),
              SetShape("B", "B", (100, 100, 180, 180), 0.0, (120, 94, 140, 106))]
    elements = [ElementBox(e, e, tuple(s for s in sets if e in sets[s]), b) for e, b in boxes.items()]
    return EulerLayout(300, 300, shapes, elements, [], sets, "", 10, 11)


def test_good_hand_made_layout_passes():
    report = check_layout(_layout({"x": (20, 20, 60, 35), "y": (120, 130, 160, 145)}))
    assert report.ok, report.summary()


@pytest.mark.parametrize("boxes, message", [
    ({"x": (20, 20, 60, 35), "y": (20, 40, 60, 55)}, "label of y is not inside its zone {A,B}"),
    ({"x": (90, 120, 130, 135), "y": (120, 130, 160, 145)}, "label of x is not inside its zone {A}"),
    ({"x": (20, 20, 60, 35), "y": (120, 130, 160, 145), "z": (20, 25, 60, 40)}, "overlaps"),
    ({"x": (20, 20, 60, 35)}, "y is not drawn"),
])
def test_bad_labels_are_caught(boxes, message):
    report = check_layout(_layout(boxes))
    assert not report.ok
    assert message in report.summary()
    with pytest.raises(LayoutCheckError):
        verify(_layout(boxes))
