"""Is an imported series what it says it is?  Country codes and the size of each value.

A file imported as GDP must hold GDP in current US dollars of countries: every code a country
(ISO 3166 alpha-3 as CLDR knows them, or one of the World Bank's own economy codes), every value
inside the range such a series takes, and — where it overlaps the bundled copy — of the same
order of magnitude.  World Bank regional aggregates (WLD, EUU …) are not countries: skipped.
"""

from __future__ import annotations

import statistics
from functools import lru_cache
from typing import Mapping

from blocmap.core.errors import DataError, Problem
from blocmap.core.messages import Text

#: World Bank economies without an ISO 3166 alpha-3 code.
WB_ECONOMIES = frozenset({"XKX", "CHI"})
#: World Bank aggregates (regions, income groups, lending groups) in the WDI files.
WB_AGGREGATES = frozenset(
    "AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX LAC LCN LDC LIC LMC "
    "LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS UMC WLD INX".split())

#: What a country's value can be.  GDP: the World Bank's smallest are Tuvalu's 2.6e6 (1970) and
#: Georgia's 1.2e4 (1987, a WDI quirk); the largest, the United States', 2.7e13 (2023).
#: Population: Sint Maarten's 2,715 (1960) to India's 1.45e9 (2024).
BOUNDS: Mapping[str, tuple[float, float, str]] = {
    "gdp": (1e4, 1e14, "data.rule.gdp"),
    "population": (1e3, 2e9, "data.rule.population"),
}
#: Where a series overlaps the bundled one, the median ratio must lie within this factor of 1.
MAX_FACTOR = 10.0


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes (CLDR's territory aliases) and the World Bank's own economies."""
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    return frozenset(k for k in aliases if len(k) == 3 and k.isalpha() and k.isupper()) | WB_ECONOMIES


Where = Mapping[tuple[str, int], tuple[int, str]]


def countries_only(values: dict[tuple[str, int], float], lines: Where, file: str) -> int:
    """Drop the aggregates from ``values`` (return how many values); a code neither a country nor an
    aggregate is an error naming its line."""
    known = country_codes()
    dropped = 0
    for key in sorted(values, key=lambda k: lines.get(k, (0, ""))[0]):
        code = key[0]
        if code in WB_AGGREGATES:
            del values[key]
            dropped += 1
        elif code not in known:
            line = lines.get(key, (None, ""))[0]
            raise DataError([Problem.of(file, line, "data.country_code", code=code)])
    return dropped


def check_values(values: Mapping[tuple[str, int], float], lines: Where, indicator: str, file: str,
                 reference: Mapping[tuple[str, int], float] | None = None) -> None:
    """Each value inside ``BOUNDS[indicator]``; and, on the country-years ``reference`` also has,
    a median ratio within ``MAX_FACTOR`` of 1.  DataError naming the line (or the file) otherwise."""
    low, high, rule = BOUNDS[indicator]
    for key in sorted(values, key=lambda k: lines.get(k, (0, ""))[0]):
        value = values[key]
        if not low <= value <= high:
            line, column = lines.get(key, (None, "Value"))
            raise DataError([Problem.of(file, line, "data.implausible", column=column, value=f"{value:g}",
                                        rule=Text(rule), indicator=indicator)])
    if reference:
        ratios = [values[k] / reference[k] for k in values if reference.get(k)]
        if ratios:
            median = statistics.median(ratios)
            if not 1 / MAX_FACTOR <= median <= MAX_FACTOR:
                raise DataError([Problem.of(file, None, "data.ratio", ratio=f"{median:.3g}", indicator=indicator,
                                            n=len(ratios))])
