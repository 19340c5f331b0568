"""``blocmap check``: the core's rules over a data folder, and the files the features read from
it (organs, depth of integration, the bundled indicators), so that every problem of the folder
is listed at once, by file and line."""

from __future__ import annotations

from blocmap.core.errors import Problem
from blocmap.core.loader import Raw
from blocmap.core.validate import check


def _indicators(raw: Raw) -> None:
    from blocmap.features.econ import check_bundled

    raw.problems.extend(check_bundled(raw.folder))


def _organs(raw: Raw) -> None:
    from blocmap.features.organs import read_organs

    read_organs(raw)


def _depth(raw: Raw) -> None:
    from blocmap.features.depth import read_depth

    read_depth(raw)


def _evidence(raw: Raw) -> None:
    from blocmap.features.evidence import check_evidence

    check_evidence(raw)


def check_folder(raw: Raw) -> list[Problem]:
    """Every problem of the folder read into ``raw``: the features' files first (their source
    keys are checked with the others), then the core's rules."""
    return check(raw, before=(_organs, _depth, _indicators, _evidence))
