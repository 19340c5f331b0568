"""Reading World Bank files with the answers written out: every value of a small long (datahub) file and
a small bulk file with the line (and column) it came from, the vintage, and the exact one-line message
for each kind of bad file, at the line that is wrong.  The files are built in the tests; their numbers
are GDP figures of the shape WDI gives (current US$)."""

from __future__ import annotations

import pytest

from blocmap.core.errors import DataError
from blocmap.features.econ import parse_bulk, parse_long

HEADER = "Country Name,Country Code,Year,Value\n"
GDP = "NY.GDP.MKTP.CD"


def refused(call) -> str:
    with pytest.raises(DataError) as caught:
        call()
    assert len(caught.value.problems) == 1
    return str(caught.value)


# -- the long layout ------------------------------------------------------------------------------------


def test_a_long_file() -> None:
    text = (HEADER
            + "Armenia,ARM,2015,10552000000\n"  # line 2
            + "Armenia, ARM ,2016, 10546500000 \n"  # 3: cells are stripped
            + "\n"  # 4: a blank line
            + "Belarus,BLR,2015,\n"  # 5: a gap in WDI stays missing
            + "Belarus,BLR,2016,4.772e10\n"  # 6
            + ",,,\n"  # 7: empty cells only
            + "Belarus,BLR,2017,0\n")  # 8: zero is a value
    lines: dict = {}
    assert parse_long(text, "gdp.csv", lines) == {
        ("ARM", 2015): 10552000000.0, ("ARM", 2016): 10546500000.0, ("BLR", 2016): 47720000000.0,
        ("BLR", 2017): 0.0}
    assert lines == {("ARM", 2015): 2, ("ARM", 2016): 3, ("BLR", 2016): 6, ("BLR", 2017): 8}
    assert parse_long(text, "gdp.csv") == parse_long(text, "gdp.csv", None)


def test_a_long_header_with_spaces_and_more_columns() -> None:
    assert parse_long(" Country Name , Country Code,Year ,Value,Note\nArmenia,ARM,2015,1\n", "f.csv") == {
        ("ARM", 2015): 1.0}


def test_the_years_1800_and_2200_are_years() -> None:
    assert parse_long(HEADER + "A,ARM,1800,1\nA,ARM,2200,2\n", "f.csv") == {("ARM", 1800): 1.0, ("ARM", 2200): 2.0}


def test_a_gap_then_a_value_is_not_a_duplicate() -> None:
    assert parse_long(HEADER + "A,ARM,2015,\nA,ARM,2015,7\n", "f.csv") == {("ARM", 2015): 7.0}


@pytest.mark.parametrize("text, message", [
    ("", "f.csv:1: header must be Country Name, Country Code, Year, Value (got )"),
    ("Country,Code,Year,Value\n", "f.csv:1: header must be Country Name, Country Code, Year, Value "
                                  "(got Country, Code, Year, Value)"),
    (HEADER + "A,ARM,2015\n", "f.csv:2: expected 4 columns, found 3"),
    (HEADER + "A,ARM,2015,1,2\n", "f.csv:2: expected 4 columns, found 5"),
    (HEADER + "A,ARM,2015,1\nA,arm,2015,1\n", "f.csv:3: column 'Country Code' ('arm'): not a three-letter code"),
    (HEADER + "A,AR,2015,1\n", "f.csv:2: column 'Country Code' ('AR'): not a three-letter code"),
    (HEADER + "A,ARMS,2015,1\n", "f.csv:2: column 'Country Code' ('ARMS'): not a three-letter code"),
    (HEADER + "A,A-M,2015,1\n", "f.csv:2: column 'Country Code' ('A-M'): not a three-letter code"),
    (HEADER + "A,ARM,15,1\n", "f.csv:2: column 'Year' ('15'): not a year (YYYY)"),
    (HEADER + "A,ARM,1799,1\n", "f.csv:2: column 'Year' ('1799'): not a year (YYYY)"),
    (HEADER + "A,ARM,2201,1\n", "f.csv:2: column 'Year' ('2201'): not a year (YYYY)"),
    (HEADER + "A,ARM,20x5,1\n", "f.csv:2: column 'Year' ('20x5'): not a year (YYYY)"),
    (HEADER + "A,ARM,2015,abc\n", "f.csv:2: column 'Value' ('abc'): not a non-negative number"),
    (HEADER + "A,ARM,2015,-1\n", "f.csv:2: column 'Value' ('-1'): not a non-negative number"),
    (HEADER + "A,ARM,2015,nan\n", "f.csv:2: column 'Value' ('nan'): not a non-negative number"),
    (HEADER + "A,ARM,2015,inf\n", "f.csv:2: column 'Value' ('inf'): not a non-negative number"),
    (HEADER + "A,ARM,2015,1\nA,BLR,2015,2\nA,ARM,2015,10\n",
     "f.csv:4: ARM 2015 is given twice (first on line 2); a file gives each value once"),
    (HEADER + "A,ARM,2015," + "9" * 10001 + "\n",
     "f.csv:2: not a CSV file blocmap can read (field larger than field limit (10000))"),
])
def test_a_bad_long_file(text: str, message: str) -> None:
    assert refused(lambda: parse_long(text, "f.csv")) == message


# -- the bulk layout --------------------------------------------------------------------------------------

PREAMBLE = ('"Data Source","World Development Indicators",\n'  # line 1
            ',\n'  # 2
            '"Last Updated Date","2024-06-28",\n'  # 3
            ',\n')  # 4
BULK_HEADER = '"Country Name","Country Code","Indicator Name","Indicator Code","2014","2015","2016",\n'  # 5
ARM = '"Armenia","ARM","GDP (current US$)","NY.GDP.MKTP.CD","11610000000","10550000000","",\n'
BLR = '"Belarus","BLR","GDP (current US$)","NY.GDP.MKTP.CD","78810000000","56450000000","47720000000",\n'
POP = '"Armenia","ARM","Population, total","SP.POP.TOTL","2912403","2925559","2936147",\n'


def test_a_bulk_file() -> None:
    where: dict = {}
    values, code, updated = parse_bulk(PREAMBLE + BULK_HEADER + ARM + "\n" + BLR, "bulk.csv", GDP, where)
    assert values == {("ARM", 2014): 11610000000.0, ("ARM", 2015): 10550000000.0, ("BLR", 2014): 78810000000.0,
                      ("BLR", 2015): 56450000000.0, ("BLR", 2016): 47720000000.0}
    assert (code, updated) == (GDP, "2024-06-28")
    assert where == {("ARM", 2014): (6, "2014"), ("ARM", 2015): (6, "2015"), ("BLR", 2014): (8, "2014"),
                     ("BLR", 2015): (8, "2015"), ("BLR", 2016): (8, "2016")}


def test_a_bulk_file_of_any_indicator_with_no_date() -> None:
    header = BULK_HEADER.rstrip(",\n") + "\n"  # no trailing comma: every row has every column
    row = POP.rstrip(",\n") + "\n"
    assert parse_bulk('"Last Updated Date"\n' + header + row, "pop.csv", None) == (
        {("ARM", 2014): 2912403.0, ("ARM", 2015): 2925559.0, ("ARM", 2016): 2936147.0}, "SP.POP.TOTL", None)


def test_a_vintage_on_a_line_without_a_trailing_comma() -> None:
    header = BULK_HEADER.rstrip(",\n") + "\n"
    row = ARM.rstrip(",\n") + "\n"
    assert parse_bulk('"Last Updated Date","2023-12-18"\n' + header + row, "gdp.csv", GDP)[2] == "2023-12-18"


def test_an_empty_header_cell_between_years_is_skipped() -> None:
    header = '"Country Name","Country Code","Indicator Name","Indicator Code","2014","","2015"\n'
    row = '"Armenia","ARM","GDP (current US$)","NY.GDP.MKTP.CD","11610000000","","10550000000"\n'
    assert parse_bulk(header + row, "gdp.csv", GDP)[0] == {("ARM", 2014): 11610000000.0, ("ARM", 2015): 10550000000.0}


def test_a_row_without_the_trailing_comma() -> None:
    short = ARM.rstrip(",\n") + "\n"  # 7 cells under a header of 8 whose last is empty
    values, _, _ = parse_bulk(BULK_HEADER + short, "bulk.csv", GDP)
    assert values == {("ARM", 2014): 11610000000.0, ("ARM", 2015): 10550000000.0}


def test_the_rows_of_another_indicator_are_skipped() -> None:
    values, code, _ = parse_bulk(PREAMBLE + BULK_HEADER + POP + ARM, "wdi.csv", GDP)
    assert (sorted(values), code) == ([("ARM", 2014), ("ARM", 2015)], GDP)


def test_the_header_within_the_first_ten_lines() -> None:
    nine = ",\n" * 9
    assert parse_bulk(nine + BULK_HEADER + ARM, "bulk.csv", GDP)[0][("ARM", 2014)] == 11610000000.0
    assert refused(lambda: parse_bulk(nine + ",\n" + BULK_HEADER + ARM, "bulk.csv", GDP)) == (
        "bulk.csv: no header row starting with 'Country Name' in the first 10 lines")


@pytest.mark.parametrize("text, indicator, message", [
    ('"Country Name","Code","Indicator Name","Indicator Code","2014"\n', GDP,
     "f.csv:1: header must start with Country Name, Country Code, Indicator Name, Indicator Code"),
    (PREAMBLE + BULK_HEADER.replace('"2015"', '"Y2015"') + ARM, GDP,
     "f.csv:5: column 'Y2015' ('Y2015'): not a year (YYYY)"),
    (PREAMBLE + BULK_HEADER + '"Armenia","ARM","GDP (current US$)","NY.GDP.MKTP.CD","1"\n', GDP,
     "f.csv:6: expected 8 columns, found 5"),
    # a header with a trailing comma (8 cells, the last empty) lets a row lack that one cell only
    (PREAMBLE + BULK_HEADER + '"Armenia","ARM","GDP (current US$)","NY.GDP.MKTP.CD","1","2"\n', GDP,
     "f.csv:6: expected 8 columns, found 6"),
    # one without (7 cells) none
    (PREAMBLE + BULK_HEADER.rstrip(",\n") + "\n" + '"Armenia","ARM","GDP (current US$)","NY.GDP.MKTP.CD","1","2"\n',
     GDP, "f.csv:6: expected 7 columns, found 6"),
    (PREAMBLE + BULK_HEADER + ARM.replace("11610000000", "9" * 10001), GDP,
     "f.csv:6: not a CSV file blocmap can read (field larger than field limit (10000))"),
    (PREAMBLE + BULK_HEADER + ARM.replace("10550000000", "n/a"), GDP,
     "f.csv:6: column '2015' ('n/a'): not a non-negative number"),
    (PREAMBLE + BULK_HEADER + ARM.replace('"ARM"', '"Arm"'), GDP,
     "f.csv:6: column 'Country Code' ('Arm'): not a three-letter code"),
    (PREAMBLE + BULK_HEADER + ARM + BLR + ARM, GDP,
     "f.csv:8: ARM has a second row (first on line 6); a file gives each country once"),
    (PREAMBLE + BULK_HEADER + ARM + POP, None,
     "f.csv:7: column 'Indicator Code': several indicators (NY.GDP.MKTP.CD, SP.POP.TOTL); choose one with "
     "--indicator"),
    (PREAMBLE + BULK_HEADER + POP, GDP,
     "f.csv:6: column 'Indicator Code' ('SP.POP.TOTL'): this file holds population (SP.POP.TOTL), "
     "not gdp (NY.GDP.MKTP.CD)"),
    (PREAMBLE + BULK_HEADER + POP.replace("SP.POP.TOTL", "XX.YY"), "AA.BB",
     "f.csv:6: column 'Indicator Code' ('XX.YY'): this file holds XX.YY, not AA.BB (AA.BB)"),
    (PREAMBLE + BULK_HEADER, GDP, "f.csv: no rows for indicator NY.GDP.MKTP.CD"),
    (PREAMBLE + BULK_HEADER + ",,,,,,,\n", None, "f.csv: no rows for indicator (any)"),
])
def test_a_bad_bulk_file(text: str, indicator, message: str) -> None:
    assert refused(lambda: parse_bulk(text, "f.csv", indicator)) == message
