"""The atlas cache: a validated atlas is reused, and any edit to the data is validated again; it holds
JSON data, never code, in a private folder, and keeps only the newest entries."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

import blocmap
from blocmap.core import cache
from blocmap.core.atlas import Atlas
from blocmap.core.errors import DataError


def test_second_load_comes_from_the_cache(data_copy):
    first = blocmap.load(data_copy)
    key = cache.fingerprint(data_copy)
    assert cache.entry_path(key).exists()
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


# ---------------------------------------------------------------------------- a cache that cannot run code
@pytest.fixture()
def own_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("BLOCMAP_NO_CACHE", raising=False)
    cache._warned.clear()
    return folder


class _Planted:
    """Unpickling this writes a marker file: the proof that a pickle ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "planted code ran"))


def test_the_cached_atlas_equals_a_fresh_load(data_copy, own_cache, monkeypatch):
    blocmap.load(data_copy)  # writes the entry
    key = cache.fingerprint(data_copy)
    cached_key, records = cache.load(data_copy)
    assert cached_key == key and records is not None
    sources, states, orgs, events, disputes = records
    cached = Atlas(data_copy, orgs, states, sources, events, disputes)
    monkeypatch.setenv("BLOCMAP_NO_CACHE", "1")
    fresh = blocmap.load(data_copy)
    assert cached.orgs == fresh.orgs and list(cached.orgs) == list(fresh.orgs)
    assert cached.states == fresh.states and cached.sources == fresh.sources
    assert cached.events == fresh.events and cached.disputes == fresh.disputes
    assert cached.spells == fresh.spells and cached.folder == fresh.folder


def test_the_entry_is_plain_json_written_0600_in_a_private_folder(data_copy, own_cache):
    blocmap.load(data_copy)
    entry = cache.entry_path(cache.fingerprint(data_copy))
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(own_cache.stat().st_mode) & 0o077 == 0
    from blocmap.core import snapshot

    assert entry.read_text(encoding="utf-8").startswith(f'{{"format":{snapshot.FORMAT},')
    assert not list(own_cache.glob(".atlas-*"))  # no temporary file left


def test_a_planted_pickle_never_runs(data_copy, own_cache, tmp_path):
    own_cache.mkdir(mode=0o700)
    key = cache.fingerprint(data_copy)
    marker = tmp_path / "ran.txt"
    payload = pickle.dumps(_Planted(marker))
    (own_cache / f"atlas-{key}.pickle").write_bytes(payload)  # where blocmap 0.1 looked
    cache.entry_path(key).write_bytes(payload)  # and where it looks now
    os.chmod(cache.entry_path(key), 0o600)
    assert cache.load(data_copy) == (key, None)
    atlas = blocmap.load(data_copy)
    assert atlas.members("eaeu", on="2016-01-01") and not marker.exists()
    assert not (own_cache / f"atlas-{key}.pickle").exists()  # old pickles are removed, never read


def test_a_forged_entry_of_wrong_data_is_ignored(data_copy, own_cache):
    blocmap.load(data_copy)
    key = cache.fingerprint(data_copy)
    entry = cache.entry_path(key)
    entry.write_text('{"format":1,"key":"' + key + '","sources":[{"key":1}]}', encoding="utf-8")
    assert cache.load(data_copy) == (key, None)
    other = cache.entry_path("0" * 32)
    other.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    assert cache.load(data_copy)[1] is None


@pytest.mark.parametrize("make, why", [
    (lambda folder, tmp: (folder.mkdir(), folder.chmod(0o777)), "others can write to it (mode 777)"),
    (lambda folder, tmp: (folder.mkdir(), folder.chmod(0o770)), "others can write to it (mode 770)"),
    (lambda folder, tmp: ((tmp / "real").mkdir(mode=0o700), folder.symlink_to(tmp / "real")),
     "it is a symbolic link"),
])
def test_an_unsafe_folder_is_refused_with_one_warning(data_copy, own_cache, tmp_path, capsys, make, why):
    make(own_cache, tmp_path)
    first = blocmap.load(data_copy)
    second = blocmap.load(data_copy)
    assert first.members("csto", on="2010-01-01") == second.members("csto", on="2010-01-01")
    assert capsys.readouterr().err == f"blocmap: warning: not using the cache folder {own_cache}: {why}\n"
    assert not list(own_cache.glob("atlas-*")) and not list((tmp_path / "real").glob("*") if
                                                           (tmp_path / "real").exists() else [])


def test_a_folder_of_another_user_is_refused(data_copy, own_cache, monkeypatch, capsys):
    own_cache.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(own_cache).st_uid + 1)
    assert blocmap.load(data_copy).members("csto", on="2010-01-01")
    assert "belongs to user id" in capsys.readouterr().err
    assert not list(own_cache.iterdir())


def test_an_entry_readable_by_others_or_owned_by_another_user_is_not_read(data_copy, own_cache, monkeypatch):
    blocmap.load(data_copy)
    key = cache.fingerprint(data_copy)
    cache.entry_path(key).chmod(0o644)
    assert cache.load(data_copy) == (key, None)
    cache.entry_path(key).chmod(0o600)
    assert cache.load(data_copy)[1] is not None
    real_uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real_uid + 1)
    monkeypatch.setattr(cache, "unsafe_reason", lambda folder: None)
    assert cache.load(data_copy) == (key, None)


def test_old_entries_are_evicted(data_copy, own_cache):
    own_cache.mkdir(mode=0o700)
    for n in range(cache.KEEP + 3):
        old = own_cache / f"atlas-{n:032d}.json"
        old.write_text("{}")
        os.utime(old, ns=(n * 10**9, n * 10**9))
    stale = own_cache / ".atlas-killed.tmp"
    stale.write_text("half")
    os.utime(stale, (0, 0))
    blocmap.load(data_copy)
    names = sorted(p.name for p in own_cache.iterdir())
    newest = [f"atlas-{n:032d}.json" for n in range(4, cache.KEEP + 3)]
    assert names == sorted(newest + [cache.entry_path(cache.fingerprint(data_copy)).name])
    assert len(names) == cache.KEEP


def test_the_key_reads_no_file(data_copy, monkeypatch):
    """Only names, sizes and times: a FIFO or a huge file in the folder costs nothing."""
    os.mkfifo(data_copy / "geo" / "pipe")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    monkeypatch.setattr("builtins.open", lambda *a, **k: pytest.fail(f"opened {a[0]}"))
    first = cache.fingerprint(data_copy)
    (data_copy / "orgs" / "csto.yaml").touch()
    assert cache.fingerprint(data_copy) != first
