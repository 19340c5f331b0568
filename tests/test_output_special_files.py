"""`-o` never destroys a special file (issue 20, item 2): a symlink keeps its link and its target is
written whole; a FIFO and a device are streamed to, never replaced; `-o -` is standard output; a
socket is refused in one line."""

from __future__ import annotations

import os
import socket
import stat
import threading

import pytest
from click.testing import CliRunner

from blocmap.cli import main

ARGS = ["figure", "euler", "--on", "2016-01-01", "--format", "svg"]


def run(*args: str):
    result = CliRunner().invoke(main, [*ARGS, *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_symlink_keeps_its_link_and_its_target_is_written_whole(tmp_path):
    real = tmp_path / "real.svg"
    real.write_text("old")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    code, _, err = run("-o", str(link))
    assert code == 0 and os.path.islink(link) and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("<?xml") and "</svg>" in real.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_fifo_is_streamed_to_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run("-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0 and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith(b"<?xml") and b"</svg>" in got[0]


def test_a_device_is_written_to_not_replaced():
    before = os.stat("/dev/null")
    code, _, _ = run("-o", "/dev/null")
    after = os.stat("/dev/null")
    assert code == 0 and stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dash_is_standard_output():
    code, out, err = run("-o", "-")
    assert code == 0 and out.startswith("<?xml") and "wrote" not in err


def test_a_socket_is_refused_in_one_line(tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        code, _, err = run("-o", str(path))
    finally:
        server.close()
    assert code == 1
    assert err.strip() == (f"blocmap: error: -o {path}: a socket; write to a file, a FIFO, a terminal device "
                           "or '-' (standard output)")
    assert stat.S_ISSOCK(os.stat(path).st_mode)
