"""OR-Tools' CP-SAT model module, imported without pandas.

``ortools.sat.python.cp_model`` imports pandas at its top for its ``*_series`` helpers
(``new_int_var_series`` and the like), which the figures never call; pandas alone is about
half of the cost of importing it (0.53 of 0.81 s in one measured process, see
docs/figures.md), and a figure that has to be solved pays it on top of the solve.

``cp_model()`` imports the module with a stand-in for pandas that has just the two names the
module reads while it is imported (``Index`` and ``Series``, used in annotations), then gives
the module a pandas that loads the real one on first use: a caller in the same process that
does use the series helpers gets real pandas then, and nothing else changes.  Where pandas
is already loaded, or ``cp_model`` is, it is simply imported.
"""

from __future__ import annotations

import sys
import types
from typing import Any

MODULE = "ortools.sat.python.cp_model"


class _LaterPandas(types.ModuleType):
    """``pandas`` as ``cp_model`` sees it: the real package, imported on first attribute use."""

    def __getattr__(self, name: str) -> Any:
        import pandas

        return getattr(pandas, name)


def cp_model() -> types.ModuleType:
    """``ortools.sat.python.cp_model``, without importing pandas unless it is loaded already."""
    loaded = sys.modules.get(MODULE)
    if loaded is not None:
        return loaded
    if "pandas" in sys.modules:
        from ortools.sat.python import cp_model as module

        return module
    import _imp

    stand_in = types.ModuleType("pandas")
    stand_in.Index = type("Index", (), {})    # only read, in annotations, while importing
    stand_in.Series = type("Series", (), {})
    _imp.acquire_lock()  # no other thread imports pandas while the stand-in is in place
    try:
        sys.modules["pandas"] = stand_in
        try:
            from ortools.sat.python import cp_model as module
        finally:
            if sys.modules.get("pandas") is stand_in:
                del sys.modules["pandas"]
    finally:
        _imp.release_lock()
    if getattr(module, "pd", None) is stand_in:
        module.pd = _LaterPandas("pandas")
    return module
