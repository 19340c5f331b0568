"""The atlas cache with answers worked out by hand: where the folder is, when it is on, the key of a
folder (its exact digest, and which edits change it), why a folder or an entry is refused (each
reason's words), what is written (the exact text, mode 0600) and what eviction keeps.  Small
folders and records only, so it runs in a second."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from blocmap.core import cache, snapshot
from blocmap.core.version import __version__

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@pytest.fixture()
def home(tmp_path, monkeypatch):
    """A cache folder of our own, the cache on (mutants.py runs with BLOCMAP_NO_CACHE=1)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("BLOCMAP_NO_CACHE", raising=False)
    cache._warned.clear()
    return folder


def data_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "orgs").mkdir(parents=True)
    (folder / "sources.yaml").write_text("- key: a\n  title: A\n", encoding="utf-8")
    (folder / "states.yaml").write_text("[]\n", encoding="utf-8")
    (folder / "orgs" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    (folder / "orgs" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    return folder


# -- where, and whether ------------------------------------------------------------------------------------


def test_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", "")
    assert cache.cache_dir() == tmp_path / "xdg" / "blocmap"
    monkeypatch.delenv("BLOCMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "blocmap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "blocmap"
    assert cache.entry_path("k1") == tmp_path / "home" / ".cache" / "blocmap" / "atlas-k1.json"


@pytest.mark.parametrize("value, on", [(None, True), ("", True), ("0", True), ("1", False), ("yes", False),
                                       ("00", False)])
def test_when_the_cache_is_on(monkeypatch, value, on):
    if value is None:
        monkeypatch.delenv("BLOCMAP_NO_CACHE", raising=False)
    else:
        monkeypatch.setenv("BLOCMAP_NO_CACHE", value)
    assert cache.enabled() is on
    assert (cache.cache_folder("figures") is not None) is on


def test_the_limits():
    assert (cache.KEEP, cache.MAX_ENTRY_BYTES, cache.STALE_TEMP_SECONDS) == (4, 32 * 1024 * 1024, 3600)
    assert cache.LAYOUT_FILES == ("sources.yaml", "states.yaml", "refused.yaml", "organs.yaml", "depth.yaml")


# -- the key of a folder -------------------------------------------------------------------------------------


def expected_key(folder: Path, names: list[str]) -> str:
    digest = hashlib.sha256(f"{__version__}|{snapshot.FORMAT}|{sys.version_info[:3]}|{folder.resolve()}".encode())
    for name in names:
        info = (folder / name).lstat()
        digest.update(f"{name}|{info.st_size}|{info.st_mtime_ns}|{info.st_ctime_ns}\n".encode())
    return digest.hexdigest()[:32]


def test_the_key_is_the_digest_of_the_named_files(tmp_path):
    folder = data_folder(tmp_path)
    (folder / "README.md").write_text("not data", encoding="utf-8")
    (folder / "orgs" / "c.yml").write_text("not read", encoding="utf-8")
    (folder / "organs.yaml").mkdir()  # a folder where a file is named: skipped
    key = cache.fingerprint(folder)
    assert len(key) == 32 and int(key, 16) >= 0
    assert key == expected_key(folder, ["sources.yaml", "states.yaml", "orgs/a.yaml", "orgs/b.yaml"])


def test_which_edits_change_the_key(tmp_path):
    folder = data_folder(tmp_path)
    key = cache.fingerprint(folder)
    assert cache.fingerprint(folder) == key
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    assert cache.fingerprint(folder) == key
    keys = {key}
    for name in cache.LAYOUT_FILES + ("orgs/c.yaml",):
        (folder / name).write_text("- x\n" * 3, encoding="utf-8")
        keys.add(cache.fingerprint(folder))
    assert len(keys) == 7
    path = folder / "orgs" / "a.yaml"
    before = cache.fingerprint(folder)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # the same size, one nanosecond later
    assert cache.fingerprint(folder) != before


def test_the_key_of_a_folder_without_orgs(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "states.yaml").write_text("[]\n", encoding="utf-8")
    assert cache.fingerprint(folder) == expected_key(folder, ["states.yaml"])
    (folder / "orgs").write_text("a file", encoding="utf-8")
    assert cache.fingerprint(folder) == expected_key(folder, ["states.yaml"])


# -- a safe folder ---------------------------------------------------------------------------------------------


def test_why_a_folder_is_not_safe(tmp_path):
    assert cache.unsafe_reason(tmp_path / "missing") == "No such file or directory"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert cache.unsafe_reason(tmp_path / "file") == "it is not a folder"
    (tmp_path / "link").symlink_to(tmp_path)
    assert cache.unsafe_reason(tmp_path / "link") == "it is a symbolic link"
    folder = tmp_path / "f"
    folder.mkdir()
    for mode, why in ((0o700, None), (0o755, None), (0o500, None), (0o770, "others can write to it (mode 770)"),
                      (0o702, "others can write to it (mode 702)"), (0o1777, "others can write to it (mode 1777)")):
        folder.chmod(mode)
        assert cache.unsafe_reason(folder) == why


@pytest.mark.skipif(not ROOT, reason="only root can give a folder to another user")
def test_a_folder_of_another_user(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir(mode=0o700)
    os.chown(folder, 12345, -1)
    assert cache.unsafe_reason(folder) == "it belongs to user id 12345, not to you"


def test_the_folder_is_made_private_when_asked(home, capsys):
    assert cache._safe_folder(create=False) is None and not home.exists()
    assert cache._safe_folder(create=True) == home
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert cache._safe_folder(create=False) == home
    assert capsys.readouterr().err == ""


def test_a_folder_that_cannot_be_made(home):
    home.parent.joinpath("blocker").write_text("x", encoding="utf-8")
    os.environ["BLOCMAP_CACHE_DIR"] = str(home.parent / "blocker" / "cache")
    assert cache._safe_folder(create=True) is None


def test_an_unsafe_folder_is_warned_about_once(home, capsys):
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    assert cache._safe_folder(create=True) is None
    assert cache._safe_folder(create=False) is None
    assert capsys.readouterr().err == (f"blocmap: warning: not using the cache folder {home}: "
                                       "others can write to it (mode 777)\n")


# -- entries -------------------------------------------------------------------------------------------------------


def entry(path: Path, text: str | bytes, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    path.chmod(mode)
    return path


def test_which_entries_are_read(tmp_path):
    assert cache._read_entry(entry(tmp_path / "a.json", '{"a": [1]}')) == {"a": [1]}
    assert cache._read_entry(entry(tmp_path / "b.json", "[]", 0o400)) == []
    for mode in (0o640, 0o604, 0o601, 0o610, 0o644):
        assert cache._read_entry(entry(tmp_path / "c.json", "[]", mode)) is None
    assert cache._read_entry(tmp_path / "missing.json") is None
    (tmp_path / "link.json").symlink_to(tmp_path / "a.json")
    assert cache._read_entry(tmp_path / "link.json") is None
    os.mkfifo(tmp_path / "fifo.json", 0o600)
    assert cache._read_entry(tmp_path / "fifo.json") is None  # not opened for a writer to come
    (tmp_path / "dir.json").mkdir(mode=0o700)
    assert cache._read_entry(tmp_path / "dir.json") is None
    with pytest.raises(ValueError):
        cache._read_entry(entry(tmp_path / "d.json", "{not json"))


def test_an_entry_at_the_size_limit_and_one_byte_more(tmp_path):
    path = entry(tmp_path / "a.json", b"[" + b" " * (cache.MAX_ENTRY_BYTES - 2) + b"]")
    assert cache._read_entry(path) == []  # read to its last byte
    entry(path, b"1" + b" " * cache.MAX_ENTRY_BYTES)
    assert cache._read_entry(path) is None


@pytest.mark.skipif(not ROOT, reason="only root can give a file to another user")
def test_an_entry_of_another_user(tmp_path):
    path = entry(tmp_path / "a.json", "[]")
    os.chown(path, 12345, -1)
    assert cache._read_entry(path) is None


def test_a_feature_cache_written_and_read(home):
    folder = cache.cache_folder("figures")
    assert folder == home / "figures"
    path = folder / "x.json"
    assert cache.read_json(path) is None  # nothing yet, nor a folder
    cache.write_json(path, {"b": 1, "a": ["é"]})
    assert path.read_text(encoding="utf-8") == '{"a":["é"],"b":1}'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert cache.read_json(path) == {"a": ["é"], "b": 1}
    entry(path, "{broken")
    assert cache.read_json(path) is None


def test_a_feature_cache_in_an_unsafe_place(home):
    folder = home / "figures"
    folder.mkdir(parents=True, mode=0o700)
    home.chmod(0o700)
    entry(folder / "x.json", "[1]")
    assert cache.read_json(folder / "x.json") == [1]
    folder.chmod(0o777)
    assert cache.read_json(folder / "x.json") is None
    cache.write_json(folder / "y.json", [2])
    assert not (folder / "y.json").exists()
    folder.chmod(0o700)
    home.chmod(0o777)
    assert cache.read_json(folder / "x.json") is None
    cache.write_json(folder / "y.json", [2])
    assert not (folder / "y.json").exists()
    home.chmod(0o700)
    (home / "file").write_text("x", encoding="utf-8")
    cache.write_json(home / "file" / "y.json", [2])  # the sub-folder cannot be made: nothing, no error
    assert cache.read_json(home / "file" / "y.json") is None
    (folder / "dir.json").mkdir()
    cache.write_json(folder / "dir.json", [3])  # cannot be written: nothing, no error
    assert (folder / "dir.json").is_dir()
    assert cache.read_json(folder / "dir.json") is None  # a folder where an entry should be: no error


def test_an_entry_that_cannot_be_read(home, monkeypatch):
    folder = home / "figures"
    path = entry(folder / "x.json", "[1]")
    home.chmod(0o700)

    def failing(fd, mode):
        os.close(fd)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(cache.os, "fdopen", failing)
    assert cache.read_json(path) is None


# -- the atlas's entries -------------------------------------------------------------------------------------


def records():
    from blocmap.core.model import Event, Organization, Source, State
    from blocmap.core.dates import parse_partial

    return ({"s": Source("s", "Titlé")}, {"AAA": State("AAA", None, (), ())},
            {"o": Organization("o", {"en": "O"}, {}, "security", None, None, None, None, (), (), (), (), {})},
            [Event("o", None, parse_partial("2000"), "founded", None, ("s",))], [])


def atlas_of(recs) -> SimpleNamespace:
    sources, states, orgs, events, disputes = recs
    return SimpleNamespace(sources=sources, states=states, orgs=orgs, events=events, disputes=disputes)


def test_an_atlas_stored_and_loaded(home, tmp_path):
    folder = data_folder(tmp_path)
    key = cache.fingerprint(folder)
    assert cache.load(folder) == (key, None)  # no cache folder yet
    assert not home.exists()  # and loading makes none
    cache.store(key, atlas_of(records()))
    path = home / f"atlas-{key}.json"
    assert path.read_text(encoding="utf-8") == json.dumps(
        snapshot.dump(*records(), key=key), ensure_ascii=False, separators=(",", ":"))
    assert '"title":"Titlé"' in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert cache.load(folder) == (key, records())
    path.chmod(0o644)
    assert cache.load(folder) == (key, None)
    entry(path, '{"format": 1}')
    assert cache.load(folder) == (key, None)
    path.unlink()
    assert cache.load(folder) == (key, None)


def test_nothing_is_stored_without_a_key_or_a_cache(home, monkeypatch):
    cache.store("", atlas_of(records()))
    assert not home.exists()
    monkeypatch.setenv("BLOCMAP_NO_CACHE", "1")
    cache.store("k1", atlas_of(records()))
    assert not home.exists()
    assert cache.load(home) == ("", None)
    monkeypatch.delenv("BLOCMAP_NO_CACHE")
    home.parent.joinpath("blocker").write_text("x", encoding="utf-8")
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(home.parent / "blocker" / "c"))
    cache.store("k1", atlas_of(records()))  # no folder can be made: nothing, no error


def test_an_entry_that_cannot_be_written(home):
    home.mkdir(mode=0o700)
    (home / "atlas-k1.json").mkdir()
    cache.store("k1", atlas_of(records()))  # an OSError is only a missed shortcut
    assert (home / "atlas-k1.json").is_dir()


def test_a_folder_that_cannot_be_fingerprinted(home, monkeypatch, tmp_path):
    def broken(folder):
        raise RuntimeError("broken")

    monkeypatch.setattr(cache, "fingerprint", broken)
    assert cache.load(tmp_path) == ("", None)


def test_the_newest_entries_are_kept(home):
    home.mkdir(mode=0o700)
    now = time.time()
    for n in range(6):
        path = entry(home / f"atlas-k{n}.json", "[]")
        os.utime(path, (now - 100 + n, now - 100 + n))
    entry(home / "atlas-old.pickle", b"x")
    fresh_temp = entry(home / ".atlas-fresh.tmp", b"x")
    os.utime(fresh_temp, (now - 3500, now - 3500))
    stale_temp = entry(home / ".atlas-stale.tmp", b"x")
    os.utime(stale_temp, (now - 3700, now - 3700))
    entry(home / "other.json", "[]")
    os.utime(home / "other.json", (now - 9999, now - 9999))
    (home / "atlas-dir.json").mkdir()
    (home / "figures").mkdir()
    cache.evict(home)
    assert sorted(p.name for p in home.iterdir()) == [
        ".atlas-fresh.tmp", "atlas-dir.json", "atlas-k2.json", "atlas-k3.json", "atlas-k4.json", "atlas-k5.json",
        "figures", "other.json"]
    cache.evict(home, keep=1)
    assert sorted(p.name for p in home.glob("atlas-k*")) == ["atlas-k5.json"]


def test_storing_evicts(home):
    home.mkdir(mode=0o700)
    for n in range(4):
        path = entry(home / f"atlas-k{n}.json", "[]")
        os.utime(path, (1000 + n, 1000 + n))
    cache.store("knew", atlas_of(records()))
    assert sorted(p.name for p in home.iterdir()) == ["atlas-k1.json", "atlas-k2.json", "atlas-k3.json",
                                                      "atlas-knew.json"]


def test_a_cache_folder_deep_in_folders_that_do_not_exist(home, monkeypatch):
    deep = home / "a" / "b"
    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(deep))
    assert cache._safe_folder(create=True) == deep and deep.is_dir()


def test_reading_makes_no_folder(home):
    assert cache.read_json(home / "figures" / "x.json") is None
    assert not home.exists()
    home.mkdir(mode=0o700)
    assert cache.read_json(home / "figures" / "x.json") is None
    assert not (home / "figures").exists()


def test_a_temporary_file_exactly_an_hour_old_is_kept(home, monkeypatch):
    home.mkdir(mode=0o700)
    now = 1_700_000_000.0
    monkeypatch.setattr(cache.time, "time", lambda: now)
    for name, age in ((".atlas-hour.tmp", 3600), (".atlas-older.tmp", 3601)):
        os.utime(entry(home / name, b"x"), (now - age, now - age))
    cache.evict(home)
    assert sorted(p.name for p in home.iterdir()) == [".atlas-hour.tmp"]


def test_a_file_gone_while_evicting_and_a_folder_without_words(home, monkeypatch):
    home.mkdir(mode=0o700)
    for n in range(6):
        os.utime(entry(home / f"atlas-k{n}.json", "[]"), (1000 + n, 1000 + n))
    real = Path.lstat

    def vanishing(path):
        if path.name == "atlas-k0.json":
            raise FileNotFoundError(2, "No such file or directory")
        return real(path)

    listed = Path.iterdir
    monkeypatch.setattr(Path, "lstat", vanishing)
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(listed(self))))  # the vanished one first
    cache.evict(home)  # the vanished file is skipped, the others are still judged
    assert sorted(p.name for p in home.iterdir()) == ["atlas-k0.json", "atlas-k2.json", "atlas-k3.json",
                                                      "atlas-k4.json", "atlas-k5.json"]

    def wordless(path):
        raise OSError()

    monkeypatch.setattr(Path, "lstat", wordless)
    assert cache.unsafe_reason(home) == "cannot read"
