"""The codebook of a panel, made from its metadata (``dataset.describe``), in the reader's
language: what each variable means, the coding, the rule that turns dated spells into years,
each organization's coverage and sources, the data version and date.

One structure (a list of blocks) is rendered as Markdown or as HTML; the PDF is the HTML
typeset by the report's engine (``features.report.build.html_to_pdf``, called by the CLI).
"""

from __future__ import annotations

import html
from typing import Any

from blocmap.core.i18n import t
from blocmap.core.world.dataset import COW_CODES, KEY_FIELDS, STATUS_TO_CODE

Block = tuple[str, Any]  # ("h1" | "h2" | "h3" | "p" | "ul" | "code" | "table", content)

# The translation rows each word comes from (named whole, so that every row is seen used).
CODE_TEXT = {1: "codebook.code.1", 2: "codebook.code.2", 3: "codebook.code.3", 0: "codebook.code.0",
             -1: "codebook.code.-1", -9: "codebook.code.-9"}
RULE_TEXT = {"year-end": "codebook.rule.year-end", "any-day": "codebook.rule.any-day",
             "majority": "codebook.rule.majority"}
DATA_TEXT = {"curated": "codebook.data.curated", "cow": "codebook.data.cow"}
FIELD_TEXT = {
    "ccode": "codebook.field.ccode", "year": "codebook.field.year", "state": "codebook.field.state",
    "name": "codebook.field.name", "ccode1": "codebook.field.ccode1", "ccode2": "codebook.field.ccode2",
    "state1": "codebook.field.state1", "state2": "codebook.field.state2",
    "joint_full": "codebook.field.joint_full", "joint_inside": "codebook.field.joint_inside",
    "joint_any": "codebook.field.joint_any", "full_associate": "codebook.field.full_associate",
    "full_observer": "codebook.field.full_observer", "unknown": "codebook.field.unknown",
    "org": "codebook.field.org", "data": "codebook.field.data", "known": "codebook.field.known",
    "inside": "codebook.field.inside",
}
ORG_YEAR_TEXT = {"name": "codebook.field.org_name", "unknown": "codebook.field.count"}
PER_ORG_TEXT = {"sources": "codebook.field.sources", "certain": "codebook.field.certain"}
PANEL_STATUS_TEXT = {"n/a": "codebook.status.n/a", "unknown": "codebook.status.unknown"}
ONGOING = "codebook.ongoing"


def _status(status: str, lang: str) -> str:
    return t(PANEL_STATUS_TEXT.get(status) or f"status.{status}", lang)


def _field_text(column: str, meta: dict[str, Any], names: dict[str, str], lang: str) -> tuple[str, str]:
    if meta["table"] == "org-year" and column in ORG_YEAR_TEXT:
        return "string" if column == "name" else "integer", t(ORG_YEAR_TEXT[column], lang).format(
            status=_status(column, lang))
    if column in KEY_FIELDS:
        return KEY_FIELDS[column][0], t(FIELD_TEXT[column], lang)
    base = column[:-8] if column.endswith(("_sources", "_certain")) else None
    if base in names:
        kind = "string" if column.endswith("_sources") else "boolean"
        return kind, t(PER_ORG_TEXT[column[-7:]], lang).format(org=names[base])
    if column in names:
        if meta["coding"] == "cow" and meta["table"] == "state-year":
            return "integer", t("codebook.field.org_code", lang).format(org=names[column])
        return "string", t("codebook.field.org_status", lang).format(org=names[column])
    return "integer", t("codebook.field.count", lang).format(status=_status(column, lang))


def blocks(meta: dict[str, Any], columns: list[str], lang: str = "en",
           names: dict[str, str] | None = None) -> list[Block]:
    """``names``: the organizations' names in ``lang`` (the metadata's English ones otherwise)."""
    names = {o["id"]: (names or {}).get(o["id"]) or o["name"] for o in meta["organizations"]}
    version = meta["data_version"]
    out: list[Block] = [
        ("h1", t("codebook.title", lang).format(table=meta["table"], first=meta["from"], last=meta["to"])),
        ("p", t("codebook.version", lang).format(version=version["version"], digest=version["sha256"][:12],
                                                 code=meta["code_version"])),
    ]
    if version.get("modified"):
        out.append(("p", t("codebook.modified", lang)))
    if meta.get("command"):
        out += [("p", t("codebook.command", lang)), ("code", meta["command"])]
    out.append(("h2", t("codebook.variables", lang)))
    rows = [[c, *_field_text(c, meta, names, lang)] for c in columns]
    out.append(("table", ([t("codebook.col.name", lang), t("codebook.col.type", lang),
                           t("codebook.col.meaning", lang)], rows)))
    out.append(("h2", t("codebook.coding", lang)))
    if meta["table"] == "state-year":
        out.append(("p", t("codebook.coding_cow" if meta["coding"] == "cow" else "codebook.coding_status", lang)))
    out.append(("table", ([t("codebook.col.code", lang), t("codebook.col.meaning", lang)],
                          [[str(code), t(CODE_TEXT[code], lang)] for code in COW_CODES])))
    out.append(("table", ([t("codebook.col.status", lang), t("codebook.col.meaning", lang), t("codebook.col.code", lang)],
                          [[status, _status(status, lang), str(code)] for status, code in STATUS_TO_CODE.items()])))
    out.append(("h2", t("codebook.rule", lang)))
    out.append(("p", t("codebook.rule_intro", lang).format(rule=meta["rule"])))
    out.append(("p", t(RULE_TEXT[meta["rule"]], lang)))
    out.append(("p", t("codebook.rule_days", lang)))
    if meta.get("with_sources"):
        out.append(("p", t("codebook.certain", lang)))
    out.append(("h2", t("codebook.orgs", lang)))
    org_rows = [[org["id"], names[org["id"]], t(DATA_TEXT[org["data"]], lang),
                 f"{org.get('founded') or '…'} – {org.get('dissolved') or t(ONGOING, lang)}",
                 str(len(org.get("sources", [])))] for org in meta["organizations"]]
    out.append(("table", ([t("codebook.col.name", lang), t("codebook.col.org", lang), t("codebook.col.data", lang),
                           t("codebook.col.coverage", lang), t("codebook.col.sources", lang)], org_rows)))
    cow = [o for o in meta["organizations"] if o["data"] == "cow"]
    for org in meta["organizations"]:
        if org["data"] == "cow":
            continue
        out.append(("h3", f"{org['id']}: {names[org['id']]}"))
        out.append(("ul", [f"{s.get('key', '')}: {s['title']}" + (f" <{s['path']}>" if s.get("path") else "")
                           for s in org.get("sources", [])]))
    if cow:
        out.append(("h3", f"COW IGO v3 ({len(cow)})"))
        first = cow[0]["sources"][0]
        out.append(("ul", [f"{first['title']} <{first['path']}>"]))
    out.append(("h2", t("codebook.states", lang)))
    out.append(("p", t("codebook.states_text", lang).format(cite=meta["state_system"]["title"])))
    out.append(("h2", t("codebook.cite", lang)))
    out.append(("p", f"blocmap contributors ({version['date'][:4]}). blocmap: a temporal atlas of regional "
                     f"integration, data version {version['version']}, software version {meta['code_version']}."))
    return out


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(parts: list[Block]) -> str:
    lines: list[str] = []
    for kind, content in parts:
        if kind == "h1":
            lines += [f"# {content}", ""]
        elif kind == "h2":
            lines += [f"## {content}", ""]
        elif kind == "p":
            lines += [content, ""]
        elif kind == "h3":
            lines += [f"### {content}", ""]
        elif kind == "ul":
            lines += [f"- {item}" for item in content] + [""]
        elif kind == "code":
            lines += ["```text", content, "```", ""]
        else:
            head, rows = content
            lines.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
            lines.append("|" + "---|" * len(head))
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines)


CSS = """body{font-family:"Noto Sans CJK TC","Noto Sans",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.45;color:#111}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9em}
th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}
li,td{overflow-wrap:anywhere}li{font-size:.9em}th{background:#eee}
code,pre{font-family:monospace;background:#f4f4f4;padding:.2rem;white-space:pre-wrap}
@page{size:A4;margin:1.5cm}"""


def to_html(parts: list[Block], lang: str = "en", fonts: list[tuple[str, str]] | None = None) -> str:
    """``fonts``: (family, URL) to embed and use first (the PDF's CJK font), as the report does."""
    e = html.escape
    faces = "".join(f'@font-face{{font-family:"{family}";src:url("{url}")}}' for family, url in fonts or [])
    first = "".join(f'"{family}",' for family, _ in fonts or [])
    body: list[str] = []
    title = ""
    for kind, content in parts:
        if kind == "h1":
            title = content
            body.append(f"<h1>{e(content)}</h1>")
        elif kind == "h2":
            body.append(f"<h2>{e(content)}</h2>")
        elif kind == "p":
            body.append(f"<p>{e(content)}</p>")
        elif kind == "h3":
            body.append(f"<h3>{e(content)}</h3>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in content) + "</ul>")
        elif kind == "code":
            body.append(f"<pre><code>{e(content)}</code></pre>")
        else:
            head, rows = content
            body.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>")
            body += ["<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows]
            body.append("</tbody></table>")
    html_lang = "zh-Hant-TW" if lang == "zh-Hant" else lang
    return (f'<!doctype html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f"<title>{e(title)}</title><style>{faces}{CSS.replace('font-family:', 'font-family:' + first, 1)}"
            "</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def codebook(meta: dict[str, Any], columns: list[str], lang: str = "en", fmt: str = "md",
             names: dict[str, str] | None = None, fonts: list[tuple[str, str]] | None = None) -> str:
    """The codebook as Markdown (``md``) or HTML (``html``)."""
    parts = blocks(meta, columns, lang, names)
    return to_markdown(parts) if fmt == "md" else to_html(parts, lang, fonts)
