"""The atlas cache: a validated atlas is reused, and any edit to the data is validated again."""

from __future__ import annotations

import pytest

import blocmap
from blocmap import cache
from blocmap.errors import DataError


def test_second_load_comes_from_the_cache(data_copy):
    first = blocmap.load(data_copy)
    key = cache.fingerprint(data_copy)
    assert (cache.cache_dir() / f"atlas-{key}.pickle").exists()
    second = blocmap.load(data_copy)
    assert second is not first
    assert [m.state for m in second.members("csto", on="2008-06-01")] == [
        m.state for m in first.members("csto", on="2008-06-01")]


def test_an_edit_is_validated_again(data_copy):
    blocmap.load(data_copy)
    path = data_copy / "orgs" / "eaeu.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "2015-01-02"', 'date: "2013-01-02"', 1),
                    encoding="utf-8")
    with pytest.raises(DataError, match="before eaeu existed"):
        blocmap.load(data_copy)


def test_cache_can_be_turned_off_and_survives_a_read_only_folder(data_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCMAP_NO_CACHE", "1")
    assert cache.load(data_copy) == ("", None)
    monkeypatch.delenv("BLOCMAP_NO_CACHE")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(blocked))
    assert blocmap.load(data_copy).members("eaeu", on="2016-01-01")
