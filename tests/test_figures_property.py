"""For any small family of sets, the Euler layout is either proven right or refused, never wrong."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocmap.figures.check import check_layout
from blocmap.figures.euler import euler_layout
from blocmap.figures.topology import LayoutImpossible, required_zones

ELEMENTS = ["RUS", "BLR", "KAZ", "KGZ", "ARM", "TJK", "UZB", "GEO"]

families = st.dictionaries(
    keys=st.sampled_from(["cis", "csto", "eaeu", "guam", "sco"]),
    values=st.frozensets(st.sampled_from(ELEMENTS), min_size=1, max_size=6),
    min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(families)
def test_layout_is_checked_or_refused(sets):
    labels = {e: e.title() for e in ELEMENTS}
    try:
        layout = euler_layout(sets, {}, labels)  # verifies itself; LayoutCheckError = a bug
    except LayoutImpossible:
        return
    report = check_layout(layout)
    assert report.ok, report.summary()
    drawn = {frozenset(e.sets) for e in layout.elements}
    assert drawn == required_zones(sets)
