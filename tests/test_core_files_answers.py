"""Writing files whole or not at all (``core/files.py``): the temporary file's name, which leftovers
of dead writers are swept (by process id, and by age for older names, just inside and outside the
hour), what a writer leaves on failure, the mode a file gets, and the one-line errors naming ``-o``."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from blocmap.core import files
from blocmap.core.errors import QueryError
from blocmap.core.files import STALE_SECONDS, remove_stale, temp_path, write_atomic

DEAD = 99_999_999  # above any pid_max (2**22 at most): never a live process
NOW = 1_800_000_000.0


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- temporary names ---------------------------------------------------------------------------------


def test_a_temporary_path_beside_the_target(tmp_path: Path) -> None:
    target = tmp_path / "atlas.json"
    first, second = temp_path(target), temp_path(target)
    assert first != second
    for path in (first, second):
        assert path.parent == tmp_path and path.is_file() and path.stat().st_size == 0
        assert re.fullmatch(rf"\.atlas\.json\.{os.getpid()}\.[a-z0-9_]+\.tmp", path.name), path.name
        match = files._TEMP.match(path.name)
        assert match["target"] == "atlas.json" and match["pid"] == str(os.getpid())
    assert not target.exists()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc (Linux)")
def test_the_temporary_file_is_not_left_open(tmp_path: Path) -> None:
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(5):
        temp_path(tmp_path / "x")
    assert len(os.listdir("/proc/self/fd")) == before


def test_temporary_names_of_a_writer() -> None:
    assert files._TEMP.match(".a.b.json.123.k3_x.tmp").group("target", "pid") == ("a.b.json", "123")
    assert files._TEMP.match(".store.db.77.abc.tmp.wal").group("target", "pid") == ("store.db", "77")
    for name in ("a.json.123.abc.tmp", ".a.json.abc.x.tmp", ".a.json.123.abc.tmp.bak", ".a.json.123..tmp",
                 ".a.json.123.abc.tmpx", "x.a.json.123.abc.tmp"):
        assert files._TEMP.match(name) is None, name
    assert STALE_SECONDS == 3600


# -- whether a writer is alive ------------------------------------------------------------------------


def test_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    assert files._alive(os.getpid()) is True
    assert files._alive(DEAD) is False
    assert files._alive(1) is True  # init, always there

    def refused(pid: int, signal: int) -> None:
        raise PermissionError(pid)  # another user's process (the tests run as any user)

    def gone(pid: int, signal: int) -> None:
        raise ProcessLookupError(pid)

    monkeypatch.setattr(files.os, "kill", refused)
    assert files._alive(4242) is True
    monkeypatch.setattr(files.os, "kill", gone)
    assert files._alive(4242) is False
    assert files._alive(os.getpid()) is True  # never signalled: this process is alive


def test_alive_asks_with_signal_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = []
    monkeypatch.setattr(files.os, "kill", lambda pid, sig: asked.append((pid, sig)))
    assert files._alive(4242) is True
    assert asked == [(4242, 0)]


# -- sweeping leftovers ------------------------------------------------------------------------------


def test_leftovers_of_dead_writers_are_removed(tmp_path: Path) -> None:
    mine = os.getpid()
    for name in (f".a.json.{DEAD}.x1.tmp", f".a.json.{DEAD}.x2.tmp.wal", f".a.json.{mine}.x3.tmp",
                 f".b.csv.{DEAD}.x4.tmp", f".c.txt.{DEAD}.x5.tmp", "a.json", f".a.json.{DEAD}.x6.bak"):
        (tmp_path / name).write_text("x")
    removed = remove_stale(tmp_path, {"a.json", "b.csv"})
    assert sorted(p.name for p in removed) == [f".a.json.{DEAD}.x1.tmp", f".a.json.{DEAD}.x2.tmp.wal",
                                               f".b.csv.{DEAD}.x4.tmp"]
    assert all(p.parent == tmp_path for p in removed)
    assert names(tmp_path) == sorted([f".a.json.{mine}.x3.tmp", f".c.txt.{DEAD}.x5.tmp", "a.json",
                                      f".a.json.{DEAD}.x6.bak"])
    assert remove_stale(tmp_path, {"a.json", "b.csv"}) == []


def test_older_names_are_removed_after_an_hour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files.time, "time", lambda: NOW)
    ages = {".a.json.old": 3601, ".a.json.hour": 3600, ".a.json.new": 10, ".b.json.old": 99999,
            f".c.json.{DEAD}.x.tmp": 5000}  # a temporary name of another target: judged by its age
    for name, age in ages.items():
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, (NOW - age, NOW - age))
    removed = remove_stale(tmp_path, {"a.json"}, (".a.json.", ".c.json."))
    assert sorted(p.name for p in removed) == sorted([".a.json.old", f".c.json.{DEAD}.x.tmp"])
    assert names(tmp_path) == sorted([".a.json.hour", ".a.json.new", ".b.json.old"])


def test_older_names_are_kept_without_prefixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files.time, "time", lambda: NOW)
    (tmp_path / ".a.json.old").write_text("x")
    os.utime(tmp_path / ".a.json.old", (NOW - 99999, NOW - 99999))
    assert remove_stale(tmp_path, {"a.json"}) == []
    assert names(tmp_path) == [".a.json.old"]


def test_the_age_of_a_link_is_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A symbolic link is judged by its own time (``lstat``), and removed, not what it points to."""
    monkeypatch.setattr(files.time, "time", lambda: NOW)
    (tmp_path / "kept").write_text("x")
    os.utime(tmp_path / "kept", (NOW, NOW))
    (tmp_path / ".a.json.link").symlink_to(tmp_path / "kept")
    os.utime(tmp_path / ".a.json.link", (NOW - 7200, NOW - 7200), follow_symlinks=False)
    (tmp_path / ".a.json.dangling").symlink_to(tmp_path / "nowhere")
    os.utime(tmp_path / ".a.json.dangling", (NOW - 7200, NOW - 7200), follow_symlinks=False)
    removed = remove_stale(tmp_path, set(), (".a.json.",))
    assert sorted(p.name for p in removed) == [".a.json.dangling", ".a.json.link"]
    assert names(tmp_path) == ["kept"]


def test_a_leftover_that_cannot_be_removed_is_left(tmp_path: Path) -> None:
    (tmp_path / f".a.json.{DEAD}.x.tmp").mkdir()  # unlink refuses a folder
    (tmp_path / f".a.json.{DEAD}.y.tmp").write_text("x")
    removed = remove_stale(tmp_path, {"a.json"})
    assert [p.name for p in removed] == [f".a.json.{DEAD}.y.tmp"]
    assert names(tmp_path) == [f".a.json.{DEAD}.x.tmp"]


class Entry:
    """A folder entry whose ``lstat`` or ``unlink`` fails as when another process removed it first."""

    def __init__(self, name: str, age: float | None, unlinks: bool = True):
        self.name, self.age, self.unlinks, self.unlinked = name, age, unlinks, False

    def lstat(self):
        if self.age is None:
            raise FileNotFoundError(self.name)
        return os.stat_result((0, 0, 0, 0, 0, 0, 0, 0, NOW - self.age, 0))

    def unlink(self) -> None:
        if not self.unlinks:
            raise FileNotFoundError(self.name)
        self.unlinked = True


class Folder:
    def __init__(self, *entries: Entry):
        self.entries = entries

    def iterdir(self):
        return iter(self.entries)


def test_entries_gone_meanwhile_are_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files.time, "time", lambda: NOW)
    gone, failing, old = Entry(".a.gone", None), Entry(".a.fail", 5000, unlinks=False), Entry(".a.old", 5000)
    dead = Entry(f".a.{DEAD}.x.tmp", None, unlinks=False)
    later = Entry(f".a.{DEAD}.y.tmp", None)
    assert remove_stale(Folder(gone, failing, dead, old, later), {"a"}, (".a.",)) == [old, later]
    assert old.unlinked and later.unlinked and not gone.unlinked


def test_a_folder_that_cannot_be_listed(tmp_path: Path) -> None:
    assert remove_stale(tmp_path / "missing", {"a.json"}) == []
    (tmp_path / "file").write_text("x")
    assert remove_stale(tmp_path / "file", {"a.json"}) == []


# -- writing -----------------------------------------------------------------------------------------


def test_text_is_written_as_utf8_and_bytes_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert write_atomic(target, "ОДКБ 集安 ✓\n") == target
    assert target.read_bytes() == "ОДКБ 集安 ✓\n".encode("utf-8")
    assert write_atomic(str(tmp_path / "out.bin"), b"\x00\xff") == tmp_path / "out.bin"
    assert isinstance(write_atomic(str(tmp_path / "out.bin"), b"\x01"), Path)
    assert (tmp_path / "out.bin").read_bytes() == b"\x01"
    assert names(tmp_path) == ["out.bin", "out.txt"]  # no temporary file left


def test_a_file_gets_its_mode_less_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a", "x")
        write_atomic(tmp_path / "b", "x", mode=0o600)
        write_atomic(tmp_path / "c", "x", mode=0o775)
        assert os.umask(0o027) == 0o027  # the umask is as it was
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "b").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o750
    old = os.umask(0)
    try:
        write_atomic(tmp_path / "d", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o666  # as open() gives it, never executable


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old and longer")
    os.chmod(target, 0o600)
    write_atomic(target, "new")
    assert target.read_text() == "new"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert names(tmp_path) == ["out.txt"]


def test_an_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.txt", "x")
    assert names(tmp_path) == []


def test_the_error_is_the_writers_even_when_the_temporary_is_gone(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(source, target) -> None:
        os.unlink(source)  # swept by someone else meanwhile
        raise PermissionError("read-only target")

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(PermissionError, match="read-only target"):
        write_atomic(tmp_path / "out.txt", "x")
    assert names(tmp_path) == []


def test_a_folder_in_the_way_without_an_option(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path / "out", "x")
    assert names(tmp_path) == ["out"]
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "out", "x")


def test_errors_name_the_option(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(QueryError) as caught:
        write_atomic(tmp_path / "out", "x", "-o")
    assert str(caught.value) == f"-o {tmp_path}/out: is a folder, not a file"
    assert caught.value.parameter == "-o"
    with pytest.raises(QueryError) as caught:
        write_atomic(tmp_path / "missing" / "out.csv", "x", "--output")
    assert str(caught.value) == f"--output {tmp_path}/missing/out.csv: folder '{tmp_path}/missing' does not exist"
    assert caught.value.parameter == "--output"
    (tmp_path / "file").write_text("x")
    with pytest.raises(QueryError) as caught:
        write_atomic(tmp_path / "file" / "out.csv", "x", "-o")
    assert str(caught.value) == f"-o {tmp_path}/file/out.csv: folder '{tmp_path}/file' does not exist"
    assert names(tmp_path) == ["file", "out"]


def test_a_bare_name_is_written_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert write_atomic("out.txt", "x", "-o") == Path("out.txt")
    assert (tmp_path / "out.txt").read_text() == "x"
    assert names(tmp_path) == ["out.txt"]
