"""Write the data's version record and changelog from the repository's history (needs git).

    python scripts/data_changelog.py          # rewrite src/blocmap/data/{version.json,CHANGELOG.md}
    python scripts/data_changelog.py --check  # exit 1 if either is out of date

An installed blocmap has no git, so the data version (the date of the last change of the data
files) and the changelog (events added, removed and re-sourced, commit by commit) are computed
here and shipped; ``tests/test_dataset.py`` fails when the recorded digest is not that of the
data files, i.e. when the data changed and this script was not run.  Data changed but not yet
committed is dated today (UTC) and listed as "uncommitted".
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "blocmap" / "data"
sys.path.insert(0, str(ROOT / "src"))

from blocmap.core.world.dataset import DATA_GLOBS, VERSION_FILE, data_digest, data_files  # noqa: E402

CHANGELOG = "CHANGELOG.md"
REL = "src/blocmap/data"


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def tracked(path: str) -> bool:
    name = path[len(REL) + 1:]
    return any(Path(name).match(pattern) for pattern in DATA_GLOBS)


def events_of(text: str | None) -> dict[tuple, tuple]:
    """(state, date, event, status) → sorted source keys, for one organization file."""
    if not text:
        return {}
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return {}
    out = {}
    for e in doc.get("events", []) or []:
        if not isinstance(e, dict):
            continue
        keys = [e.get("source")] if e.get("source") else list(e.get("sources") or [])
        keys += [c.get("source") for c in e.get("cite") or [] if isinstance(c, dict)]
        key = (str(e.get("state") or ""), str(e.get("date")), str(e.get("event")), str(e.get("status") or ""))
        out[key] = tuple(sorted(str(k) for k in keys if k))
    return out


def source_keys(text: str | None) -> set[str]:
    if not text:
        return set()
    try:
        return {str(s.get("key")) for s in yaml.safe_load(text) or [] if isinstance(s, dict)}
    except yaml.YAMLError:
        return set()


def show(commit: str, path: str) -> str | None:
    try:
        return git("show", f"{commit}:{path}")
    except subprocess.CalledProcessError:
        return None


def changes(old: str | None, new: str | None, paths: list[str]) -> list[str]:
    """Lines saying what changed between two commits (``None``: the working tree / nothing)."""
    lines = []
    for path in paths:
        read = (lambda c: show(c, path) if c else None)
        before = read(old)
        after = (ROOT / path).read_text(encoding="utf-8") if new is None and (ROOT / path).exists() else read(new)
        name = path[len(REL) + 1:]
        if name.startswith("orgs/"):
            a, b = events_of(before), events_of(after)
            added = sorted(set(b) - set(a))
            removed = sorted(set(a) - set(b))
            resourced = sorted(k for k in set(a) & set(b) if a[k] != b[k])
            # an event whose date was corrected: removed and added with the same state, kind and status
            redated = []
            for k in list(added):
                old_key = next((r for r in removed if (r[0], r[2], r[3]) == (k[0], k[2], k[3])), None)
                if old_key is not None:
                    added.remove(k)
                    removed.remove(old_key)
                    redated.append((old_key, k))
            parts = []
            if redated:
                shown = ", ".join(" ".join(x for x in (k[0], k[2], k[3]) if x) + f" {o[1]} → {k[1]}"
                                  + (f" [{'; '.join(b[k])}]" if b[k] else "") for o, k in redated[:6])
                parts.append(f"{len(redated)} event(s) re-dated ({shown}{', …' if len(redated) > 6 else ''})")
            for label, keys, cited in (("added", added, b), ("removed", removed, a), ("sources changed", resourced, b)):
                if keys:
                    shown = ", ".join(" ".join(x for x in k if x) + (f" [{'; '.join(cited[k])}]" if cited[k] else "")
                                      for k in keys[:6])
                    parts.append(f"{len(keys)} event(s) {label} ({shown}{', …' if len(keys) > 6 else ''})")
            lines.append(f"- `{name}`: " + ("; ".join(parts) if parts else "edited (no event added, removed or re-sourced)"))
        elif name == "sources.yaml":
            a, b = source_keys(before), source_keys(after)
            lines.append(f"- `{name}`: {len(b - a)} source(s) added, {len(a - b)} removed")
        else:
            lines.append(f"- `{name}`: edited")
    return lines


def build() -> tuple[str, str]:
    log = git("log", "--reverse", "--format=%H %ad %s", "--date=short", "--", REL)
    entries = []
    previous = None
    for line in log.splitlines():
        commit, date, subject = line.split(" ", 2)
        paths = [p for p in git("diff-tree", "--no-commit-id", "--name-only", "-r", commit, "--", REL).split()
                 if tracked(p)]
        if paths:
            entries.append((date, commit[:10], subject, changes(f"{commit}^" if previous else None, commit, paths)))
            previous = commit
    dirty = [p for p in git("status", "--porcelain", "--", REL).splitlines() if tracked(p[3:].strip())]
    date = entries[-1][0] if entries else dt.date.today().isoformat()
    if dirty:
        date = dt.datetime.now(dt.timezone.utc).date().isoformat()
        paths = [p[3:].strip() for p in dirty]
        entries.append((date, "uncommitted", "data changed since the last commit", changes("HEAD", None, paths)))
    import blocmap

    events = len(blocmap.load(DATA).events)
    record = {"date": date, "sha256": data_digest(DATA), "events": events,
              "files": len(data_files(DATA)), "commit": entries[-1][1] if entries else None}
    text = ["# Changes to blocmap's data", "",
            "Generated by `scripts/data_changelog.py` from the repository's history (newest first). "
            "The data version is the date of the last change.", ""]
    for date, commit, subject, lines in reversed(entries):
        text += [f"## {date} ({commit})", "", subject, "", *lines, ""]
    return json.dumps(record, indent=2) + "\n", "\n".join(text)


def main() -> int:
    record, changelog = build()
    targets = {DATA / VERSION_FILE: record, DATA / CHANGELOG: changelog}
    if "--check" in sys.argv:
        stale = [p.name for p, text in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"out of date: {', '.join(stale)}; run python scripts/data_changelog.py", file=sys.stderr)
            return 1
        return 0
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
