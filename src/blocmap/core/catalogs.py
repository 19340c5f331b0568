"""Keeping the translation catalogs: gettext ``.po`` files under ``src/blocmap/locale``, read and
written with Babel, compiled to the ``.mo`` files blocmap reads at run time (``messages.py``).
The command that runs these is ``python -m blocmap.cli.catalogs`` (check, compile, update,
extract, import-rows).

The layout is gettext's own, so ``pybabel init|update|compile -d src/blocmap/locale -D blocmap``
work on it too.  Every message has a context (``msgctxt``) that is its key, the id the code uses
(``status.member``, ``err.unknown.organization``); its ``msgid`` is the English text.  Help texts
of the CLI have the context ``help`` and their English as ``msgid``; click's own words ``click``.
``docs/translating.md`` says how a translator works with them.

Babel is imported here only: blocmap itself reads the compiled ``.mo`` files with the standard
library (``messages.py``), so a cold start does not pay for Babel.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import string
import sys
from pathlib import Path
from typing import Iterable, Iterator

LOCALE = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "blocmap"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
GLOSSARY = LOCALE / "glossary.csv"
MESSAGES_PY = Path(__file__).with_name("messages.py")
#: The order of the languages in a row written as a Python tuple (the format before the catalogs).
ROW_ORDER = ("en", "zh_Hant", "ru")
#: Contexts that are not keys: the CLI's help texts and click's words, keyed by their English.
HELP, CLICK = "help", "click"
HEADER_COMMENT = ("Translations of blocmap: context (msgctxt) = the message's key, msgid = its English.\n"
                  "See docs/translating.md.")


# ------------------------------------------------------------------------------- files
def po_path(code: str) -> Path:
    """A language's catalog (``code`` as gettext writes it: ``zh_Hant``, ``ru``)."""
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def translated_codes() -> list[str]:
    """The languages with a catalog of their own (English is the template)."""
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())


def read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def write(path: Path, catalog) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, omit_header=False, include_previous=True)  # as pybabel writes them
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, buffer.getvalue())


def _replace(path: Path, data: bytes) -> None:
    """``path`` written whole or not at all."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def english_catalog(template):
    """The English catalog: the template, each message its own translation."""
    from babel.messages.catalog import Catalog

    english = Catalog(locale="en", domain=DOMAIN, project="blocmap", version=template.version, fuzzy=False,
                      creation_date=template.creation_date, revision_date=template.creation_date)
    for message in template:
        if message.id:
            english.add(message.id, message.id, context=message.context, flags=message.flags)
    return english


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compiled() -> dict[str, bytes]:
    """Each language's ``.mo`` as ``compile`` writes it (English from the template)."""
    out = {"en": mo_bytes(english_catalog(read(TEMPLATE)))}
    for code in translated_codes():
        out[code] = mo_bytes(read(po_path(code)))
    return out


def compile_all() -> list[Path]:
    written = []
    for code, data in compiled().items():
        target = mo_path(code)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            _replace(target, data)
            written.append(target)
    return written


# --------------------------------------------------------------------------- messages
def placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def flags_for(text: str) -> set[str]:
    return {"python-brace-format"} if placeholders(text) else set()


def key_of(message) -> str:
    """The key the code uses: the context, or for help texts and click's words the English."""
    return message.context if message.context not in (HELP, CLICK) else f"{message.context}:{_first(message.id)}"


def _first(msgid) -> str:
    return msgid[0] if isinstance(msgid, (list, tuple)) else msgid


def add_message(template, catalogs: dict, key: str, english, texts: dict[str, object],
                context: str | None = None, comment: str | None = None) -> str:
    """Add ``key`` to the template and each language's catalog; ``texts`` by language code.
    Returns what happened: ``added``, ``filled`` (a missing translation given), ``kept``."""
    context = context or key
    existing = template.get(english, context=context) if not isinstance(english, tuple) \
        else template.get(english[0], context=context)
    if existing is None and any(m.context == context for m in template if context not in (HELP, CLICK)):
        return "differs"
    flags = flags_for(_first(english) if not isinstance(english, tuple) else " ".join(english))
    said = "kept"
    if existing is None:
        template.add(english, "" if not isinstance(english, tuple) else ("", ""), context=context, flags=flags,
                     auto_comments=[comment] if comment else ())
        said = "added"
    for code, catalog in catalogs.items():
        text = texts.get(code)
        message = catalog.get(_first(english), context=context)
        if message is None:
            empty = "" if not isinstance(english, tuple) else tuple("" for _ in range(catalog.num_plurals))
            message = catalog.add(english, text or empty, context=context, flags=flags,
                                  auto_comments=[comment] if comment else ())
            said = said if said == "added" else "filled"
        elif text and not (message.string if not isinstance(message.string, tuple) else any(message.string)):
            message.string = text
            said = "filled"
    return said


def rows_in_python(path: Path) -> Iterator[tuple[str, tuple[str, ...], tuple[int, int]]]:
    """Every ``"key": ("en", "zh-Hant", "ru")`` of the dict literals of a Python file, with the
    lines the row takes."""
    for _, rows in row_dicts(path):
        yield from rows


def _is_row(key, value) -> bool:
    return (isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Tuple)
            and len(value.elts) == len(ROW_ORDER)
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts))


def row_dicts(path: Path) -> list[tuple[tuple[int, int] | None, list]]:
    """The dict literals of a Python file that hold rows: (the lines inside the braces where every
    item is a row, else None; the rows)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Dict):
            continue
        rows = [(key.value, tuple(e.value for e in value.elts), (key.lineno, value.end_lineno))
                for key, value in zip(node.keys, node.values) if _is_row(key, value)]
        if rows:
            whole = len(rows) == len(node.keys) and node.end_lineno > node.lineno
            found.append(((node.lineno + 1, node.end_lineno - 1) if whole else None, rows))
    return found


def rows_in_help_json(path: Path) -> Iterator[tuple[str, str, object, dict[str, object]]]:
    """(context, key, English, texts by code) of a ``help.json`` as blocmap wrote it before the catalogs."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for english, texts in data.get("help", {}).items():
        yield HELP, english, english, {k.replace("-", "_"): v for k, v in texts.items()}
    for msgid, texts in data.get("click", {}).items():
        yield CLICK, msgid, msgid, {k.replace("-", "_"): v for k, v in texts.items()}
    for english, texts in data.get("messages", {}).items():
        yield "cli.unknown_language", english, english, {k.replace("-", "_"): v for k, v in texts.items()}


def _click_plural(msgid: str) -> str | None:
    """Click's plural msgid for one of its ``ngettext`` messages (None: not a plural message)."""
    import click

    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ngettext"
                    and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value == msgid and isinstance(node.args[1], ast.Constant)):
                return node.args[1].value
    return None


def load_all():
    template = read(TEMPLATE) if TEMPLATE.exists() else new_catalog(None)
    catalogs = {code: read(po_path(code)) for code in translated_codes()}
    return template, catalogs


def new_catalog(code: str | None):
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=code, domain=DOMAIN, project="blocmap", version="1", fuzzy=False,
                      header_comment="# " + HEADER_COMMENT.replace("\n", "\n# "),
                      msgid_bugs_address="https://github.com/blocmap/blocmap/issues",
                      last_translator="blocmap contributors", language_team="blocmap contributors")
    return catalog


def save_all(template, catalogs: dict) -> None:
    write(TEMPLATE, template)
    for code, catalog in catalogs.items():
        write(po_path(code), catalog)
    compile_all()


def import_rows(paths: Iterable[Path], remove: bool = True, out=None) -> int:
    """Rows still written as Python tuples (``"key": (en, zh-Hant, ru)``) and help texts in the
    old ``help.json`` into the catalogs.  A key the template already has keeps the catalogs' text
    (a translation it lacks is filled in).  Python rows are then taken out of their file
    (``remove``).  Returns the number of rows that could not be taken (same key, other English)."""
    out = out or sys.stdout
    template, catalogs = load_all()
    for code in ROW_ORDER[1:]:
        catalogs.setdefault(code, new_catalog(code))
    refused = 0
    for path in paths:
        path = Path(path)
        counts: dict[str, int] = {}
        taken: list[tuple[int, int]] = []
        if path.suffix == ".json":
            rows = list(rows_in_help_json(path))
            for context, key, english, texts in rows:
                if context == CLICK and any(isinstance(v, list) for v in texts.values()):
                    plural = _click_plural(key)
                    english = (key, plural or key)
                    texts = {k: tuple(v) if isinstance(v, list) else (v,) for k, v in texts.items()}
                said = add_message(template, catalogs, key, english, texts, context=context)
                counts[said] = counts.get(said, 0) + 1
        else:
            for key, row, lines in rows_in_python(path):
                texts = dict(zip(ROW_ORDER[1:], row[1:]))
                said = add_message(template, catalogs, key, row[0], texts)
                counts[said] = counts.get(said, 0) + 1
                if said == "differs":
                    refused += 1
                    current = next(m.id for m in template if m.context == key)
                    print(f"{path}:{lines[0]}: '{key}' is in the catalogs with other English "
                          f"({current!r}); change it in the catalogs, or give the row a new key", file=out)
                else:
                    taken.append(lines)
            if remove and taken:
                lines_of = path.read_text(encoding="utf-8").splitlines(keepends=True)
                drop = {n for first, last in taken for n in range(first, last + 1)}
                for inside, rows in row_dicts(path):  # the comments of a dict emptied of its rows go too
                    if inside and all(lines in taken for _, _, lines in rows):
                        drop |= {n for n in range(inside[0], inside[1] + 1) if lines_of[n - 1].strip().startswith("#")
                                 or not lines_of[n - 1].strip()}
                kept = [line for n, line in enumerate(lines_of, 1) if n not in drop]
                path.write_text("".join(kept), encoding="utf-8")
        print(f"{path}: " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) if counts
              else f"{path}: no rows", file=out)
    save_all(template, catalogs)
    return refused


ROW_FILES = ("src/blocmap/core/messages.py", "src/blocmap/core/i18n.py", "src/blocmap/cli/help.json")


def rows_of_branch(branch: str, folder: Path, repo: Path | None = None) -> list[Path]:
    """What a branch added to the row files since it left this one (``git merge-base``), written
    to ``folder`` as files ``import_rows`` takes: its new or changed rows only, so that rows this
    branch moved (and perhaps corrected) are not brought back."""
    import subprocess

    repo = repo or LOCALE.parents[2]

    def git(*args: str) -> str | None:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
        return done.stdout if done.returncode == 0 else None

    base = (git("merge-base", "HEAD", branch) or "").strip()
    if not base:
        raise SystemExit(f"import-rows: no common ancestor of HEAD and '{branch}'")
    written = []
    for name in ROW_FILES:
        theirs = git("show", f"{branch}:{name}")
        if theirs is None:
            continue
        before = git("show", f"{base}:{name}") or ""
        target = folder / f"{branch.replace('/', '_')}-{Path(name).name}"
        target.write_text(theirs, encoding="utf-8")
        if name.endswith(".json"):
            old = json.loads(before) if before else {}
            new = json.loads(theirs)
            kept = {part: {k: v for k, v in texts.items() if old.get(part, {}).get(k) != v}
                    for part, texts in new.items()}
            target.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        else:
            base_file = folder / "base.py"
            base_file.write_text(before, encoding="utf-8")
            old_rows = {key: row for key, row, _ in rows_in_python(base_file)} if before else {}
            added = [(key, row) for key, row, _ in rows_in_python(target) if old_rows.get(key) != row]
            target.write_text("ROWS = {\n" + "".join(f"    {key!r}: {row!r},\n" for key, row in added) + "}\n",
                              encoding="utf-8")
        written.append(target)
    return written


# ------------------------------------------------------------------------------ checks
def avoided(code: str) -> dict[str, str]:
    """Forms a language's catalog must not use, and what to write instead:
    ``locale/<code>/avoid.csv`` (for zh_Hant: mainland usage where Taiwan writes otherwise)."""
    path = LOCALE / code / "avoid.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {row["avoid"]: row["use"] for row in csv.DictReader(f) if row["avoid"]}


def glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["key"] and not row["key"].startswith("#")]


def problems(template=None, catalogs=None) -> list[str]:
    """Everything ``check`` reports: one line per problem, naming the file and the key."""
    if template is None:
        template, catalogs = load_all()
    found: list[str] = []
    keys = {(m.context, _first(m.id)): m for m in template if m.id}
    for code, catalog in catalogs.items():
        where = po_path(code).relative_to(LOCALE.parents[2]).as_posix()
        present = {(m.context, _first(m.id)): m for m in catalog if m.id}
        avoid = avoided(code)
        for pair, source in keys.items():
            message = present.get(pair)
            key = pair[0] if pair[0] not in (HELP, CLICK) else f"{pair[0]}: {pair[1]!r}"
            strings = message.string if message is not None else ""
            strings = list(strings) if isinstance(strings, (list, tuple)) else [strings]
            if message is None or not all(strings):
                found.append(f"{where}: {key}: no translation")
                continue
            if message.fuzzy:
                found.append(f"{where}: {key}: marked fuzzy (the English changed): check it and remove the mark")
            english = [source.id] if not isinstance(source.id, (list, tuple)) else list(source.id)
            want = set().union(*(placeholders(e) for e in english))
            for text in strings:
                have = placeholders(text)
                if have - want or (not source.pluralizable and message.context != CLICK and have != want):
                    found.append(f"{where}: {key}: placeholders {sorted(have)}, the English has {sorted(want)}")
            for text in strings:
                for wrong, right in avoid.items():
                    if wrong in text:
                        found.append(f"{where}: {key}: '{wrong}' (write '{right}': {code}/avoid.csv)")
        # (obsolete messages, ``#~``, are Babel's ``catalog.obsolete``, never among these)
        for pair in sorted(present.keys() - keys.keys(), key=lambda p: (p[0] or "", str(p[1]))):
            # a key names its message; a help text or a message with no context is named by its English
            label = pair[0] if pair[0] not in (None, HELP, CLICK) else f"{pair[0] or 'no context'} {str(pair[1])[:60]!r}"
            found.append(f"{where}: {label}: not in the template (run update)")
        found += glossary_problems(code, catalog, where)
    for pair, message in keys.items():
        if pair[0] in (HELP, CLICK):
            continue
        if not re.fullmatch(r"[a-z0-9_]+(\.\S+)+", pair[0] or ""):
            found.append(f"{TEMPLATE.name}: {pair[0]!r}: a message's context is its key (word.word)")
    contexts = [m.context for m in template if m.id and m.context not in (HELP, CLICK)]
    found += [f"{TEMPLATE.name}: {k}: twice" for k in sorted({c for c in contexts if contexts.count(c) > 1})]
    try:
        fresh = compiled()
        for code, data in fresh.items():
            if not mo_path(code).exists() or mo_path(code).read_bytes() != data:
                found.append(f"{mo_path(code).relative_to(LOCALE.parents[2]).as_posix()}: out of date (run compile)")
    except Exception as exc:  # noqa: BLE001 - a catalog Babel cannot read is the problem to report
        found.append(f"compile: {exc}")
    return found


def glossary_problems(code: str, catalog, where: str) -> list[str]:
    """The glossary's term for each key it lists is that key's translation, and the variants it
    rules out appear in no message of the language."""
    found = []
    by_key = {m.context: m for m in catalog if m.id and m.context not in (HELP, CLICK)}
    for row in glossary():
        term = row.get(code, "").strip()
        if not term:
            continue
        message = by_key.get(row["key"])
        if message is not None and message.string and message.string != term:
            found.append(f"{where}: {row['key']}: '{message.string}', the glossary says '{term}'")
        follow = (row.get(f"follow_{code}") or "").strip()
        if follow:  # every message whose English uses the term uses the language's term
            for m in catalog:
                if m.id and m.context not in (HELP, CLICK) and not m.pluralizable and m.string \
                        and re.search(rf"\b{re.escape(row['en'])}s?\b", m.id, re.I) and follow not in m.string.lower():
                    found.append(f"{where}: {m.context}: the English says '{row['en']}', the text lacks '{follow}' "
                                 f"(glossary)")
        for variant in filter(None, (row.get(f"avoid_{code}") or "").split("|")):
            for m in catalog:
                strings = m.string if isinstance(m.string, (list, tuple)) else [m.string]
                if m.id and any(variant in s for s in strings if s):
                    found.append(f"{where}: {key_of(m)}: '{variant}' for {row['en']} (the glossary says '{term}')")
    return found


def update() -> None:
    """The template's messages into every language's catalog (new ones untranslated, changed
    English marked fuzzy, removed ones obsolete), then compile."""
    template, catalogs = load_all()
    for catalog in catalogs.values():
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    save_all(template, catalogs)


def extract(texts: list[str], out=None) -> None:
    """The CLI's help texts (click's own English, gathered by ``blocmap.cli.catalogs``) into the
    template (context ``help``); texts no command uses any more leave it."""
    template, catalogs = load_all()
    old = {m.id for m in template if m.context == HELP}
    for gone in old - set(texts):
        template.delete(gone, context=HELP)
    for text in texts:
        if text not in old:
            template.add(text, "", context=HELP)
    print(f"{len(set(texts) - old)} new help texts, {len(old - set(texts))} gone; run update", file=out or sys.stdout)
    write(TEMPLATE, template)
