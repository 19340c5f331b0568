"""The zone checker's answers written out by hand: the exact report (zones, their order, and
the sentence a reader gets) for each kind of failure, and each tolerance just inside and just
outside (issue 26; the mutation run in docs/mutation.md showed which of these no test read)."""

from __future__ import annotations

import pytest
from shapely import Polygon, box

from blocmap.features.figures.check import (LayoutCheckError, Report, check_layout, check_shapes,
                                            drawn_zones, verify)
from blocmap.features.figures.euler import ElementBox, EulerLayout, SetShape
from blocmap.features.figures.zones import Text


def fs(*names: str) -> frozenset:
    return frozenset(names)


def data(**sets: str) -> dict[str, frozenset]:
    """``data(A="xy", B="y")``: each set's members, one letter each."""
    return {name: frozenset(members) for name, members in sets.items()}


# --- the sentence a reader gets ----------------------------------------------------------------

def test_summary_says_each_problem_in_a_fixed_order():
    report = Report(drawn={fs("B", "A"): 1, fs("C"): 3, fs(): 2},
                    missing=[fs("B", "A")], spurious=[fs("C", "A")], disconnected=[fs("C"), fs()],
                    problems=["A is not drawn inside B"])
    assert report.summary() == ("missing zone {A,B}; spurious zone {A,C}; zone {C} drawn in 3 pieces; "
                                "zone {} drawn in 2 pieces; A is not drawn inside B")
    assert not report.ok
    assert Report().summary() == "" and Report().ok


def test_each_list_alone_makes_the_report_fail():
    assert not Report(missing=[fs("A")]).ok
    assert not Report(spurious=[fs("A")]).ok
    assert not Report(disconnected=[fs("A")]).ok
    assert not Report(problems=["x"]).ok


# --- zones: missing, spurious, split, and their order ------------------------------------------

# Four boxes far apart whose sets pairwise share a member: every pair's zone is missing.
FOUR = {"A": box(0, 0, 10, 10), "B": box(100, 0, 110, 10), "C": box(0, 100, 10, 110),
        "D": box(100, 100, 110, 110)}
FOUR_DATA = data(A="aBCD", B="bBEF", C="cCEG", D="dDFG")  # B shared by A,B; C by A,C; ...


def test_missing_zones_come_sorted_by_their_names():
    report = check_shapes(FOUR, FOUR_DATA)
    assert [sorted(z) for z in report.missing] == [["A", "B"], ["A", "C"], ["A", "D"], ["B", "C"],
                                                   ["B", "D"], ["C", "D"]]
    assert report.spurious == [] and report.disconnected == [] and report.problems == []
    assert report.summary().startswith("missing zone {A,B}; missing zone {A,C}; missing zone {A,D}; ")


def test_declared_empty_zones_that_are_not_drawn_are_listed_sorted():
    declared = [fs("C", "D"), fs("A", "D"), fs("B", "C"), fs("A", "B")]
    report = check_shapes(FOUR, data(A="a", B="b", C="c", D="d"), declared)
    assert report.problems == ["declared empty zone {A,B} is not drawn", "declared empty zone {A,D} is not drawn",
                               "declared empty zone {B,C} is not drawn", "declared empty zone {C,D} is not drawn"]
    assert report.missing == [] and report.spurious == []


def test_spurious_zones_come_sorted_by_their_names():
    # four boxes overlapping in a row, none sharing a member: A∩B, B∩C, C∩D are spurious
    shapes = {"A": box(0, 0, 100, 100), "B": box(80, 30, 180, 70), "C": box(160, 0, 260, 100),
              "D": box(240, 30, 340, 70)}
    report = check_shapes(shapes, data(A="a", B="b", C="c", D="d"))
    assert [sorted(z) for z in report.spurious] == [["A", "B"], ["B", "C"], ["C", "D"]]
    assert report.problems == ["A and B overlap but share no member", "B and C overlap but share no member",
                               "C and D overlap but share no member"]


def test_split_zones_come_sorted_and_the_outside_first():
    # a grid of three bars across and three down (#-like): each bar's own zone is cut in four
    # pieces by the other three, and the outside has four holes (the squares between bars)
    across = {name: box(0, y, 400, y + 20) for name, y in (("A", 80), ("B", 190), ("C", 300))}
    down = {name: box(x, 0, x + 20, 400) for name, x in (("D", 80), ("E", 190), ("F", 300))}
    members = {name: {name.lower()} for name in "ABCDEF"}
    for h in "ABC":
        for v in "DEF":
            members[h].add(h + v)
            members[v].add(h + v)
    report = check_shapes({**across, **down}, {k: frozenset(v) for k, v in members.items()})
    assert [sorted(z) for z in report.disconnected] == [[], ["A"], ["B"], ["C"], ["D"], ["E"], ["F"]]
    assert report.drawn[fs()] == 5 and report.drawn[fs("A")] == 4 and report.drawn[fs("A", "D")] == 1
    assert report.missing == [] and report.spurious == [] and report.problems == []
    assert report.summary() == ("zone {} drawn in 5 pieces; zone {A} drawn in 4 pieces; zone {B} drawn in 4 pieces; "
                                "zone {C} drawn in 4 pieces; zone {D} drawn in 4 pieces; zone {E} drawn in 4 pieces; "
                                "zone {F} drawn in 4 pieces")


def test_a_curve_with_no_set_is_its_own_spurious_zone():
    # a curve the data does not know stands for the empty set, which belongs inside every set
    report = check_shapes({"A": box(0, 0, 10, 10), "Z": box(50, 0, 60, 10)}, data(A="x"))
    assert report.spurious == [fs("Z")] and report.missing == []
    assert report.problems == ["Z is not drawn inside A"]


def test_a_notch_reaching_the_edge_is_part_of_the_outside():
    # a square with a 30-point notch cut into each side: the notches open onto the outside,
    # which is one piece (a frame drawn inside the drawing's edge would cut them off)
    notched = box(0, 0, 100, 100)
    for cut in (box(0, 40, 30, 60), box(70, 40, 100, 60), box(40, 0, 60, 30), box(40, 70, 60, 100)):
        notched = notched.difference(cut)
    report = check_shapes({"A": notched}, data(A="x"))
    assert report.drawn == {fs("A"): 1, fs(): 1}
    assert report.ok, report.summary()
    assert [len(pieces) for pieces in drawn_zones({"A": notched}).values()] == [1, 1]


# --- curves and the sets they stand for --------------------------------------------------------

def test_a_set_without_a_curve_and_a_set_with_two():
    shapes = {"P": box(0, 0, 10, 10), "Q": box(50, 0, 60, 10)}
    report = check_shapes(shapes, data(A="x", B="y"), members={"P": ("A",), "Q": ("A",)})
    assert report.problems == ["B has no curve", "A has 2 curves",
                               "P and Q have the same members but neither is inside the other"]


def test_one_curve_may_stand_only_for_sets_with_the_same_members():
    shapes = {"P": box(0, 0, 10, 10)}
    report = check_shapes(shapes, data(A="x", B="y"), members={"P": ("A", "B")})
    assert report.problems == ["A and B share one curve but not their members"]
    same = check_shapes(shapes, data(A="x", B="x"), members={"P": ("A", "B")})
    assert same.ok, same.summary()
    assert same.drawn == {fs("A", "B"): 1, fs(): 1}


def test_two_curves_with_the_same_members_must_nest():
    # nested: the ring (in A, not in B) is the declared empty zone, and all is well
    nested = {"A": box(0, 0, 100, 100), "B": box(20, 20, 80, 80)}
    report = check_shapes(nested, data(A="x", B="x"), [fs("A")])
    assert report.ok, report.summary()
    undeclared = check_shapes(nested, data(A="x", B="x"))
    assert undeclared.spurious == [fs("A")] and undeclared.problems == []
    # side by side, overlapping: neither is inside the other
    crossing = {"A": box(0, 0, 100, 100), "B": box(50, 20, 150, 80)}
    report = check_shapes(crossing, data(A="x", B="x"))
    assert report.problems == ["A and B have the same members but neither is inside the other"]


# --- tolerances, just inside and just outside --------------------------------------------------

def test_a_sliver_under_a_millionth_of_the_drawing_is_noise_and_over_it_a_zone():
    # B (a subset of A) is a triangle whose tip pokes out of A's right edge (x = 1000) by t;
    # the part outside is a triangle of width t and base 2*50*t/(100+t): area 50 t²/(100+t).
    # t = 0.5: 0.124, under a millionth of the drawing (about 1.0): noise, the layout passes.
    def tip(t):
        return {"A": box(0, 0, 1000, 1000), "B": Polygon([(900, 100), (1000 + t, 150), (900, 200)])}

    report = check_shapes(tip(0.5), data(A="xy", B="y"))
    assert report.ok, report.summary()
    # t = 3: 4.37, a zone {B} that the data does not have, and B is not inside A
    report = check_shapes(tip(3), data(A="xy", B="y"))
    assert report.spurious == [fs("B")]
    assert report.problems == ["B is not drawn inside A"]


def test_curves_that_run_together_are_measured_net_of_their_crossings():
    # B's two upper edges (slope 0.2) cross A's top edge at x = 40 and x = 60.  A's edge stays
    # within 0.25 pt of each for 2 * 0.25 / sin θ = 0.5 * sqrt(1.04) / 0.2 = 2.55 pt; a crossing
    # is allowed 2 pt, so the two run together for 5 * sqrt(1.04) - 4 = 1.10 pt (> 0.5).
    shapes = {"A": box(0, 0, 100, 100), "B": Polygon([(10, 94), (50, 102), (90, 94)])}
    report = check_shapes(shapes, data(A="xy", B="y"))
    assert report.problems == ["B is not drawn inside A", "A and B run together for 1.1 pt"]
    # steeper (slope 1): 2 * 0.5 * sqrt(2) = 1.41 pt of band for 4 pt allowed: a clean crossing
    steep = {"A": box(0, 0, 100, 100), "B": Polygon([(30, 90), (50, 110), (70, 90)])}
    assert check_shapes(steep, data(A="xy", B="y")).problems == ["B is not drawn inside A"]


def test_a_shared_edge_runs_together_for_its_length_and_the_band():
    # A's left edge lies on B's for y 50..100 (50.25 pt with the band below), A's right and top
    # edges pass through B's band for 0.5 and 0.25 pt; the two crossing points are allowed 4 pt.
    shapes = {"A": box(0, 0, 100, 100), "B": box(0, 50, 150, 150)}
    report = check_shapes(shapes, data(A="xy", B="yz"))
    assert report.problems == ["A and B run together for 47.0 pt"]


@pytest.mark.parametrize("right, problems", [
    (13, ["A and B nearly touch (3.0 pt apart)"]),
    (15.9, ["A and B nearly touch (5.9 pt apart)"]),
    (16, []),        # exactly MIN_GAP apart is far enough
])
def test_curves_that_do_not_cross_keep_min_gap_apart(right, problems):
    shapes = {"A": box(0, 0, 10, 10), "B": box(right, 0, right + 10, 10)}
    assert check_shapes(shapes, data(A="x", B="y")).problems == problems
    assert check_shapes(shapes, data(A="x", B="y"), min_gap=2.0).problems == []


def test_two_curves_crossing_next_to_a_third_are_a_triple_point():
    # A and B cross at (100, 50) and (50, 100); C's left edge passes 3 pt from the first, and C
    # crosses B at (103, 50), 3 pt from A.
    shapes = {"A": box(0, 0, 100, 100), "B": box(50, 50, 150, 150), "C": box(103, 0, 200, 100)}
    report = check_shapes(shapes, data(A="ab", B="bc", C="cd"))
    assert [p for p in report.problems if "meet" in p] == ["A, B and C meet near (100, 50)",
                                                          "B, C and A meet near (103, 50)"]
    assert "A and C nearly touch (3.0 pt apart)" in report.problems
    # C 6 pt away (MIN_GAP exactly): no triple point
    shapes["C"] = box(106, 0, 200, 100)
    report = check_shapes(shapes, data(A="ab", B="bc", C="cd"))
    assert [p for p in report.problems if "meet" in p] == []


def test_a_triple_point_after_a_shared_edge_is_still_found():
    # A and B share the segment x = 0, 50..100 (listed first) and cross at (100, 50); the bar C
    # runs 5 pt under B's bottom edge, through A.
    shapes = {"A": box(0, 0, 100, 100), "B": box(0, 50, 150, 150), "C": box(-3, 40, 103, 45)}
    report = check_shapes(shapes, data(A="a", B="b", C="c"))
    assert [p for p in report.problems if "meet" in p] == ["A, B and C meet near (100, 50)",
                                                          "A, C and B meet near (0, 45)",
                                                          "A, C and B meet near (100, 45)"]
    assert "B and C nearly touch (5.0 pt apart)" in report.problems


# --- layouts: labels, names, texts -------------------------------------------------------------

def layout(boxes: dict[str, tuple], sets=None, a_name=(10, -6, 30, 6), texts=(), listed=None) -> EulerLayout:
    """A in (0, 0, 200, 200) holding B in (100, 100, 180, 180); one label per element."""
    sets = sets or data(A="xy", B="y")
    shapes = [SetShape("A", "A", (0, 0, 200, 200), 0.0, a_name),
              SetShape("B", "B", (100, 100, 180, 180), 0.0, (120, 94, 140, 106))]
    listed = listed or {}
    elements = [ElementBox(e, e, listed.get(e, tuple(s for s in sets if e in sets[s])), b) for e, b in boxes]
    return EulerLayout(300, 300, shapes, elements, [], sets, "", 10, 11, list(texts))


GOOD = [("x", (20, 20, 60, 35)), ("y", (120, 130, 160, 145))]


def test_the_good_layout_passes():
    report = check_layout(layout(GOOD))
    assert report.ok, report.summary()
    verify(layout(GOOD))


def test_verify_says_what_failed():
    with pytest.raises(LayoutCheckError) as caught:
        verify(layout([("x", (20, 20, 60, 35)), ("y", (20, 40, 60, 55))]))
    assert str(caught.value) == "the Euler layout failed its check: label of y is not inside its zone {A,B}"


def test_an_element_drawn_twice():
    report = check_layout(layout(GOOD + [("x", (20, 60, 60, 75))]))
    assert report.problems == ["x is drawn 2 times"]


def test_an_element_listed_in_the_wrong_sets():
    report = check_layout(layout(GOOD, listed={"x": ("A", "B")}))
    assert report.problems == ["x is listed in ['A', 'B'], data says ['A']"]


def test_a_label_whose_zone_is_not_drawn():
    # z is in B alone, but B lies inside A: there is no zone {B} to put it in
    report = check_layout(layout(GOOD + [("z", (120, 150, 160, 165))], sets=data(A="xy", B="yz")))
    assert report.missing == [fs("B")]
    assert report.problems == ["label of z is not inside its zone {B}"]


@pytest.mark.parametrize("left, ok", [(1, False), (1.9, False), (2.5, True)])
def test_a_label_keeps_two_points_inside_its_zone(left, ok):
    report = check_layout(layout([("x", (left, 20, 60, 35)), GOOD[1]]))
    assert report.problems == ([] if ok else ["label of x is not inside its zone {A}"])


@pytest.mark.parametrize("where, problems", [
    ((201, 50, 240, 60), ["label of n (in no set) touches a set"]),    # 1 pt from A
    ((203, 50, 240, 60), []),                                          # 3 pt from A
])
def test_the_label_of_an_element_in_no_set_stays_off_every_set(where, problems):
    report = check_layout(layout(GOOD + [("n", where)]))
    assert report.problems == problems


def test_a_set_name_may_not_cross_another_outline():
    report = check_layout(layout(GOOD, a_name=(90, 110, 98, 125)))
    assert report.ok, report.summary()  # inside A, 2 pt left of B
    report = check_layout(layout(GOOD, a_name=(90, 110, 130, 125)))
    assert report.problems == ["name of A crosses the outline of B"]


def test_a_title_may_not_overlap_the_diagram_or_another_text():
    title = Text("Regional organizations of Eurasia", "title", (20, 210, 180, 230), 14)
    note = Text("Data: blocmap", "note", (150, 225, 260, 240), 9)
    assert check_layout(layout(GOOD, texts=[title])).ok
    report = check_layout(layout(GOOD, texts=[title, note]))
    assert report.problems == ["note 'Data: blocmap' overlaps title 'Regional organizatio'"]
    low = Text("Regional organizations of Eurasia", "title", (20, 190, 180, 210), 14)
    report = check_layout(layout(GOOD, texts=[low]))
    assert report.problems == ["title 'Regional organizatio' overlaps the diagram"]


@pytest.mark.parametrize("top, problems", [
    (34.5, []),                            # 1 x 0.5 pt in common: allowed
    (34, ["label w overlaps label x"]),    # 1 x 1 pt in common
])
def test_labels_may_share_half_a_point_of_area(top, problems):
    boxes = GOOD + [("w", (20, top, 21, 50))]
    report = check_layout(layout(boxes, sets=data(A="xyw", B="y")))
    assert report.problems == problems


def test_a_layout_with_a_shared_outline_and_a_declared_empty_zone():
    # B and C (the same members, y) nest: the ring between them, in A and B but not C, is
    # declared empty; the inner curve stands for C and D (D = C, as the Customs Union and the
    # Common Economic Space)
    sets = data(A="xy", B="y", C="y", D="y")
    shapes = [SetShape("A", "A", (0, 0, 200, 200), 0.0, (10, -6, 30, 6)),
              SetShape("B", "B", (100, 100, 180, 180), 0.0, (120, 94, 140, 106)),
              SetShape("C", "C = D", (110, 110, 170, 170), 0.0, (145, 104, 165, 116), ("C", "D"))]
    elements = [ElementBox("x", "x", ("A",), (20, 20, 60, 35)),
                ElementBox("y", "y", ("A", "B", "C", "D"), (120, 130, 160, 145))]
    drawn = EulerLayout(300, 300, shapes, elements, [("A", "B")], sets, "", 10, 11)
    report = check_layout(drawn)
    assert report.ok, report.summary()
    assert report.drawn == {fs("A"): 1, fs("A", "B"): 1, fs("A", "B", "C", "D"): 1, fs(): 1}
    undeclared = EulerLayout(300, 300, shapes, elements, [], sets, "", 10, 11)
    assert check_layout(undeclared).spurious == [fs("A", "B")]
