"""The atlas's questions with answers read from the data files: names and codes that find an organization
or a state, the hints of an unknown name, lists of organizations, members in order with their COW code
of the day, and the filters of history, spells and disputes."""

from __future__ import annotations

import datetime as dt

import pytest

from blocmap.core.atlas import split_list, unknown_with_names
from blocmap.core.errors import QueryError

CSTO_RU = "\u041e\u0414\u041a\u0411"  # csto.yaml acronyms.ru
EAEU_RU = "\u0415\u0410\u042d\u0421"  # eaeu.yaml acronyms.ru
EAEU_RU_MISSPELT = "\u0415\u042d\u0410\u0421"  # the same letters in another order
KAZAKHSTAN_ZH = "\u54c8\u85a9\u514b"  # CLDR's zh-Hant (Taiwan) name


def hints(error: QueryError) -> tuple:
    return tuple(error.values["hint"])


# -- finding an organization -------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["csto", "CSTO", "  csto ", CSTO_RU, "Collective Security Treaty Organization",
                                   "collective security treaty organization"])
def test_an_organization_by_any_name(atlas, given: str) -> None:
    assert atlas.org(given).id == "csto"


def test_an_organization_by_its_cow_id(atlas) -> None:
    assert atlas.org("eaec").id == "eurasec"  # eurasec.yaml: cow_id eaec


def test_an_unknown_organization_close_to_an_id(atlas) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.org("csot")
    # difflib's closest ids, best first: 'cst' (2*3/7), 'csto' (2*3/8), 'sco' (2*2/7)
    assert str(caught.value) == "unknown organization 'csot' (did you mean 'cst' or 'csto' or 'sco'?)"
    assert caught.value.parameter == "org"
    with pytest.raises(QueryError) as caught:
        atlas.org("csot", "orgs")
    assert caught.value.parameter == "orgs"


def test_an_unknown_organization_inside_names(atlas) -> None:
    """'Cooperation Organization' (24 letters; no id is close) is inside the names of ECO (33 letters) and
    CACO (38), not the SCO's (Organisation): the nearest in length first."""
    with pytest.raises(QueryError) as caught:
        atlas.org("Cooperation Organization")
    assert hints(caught.value) == ("eco", "caco")
    assert str(caught.value) == "unknown organization 'Cooperation Organization' (did you mean 'eco' or 'caco'?)"
    with pytest.raises(QueryError) as caught:
        atlas.org("Economic Space")  # inside the CES's name (21 letters: 7 off) and holds 'eco' (3: 11 off)
    assert hints(caught.value) == ("ces", "eco")
    with pytest.raises(QueryError) as caught:
        atlas.org("uro")  # three letters: inside the names of the EU (14), the CoE (17) and the OSCE (52)
    assert hints(caught.value) == ("eu", "coe", "osce")
    with pytest.raises(QueryError) as caught:
        atlas.org("Security Treaty")  # inside the CST's name (26) and the CSTO's (39)
    assert hints(caught.value) == ("cst", "csto")
    with pytest.raises(QueryError) as caught:
        atlas.org("Eurasian Economic")  # close to the id 'eurasec' (2*7/24): difflib's hint alone
    assert hints(caught.value) == ("eurasec",)


def test_a_misspelt_acronym_has_the_same_letters(atlas) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.org(EAEU_RU_MISSPELT)
    assert hints(caught.value) == ("eaeu",)
    assert atlas.org(EAEU_RU).id == "eaeu"


def test_the_letters_of_six_but_not_seven(atlas) -> None:
    """The EAEU's zh-Hant name (6 characters) backwards is found by its letters; EurAsEC's Russian acronym
    (7 letters) backwards is not."""
    with pytest.raises(QueryError) as caught:
        atlas.org("\u76df\u806f\u6fdf\u7d93\u4e9e\u6b50")
    assert hints(caught.value) == ("eaeu",)
    assert atlas.org("\u0435\u0432\u0440\u0430\u0437\u044d\u0441").id == "eurasec"
    with pytest.raises(QueryError) as caught:
        atlas.org("\u0441\u044d\u0437\u0430\u0440\u0432\u0435")
    assert hints(caught.value) == ()


def test_a_name_of_100_characters_is_still_looked_for(atlas) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.org("csto" + "x" * 96)  # 100 characters: 'csto' and 'cst' are inside it
    assert hints(caught.value) == ("csto", "cst")
    with pytest.raises(QueryError) as caught:
        atlas.org("csto" + "x" * 97)  # 101: too long to look into
    assert hints(caught.value) == ()


def test_an_unknown_name_with_no_hint(atlas) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.org("zzzz")
    assert str(caught.value) == "unknown organization 'zzzz'" and hints(caught.value) == ()
    with pytest.raises(QueryError) as caught:
        atlas.org("x" * 101)
    assert hints(caught.value) == ()
    assert str(caught.value) == "unknown organization '" + "x" * 59 + "\u2026'"


def test_short_words_are_not_looked_for_inside_names(atlas) -> None:
    # 'ni' (two letters, close to no id) is inside many names but too short to hint at them
    with pytest.raises(QueryError) as caught:
        atlas.org("ni")
    assert hints(caught.value) == ()


def test_unknown_with_names_directly() -> None:
    keys = {"abcd": "x", "long name here": "y", "dcba": "z"}
    assert tuple(unknown_with_names("state", "bcda", ["Q1", "Q2"], keys, "s").values["hint"]) == ("x", "z")
    assert unknown_with_names("state", "bcda", ["Q1"], keys, "s").parameter == "s"
    # a name of 7 letters or more is not matched by its letters
    assert tuple(unknown_with_names("state", "ereh gnol", ["Q1"], {"here long": "y"}, "s").values["hint"]) == ()
    assert tuple(unknown_with_names("state", "name", ["Q1"], keys, "s").values["hint"]) == ("y",)


# -- finding a state -----------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["KAZ", "kaz", " kaz ", "KZ", "kz", "705", "KZK", "Kazakhstan", "KAZAKHSTAN",
                                   KAZAKHSTAN_ZH])
def test_a_state_by_any_code_or_name(atlas, given: str) -> None:
    assert atlas.state(given).iso3 == "KAZ"


def test_a_state_by_a_code_it_held(atlas) -> None:
    assert atlas.state("260").iso3 == "DEU" and atlas.state("GFR").iso3 == "DEU"  # West Germany's COW code


def test_an_unknown_state(atlas) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.state("Kazakstan")
    assert hints(caught.value) == ("KAZ",) and caught.value.parameter == "state"
    with pytest.raises(QueryError) as caught:
        atlas.state("Kazakstan", "states")
    assert caught.value.parameter == "states"


# -- lists of organizations --------------------------------------------------------------------------------


def test_org_ids(atlas) -> None:
    assert atlas.org_ids(None) == list(atlas.orgs)
    assert atlas.org_ids("csto, EAEU") == ["csto", "eaeu"]
    assert atlas.org_ids(["csto", "eaeu,CSTO", " cis "]) == ["csto", "eaeu", "cis"]
    assert atlas.org_ids("collective-security") == ["cst", "csto"]
    assert atlas.org_ids("Post-Soviet") == ["cis", "csto", "eaeu", "customs_union", "union_state"]
    # a named set stands for its organizations anywhere in a list, each once
    assert atlas.org_ids("nato,post-soviet,csto") == ["nato", "cis", "csto", "eaeu", "customs_union", "union_state"]
    assert atlas.org_ids(["collective-security", "sco"]) == ["cst", "csto", "sco"]
    with pytest.raises(QueryError) as caught:
        atlas.org_ids("post-soviet,post-baltic")
    assert caught.value.parameter == "orgs" and "post-baltic" in str(caught.value)


@pytest.mark.parametrize("given", ["", " , ", []])
def test_no_organization_given(atlas, given) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.org_ids(given, "figure")
    assert (str(caught.value), caught.value.parameter) == ("figure: no organization given", "figure")


def test_split_list() -> None:
    assert split_list(None) == []
    assert split_list(" a, b ,,c ") == ["a", "b", "c"]
    assert split_list(["a,b", " c", ""]) == ["a", "b", "c"]
    assert split_list((x for x in ["d"])) == ["d"]


# -- names by id -----------------------------------------------------------------------------------------


def test_names_of_ids_not_in_the_atlas(atlas) -> None:
    assert atlas.state_name("XYZ", "ru") == "XYZ" and atlas.org_name("asean", "ru", short=True) == "asean"
    assert atlas.state_name("DEU", "en", dt.date(1960, 1, 1)) == "West Germany"
    assert atlas.state_name("DEU") == "Germany"
    assert atlas.org_name("caco", "en", True, dt.date(2000, 1, 1)) == "CAEC"
    assert atlas.org_name("caco") == "Central Asian Cooperation Organization"
    assert atlas.org_name("caco", short=True) == "CACO"


# -- members and memberships -------------------------------------------------------------------------------


def test_members_by_status_then_state(atlas) -> None:
    """csto.yaml on 2012-12-31: six members and Uzbekistan suspended from 2012-12-19."""
    found = [(m.state, m.status, m.ccode) for m in atlas.members("CSTO", on="2012-12-31")]
    assert found == [("ARM", "member", 371), ("BLR", "member", 370), ("KAZ", "member", 705),
                     ("KGZ", "member", 703), ("RUS", "member", 365), ("TJK", "member", 702),
                     ("UZB", "suspended", 704)]
    assert {m.on for m in atlas.members("csto", on=dt.date(2012, 12, 31))} == {dt.date(2012, 12, 31)}


def test_members_in_the_order_of_statuses(atlas) -> None:
    """cis.yaml on 2010-01-01: ten members, then Turkmenistan, an associate from 2005-08-26 (Georgia gone)."""
    assert [m.state for m in atlas.members("cis", on="2010-01-01")] == [
        "ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UKR", "UZB", "TKM"]


def test_members_leave_out_the_withdrawn(atlas) -> None:
    """Georgia withdrew from the CIS on 2009-08-18: listed the day before, not on the day."""
    assert "GEO" in [m.state for m in atlas.members("cis", on="2009-08-17")]
    assert "GEO" not in [m.state for m in atlas.members("cis", on="2009-08-18")]
    assert [m.org for m in atlas.memberships("GEO", on="2009-08-18") if m.org == "cis"] == []


def test_members_with_the_code_of_the_day(atlas) -> None:
    west = [m for m in atlas.members("coe", on="1990-10-02") if m.state == "DEU"]
    united = [m for m in atlas.members("coe", on="1990-10-03") if m.state == "DEU"]
    assert [m.ccode for m in west] == [260] and [m.ccode for m in united] == [255]


def test_memberships_in_the_order_of_the_atlas(atlas) -> None:
    """Armenia on 2016-01-01, in the atlas's order of organizations (its data files, by id)."""
    found = [(m.org, m.status) for m in atlas.memberships("arm", on="2016-01-01")]
    order = list(atlas.orgs)
    assert [org for org, _ in found] == sorted((org for org, _ in found), key=order.index)
    assert ("csto", "member") in found and ("eaeu", "member") in found and ("cis", "member") in found
    assert ("customs_union", "member") in found
    assert all(m.on == dt.date(2016, 1, 1) and m.ccode == 371 for m in atlas.memberships("ARM", on="2016-01-01"))


def test_a_bad_day_names_its_parameter(atlas) -> None:
    for call in (lambda: atlas.members("csto", on="2012-13-01"), lambda: atlas.memberships("KAZ", on="someday")):
        with pytest.raises(QueryError) as caught:
            call()
        assert caught.value.parameter == "on"
    with pytest.raises(QueryError) as caught:
        atlas.diff("2014-01-01", "2015-02-30")
    assert caught.value.parameter == "date2"
    with pytest.raises(QueryError) as caught:
        atlas.diff("2014", "2015-01-01")
    assert caught.value.parameter == "date1"


# -- history, spells, disputes -----------------------------------------------------------------------------


def test_history_of_an_organization_a_state_or_both(atlas) -> None:
    """cis.yaml: Georgia joined in 1993-12, its parliament decided to leave on 2008-08-14, it notified on
    2008-08-18 and the withdrawal took effect on 2009-08-18."""
    both = [(str(e.date), e.kind) for e in atlas.history("CIS", "Georgia")]
    assert both == [("1993-12", "joined"), ("2008-08-14", "decided"), ("2008-08-18", "notified"),
                    ("2009-08-18", "withdrew")]
    assert {e.org for e in atlas.history(state="GEO")} >= {"cis", "guam", "pfp"}
    assert {e.state for e in atlas.history(org="shanghai_five")} >= {None, "CHN", "UZB"}
    assert {e.org for e in atlas.history(org="shanghai_five")} == {"shanghai_five"}
    assert len(atlas.history()) == len(atlas.events)


def test_spells_and_disputes_filtered(atlas) -> None:
    assert [(s.status, str(s.start)) for s in atlas.spells_of("cis", "GEO")] == [
        ("member", "1993-12"), ("withdrawn", "2009-08-18")]
    assert {s.state for s in atlas.spells_of(org="customs_union")} == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    assert {s.org for s in atlas.spells_of(state="GEO")} >= {"cis", "guam"}
    assert len(atlas.spells_of()) == len(atlas.spells)
    assert {d.id for d in atlas.disputes_of("cis", "GEO")} == {"geo-cis-joined", "geo-cis-left"}
    assert {d.id for d in atlas.disputes_of(org="customs_union")} == {"eec-start", "customs-union-from-2015"}
    assert {d.state for d in atlas.disputes_of(state="RUS")} == {"RUS"}
    assert len(atlas.disputes_of()) == len(atlas.disputes)


def test_a_source_by_key(atlas) -> None:
    assert atlas.source("cntd-1901995").publisher == "docs.cntd.ru (Kodeks legal database)"
    with pytest.raises(QueryError) as caught:
        atlas.source("cntd-190199")
    assert caught.value.parameter == "source" and "cntd-1901995" in hints(caught.value)


def test_key_dates_are_status_changes_foundings_and_dissolutions(atlas) -> None:
    kinds = {(e.kind, e.status is None) for e in atlas.key_dates}
    assert all(not no_status or kind in ("founded", "dissolved") for kind, no_status in kinds)
    caco = [(str(e.date), e.kind) for e in atlas.key_dates if e.org == "caco" and e.state is None]
    assert caco == [("1994-04-30", "founded"), ("2006", "dissolved")]  # not the renamings of 1998 and 2002
    assert not [e for e in atlas.key_dates if e.org == "cis" and e.state == "RUS" and str(e.date) == "1993-04-15"]


# -- sets and overlap ----------------------------------------------------------------------------------------


def test_sets_on_a_day_and_pinned(atlas) -> None:
    sets = atlas.sets("csto,eaeu", on="2016-01-01")
    assert sets == {"csto": frozenset({"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}),
                    "eaeu": frozenset({"ARM", "BLR", "KAZ", "KGZ", "RUS"})}
    pinned = atlas.sets("csto,eaeu", on="2016-01-01", pinned={"EAEU": "2015-01-01"})
    assert pinned["eaeu"] == frozenset({"BLR", "KAZ", "RUS"})  # Armenia from 2015-01-02
    with_suspended = atlas.sets("csto", on="2013-01-01", statuses=frozenset({"suspended"}))
    assert with_suspended == {"csto": frozenset({"UZB"})}
    with pytest.raises(QueryError) as caught:
        atlas.sets("csto,eaeu", on="2016-01-01", pinned={"eaeu": "2015-02-30"})
    assert caught.value.parameter == "eaeu@date"


def test_overlap_zones(atlas) -> None:
    zones = {frozenset(z.orgs): set(z.states) for z in atlas.overlap("csto,eaeu", on="2016-01-01")}
    assert zones == {frozenset({"csto", "eaeu"}): {"ARM", "BLR", "KAZ", "KGZ", "RUS"},
                     frozenset({"csto"}): {"TJK"}}


# -- loading ------------------------------------------------------------------------------------------------


def test_loading_a_folder_afresh_and_from_the_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data folder loaded (and stored in the cache), then loaded from the cache: the same answers."""
    from blocmap.core.atlas import Atlas
    from blocmap.core.loader import BUNDLED

    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BLOCMAP_NO_CACHE", raising=False)
    fresh = Atlas.load(str(BUNDLED))
    assert list((tmp_path / "cache").rglob("*")), "the atlas was stored in the cache"
    again = Atlas.load(BUNDLED)
    for atlas in (fresh, again):
        assert atlas.folder == BUNDLED
        # cmea.yaml: founded "1949-01", then the founders' joinings of the same month, by state
        assert [(str(e.date), e.org, e.state) for e in atlas.events[:3]] == [
            ("1949-01", "cmea", None), ("1949-01", "cmea", "BGR"), ("1949-01", "cmea", "CSK")]
        assert [m.state for m in atlas.members("csto", on="2012-12-31")] == [
            "ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
        assert atlas.org(CSTO_RU).id == "csto" and atlas.state("KZ").iso3 == "KAZ"
        assert atlas.source("cntd-1901995").kind == "reference"
        assert [d.id for d in atlas.disputes_of("cis", "GEO")] == ["geo-cis-joined", "geo-cis-left"]
        assert [s.status for s in atlas.spells_of("cis", "GEO")] == ["member", "withdrawn"]
        assert atlas.states["DEU"].iso2 == "DE" and atlas.orgs["caco"].id == "caco"
    assert again is not fresh


def test_a_broken_folder_lists_its_problems(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    from blocmap.core.atlas import Atlas
    from blocmap.core.errors import DataError

    monkeypatch.setenv("BLOCMAP_NO_CACHE", "1")
    eaeu = data_copy / "orgs" / "eaeu.yaml"
    text = eaeu.read_text(encoding="utf-8")
    eaeu.write_text(text.replace("event: observer", "event: onlooker", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Atlas.load(data_copy)
    assert "eaeu.yaml" in str(caught.value) and "onlooker" in str(caught.value)


def test_the_bundled_atlas_is_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import blocmap.core.atlas as module
    from blocmap.core.loader import BUNDLED

    assert module.Atlas.bundled() is module.Atlas.bundled()
    monkeypatch.setattr(module, "_BUNDLED_ATLAS", None)
    first = module.Atlas.bundled()
    assert first is not None and first.folder == BUNDLED and module.Atlas.bundled() is first
    assert module.Atlas.load() is first


def test_an_atlas_in_the_cache_is_not_read_again(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import blocmap.core.atlas as module
    from blocmap.core.loader import BUNDLED

    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BLOCMAP_NO_CACHE", raising=False)
    module.Atlas.load(BUNDLED)

    def read_again(folder):
        raise AssertionError(f"{folder} read again though its atlas is in the cache")

    monkeypatch.setattr(module, "load_folder", read_again)
    cached = module.Atlas.load(BUNDLED)
    assert [m.state for m in cached.members("eaeu", on="2015-08-12")] == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    assert cached.state("Germany").iso3 == "DEU" and len(cached.sources) == len(module.Atlas.bundled().sources)


# -- diff, and "today" by default ------------------------------------------------------------------------


def test_diff_over_2015_in_the_eaeu(atlas) -> None:
    """eaeu.yaml: Belarus, Kazakhstan and Russia members from 2015-01-01 (the Treaty in force), Armenia
    from 2015-01-02, Kyrgyzstan from 2015-08-12; none of them anything on 2014-12-31 (signing gives no
    status)."""
    changes = atlas.diff("2014-12-31", "2015-12-31", orgs="eaeu")
    assert sorted((c.org, c.state, c.before, c.after) for c in changes) == [
        ("eaeu", s, None, "member") for s in ("ARM", "BLR", "KAZ", "KGZ", "RUS")]
    kyrgyzstan = next(c for c in changes if c.state == "KGZ")
    assert "2015-08-12" in [str(e.date) for e in kyrgyzstan.events]
    every = atlas.diff("2014-12-31", "2015-12-31")
    assert ("customs_union", "ARM", None, "member") in {(c.org, c.state, c.before, c.after) for c in every}
    assert {c.org for c in every} > {"eaeu"}


def test_diff_to_a_later_day_has_the_observers(atlas) -> None:
    later = {(c.state, c.after) for c in atlas.diff("2014-12-31", "2024-12-31", orgs="eaeu")}
    assert {("MDA", "observer"), ("UZB", "observer"), ("CUB", "observer"), ("IRN", "observer")} <= later


def test_today_by_default(atlas) -> None:
    today = dt.date.today()
    assert [m.state for m in atlas.members("eaeu")] == [m.state for m in atlas.members("eaeu", on=today)]
    assert [m.org for m in atlas.memberships("ARM")] == [m.org for m in atlas.memberships("ARM", on=today)]
    assert atlas.sets("eaeu") == atlas.sets("eaeu", on=today)
    assert atlas.overlap("eaeu,csto") == atlas.overlap("eaeu,csto", on=today)


def test_memberships_with_the_code_of_the_day(atlas) -> None:
    assert {m.ccode for m in atlas.memberships("DEU", on="1960-01-01")} == {260}
    assert {m.ccode for m in atlas.memberships("DEU", on="2000-01-01")} == {255}


def test_overlap_of_other_statuses(atlas) -> None:
    zones = atlas.overlap("csto", on="2013-01-01", statuses=frozenset({"suspended"}))
    assert [(z.orgs, z.states) for z in zones] == [(("csto",), ("UZB",))]


def test_sets_name_the_day_parameter(atlas) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.sets("csto", on="2016-02-30")
    assert caught.value.parameter == "on"


def test_a_state_found_inside_a_longer_name(atlas) -> None:
    with pytest.raises(QueryError) as caught:
        atlas.state("Russian Federation")  # close to no code; 'russia' is inside it
    assert hints(caught.value) == ("RUS",)


def test_state_names_in_the_readers_language(atlas) -> None:
    assert atlas.state_name("DEU", "ru", dt.date(1960, 1, 1)) == "\u0424\u0420\u0413"
    assert atlas.org_name("csto", "ru", short=True) == CSTO_RU
