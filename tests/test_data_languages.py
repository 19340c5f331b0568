"""Every reader-facing text of the data speaks the reader's language (en, zh-Hant, ru).

``blocmap check`` refuses a text that lacks one of the three languages (file:line, field,
language), and every door that gives a note, a topic, a seat or an organ's decision rule gives
it in the language asked for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import blocmap
from blocmap.cli import main
from blocmap.features.depth import read_depth
from blocmap.core.loader import load_folder
from blocmap.core.model import LANGS
from blocmap.features.organs import read_organs
from blocmap.features.checks import check_folder

CJK = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")

def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def problems(folder: Path) -> list[str]:
    return [str(p) for p in check_folder(load_folder(folder))]


def drop_line(path: Path, text: str) -> int:
    """Remove the one whole line that holds ``text``; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if text in line]
    assert len(found) == 1, (text, found)
    del lines[found[0]]
    path.write_text("".join(lines), encoding="utf-8")
    return found[0] + 1


# ---------------------------------------------------------------------------- the check
def test_every_bundled_text_has_all_three_languages():
    raw = load_folder()
    read_organs(raw)
    read_depth(raw)
    files = {ref[0] for ref in raw.text_refs}
    assert {"organs.yaml", "depth.yaml", "orgs/cis.yaml", "orgs/eaeu.yaml", "orgs/csto.yaml"} <= files
    lacking = [(file, line, name, given) for file, line, name, given, english in raw.text_refs
               if set(given) != set(LANGS) and re.search(r"[^\W\d_]", english)]
    assert lacking == []
    assert len(raw.text_refs) > 700


def test_check_passes_on_the_bundled_data():
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "has no text in" not in result.output


def test_a_missing_russian_note_is_named_at_its_line(data_copy):
    path = data_copy / "orgs" / "cis.yaml"
    note_line = drop_line(path, 'ru: "Устав СНГ подписан в Минске; депозитарий') - 3
    assert path.read_text(encoding="utf-8").splitlines()[note_line - 1].strip() == "note:"
    found = problems(data_copy)
    assert found == [f"orgs/cis.yaml:{note_line}: 'note' has no text in ru: give {{en: …, zh-Hant: …, ru: …}}"]
    result = CliRunner().invoke(main, ["check", str(data_copy)])
    assert result.exit_code == 1 and f"orgs/cis.yaml:{note_line}: 'note' has no text in ru" in result.output


def test_a_plain_english_text_lacks_both_other_languages(data_copy):
    path = data_copy / "organs.yaml"
    text = path.read_text(encoding="utf-8")
    given = ('  decision_rule:\n    en: "consensus"\n    zh-Hant: "協商一致"\n    ru: "Консенсус"\n')
    assert given in text
    line = text[: text.index(given)].count("\n") + 1
    path.write_text(text.replace(given, "  decision_rule: consensus\n", 1), encoding="utf-8")
    assert problems(data_copy) == [f"organs.yaml:{line}: 'decision_rule' has no text in zh-Hant, ru: "
                                   "give {en: …, zh-Hant: …, ru: …}"]


@pytest.mark.parametrize("name, field, key", [
    ("depth.yaml", "detail", "detail"),
    ("orgs/cis.yaml", "claims.value", "value"),
    ("orgs/cis.yaml", "founding_treaty.place", "place"),
    ("orgs/eaeu.yaml", "claims.note", "note"),
    ("orgs/csto.yaml", "topic", "topic"),
])
def test_each_kind_of_text_is_checked(data_copy, name, field, key):
    """The first translated text of that field loses its Chinese: the problem names the file, line,
    field and language."""
    from blocmap.core.loader import parse_yaml

    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    raw = load_folder(data_copy)
    read_organs(raw), read_depth(raw)
    line = next(ref[1] for ref in raw.text_refs if ref[0] == name and ref[2] == field and len(ref[3]) == 3)
    assert lines[line - 1].strip().removeprefix("- ") == f"{key}:"
    assert lines[line + 1].strip().startswith("zh-Hant:")
    del lines[line + 1]
    path.write_text("".join(lines), encoding="utf-8")
    parse_yaml(path.read_text(encoding="utf-8"))
    assert problems(data_copy) == [f"{name}:{line}: '{field}' has no text in zh-Hant: "
                                   "give {en: …, zh-Hant: …, ru: …}"]


def test_a_text_without_english_is_refused(data_copy):
    path = data_copy / "orgs" / "cis.yaml"
    text = path.read_text(encoding="utf-8")
    english = '      en: "CIS Charter signed in Minsk; depositary: the Government of Belarus"\n'
    assert text.count(english) == 1
    line = text[: text.index(english)].count("\n")
    path.write_text(text.replace(english, "", 1), encoding="utf-8")
    assert f"orgs/cis.yaml:{line}: 'note' needs at least 'en' (the English text)" in problems(data_copy)


def test_a_date_needs_no_translation(data_copy):
    """A text without a letter reads the same in every language: '2012-01-01' stays plain."""
    path = data_copy / "organs.yaml"
    line = path.read_text(encoding="utf-8").splitlines().index('  established: "2012-01-01"') + 1
    raw = load_folder(data_copy)
    read_organs(raw)
    assert ("organs.yaml", line, "established", ("en",), "2012-01-01") in raw.text_refs
    assert problems(data_copy) == []


# ---------------------------------------------------------------------------- every door, every language
@pytest.mark.parametrize("lang, script", [("zh-Hant", CJK), ("ru", CYRILLIC)])
def test_history_notes_in_the_language_asked(lang, script):
    rows = json.loads(run("history", "cis", "--lang", lang, "--format", "json"))
    english = json.loads(run("history", "cis", "--format", "json"))
    notes = [r["note"] for r in rows if r["note"]]
    assert len(notes) > 10 and len(notes) == len([r for r in english if r["note"]])
    assert all(script.search(note) for note in notes), [n for n in notes if not script.search(n)]
    assert [r["note"] for r in rows] != [r["note"] for r in english]
    assert not any(CYRILLIC.search(r["note"]) for r in english if r["note"])


def test_chinese_texts_use_taiwan_terms():
    notes = " ".join(r["note"] or "" for r in json.loads(run("history", "cis", "--lang", "zh-Hant",
                                                               "--format", "json")))
    topics = " ".join(r["topic"] for r in json.loads(run("disputes", "--lang", "zh-Hant", "--format", "json")))
    assert "獨立國協" in notes and "亞塞拜然" in notes and "摩爾多瓦" in notes and "烏克蘭" in notes
    assert "喬治亞" in topics and "烏茲別克" in topics and "集體安全條約組織" in topics
    assert not any(word in notes + topics for word in ("格鲁吉亚", "格魯吉亞", "阿塞拜疆", "独联体", "乌兹别克",
                                                        "烏茲別克斯坦", "摩尔多瓦"))


@pytest.mark.parametrize("org", ["cis", "csto", "cst", "eaeu", "customs_union", "union_state"])
@pytest.mark.parametrize("lang, script", [("zh-Hant", CJK), ("ru", CYRILLIC)])
def test_the_papers_organizations_speak_every_language(org, lang, script):
    rows = json.loads(run("history", org, "--lang", lang, "--format", "json"))
    assert all(script.search(r["note"]) for r in rows if r["note"])
    record = json.loads(run("show", org, "--lang", lang, "--format", "json"))
    for text in (record["seat"], record["note"], (record["founding_treaty"] or {}).get("name"),
                 (record["founding_treaty"] or {}).get("place")):
        assert text is None or script.search(text), text


def test_disputes_in_russian():
    rows = json.loads(run("disputes", "--lang", "ru", "--format", "json"))
    assert len(rows) > 10
    for row in rows:
        assert CYRILLIC.search(row["topic"]), row["topic"]
        assert row["note"] is None or CYRILLIC.search(row["note"]), row["note"]
        for claim in row["claims"]:
            assert claim["note"] is None or CYRILLIC.search(claim["note"]), claim["note"]
            assert CYRILLIC.search(claim["value"]) or not re.search(r"[A-Za-z]", claim["value"]), claim["value"]
        assert row["preferred"] in [None, *(c["value"] for c in row["claims"] if c["preferred"])]
    term = next(r for r in rows if r["id"] == "eaeu-court-term")
    assert [c["value"] for c in term["claims"]] == ["9 лет", "10 лет"] and term["preferred"] == "9 лет"
    assert CYRILLIC.search(run("disputes", "--lang", "ru"))


def test_disputes_in_english_stay_english():
    rows = json.loads(run("disputes", "--format", "json"))
    assert all(not CYRILLIC.search(r["topic"]) and LATIN_WORD.search(r["topic"]) for r in rows)


def test_organs_in_chinese_and_russian():
    rows = json.loads(run("organs", "eaeu", "--lang", "zh-Hant", "--format", "json"))
    seec = next(r for r in rows if r["id"] == "seec")
    assert seec["composition"].startswith("各成員國國家元首") and "協商一致" in seec["decision_rule"]
    for row in rows:
        for field in ("composition", "decision_rule", "meets", "seat", "term_of_office"):
            assert row[field] is None or CJK.search(row[field]), (row["id"], field, row[field])
    assert next(r for r in rows if r["id"] == "court")["seat"] == "明斯克"
    russian = json.loads(run("organs", "eaeu", "--lang", "ru", "--format", "json"))
    assert next(r for r in russian if r["id"] == "eec")["seat"].startswith("Москва")
    assert all(CYRILLIC.search(r["composition"]) for r in russian if r["composition"])
    english = json.loads(run("organs", "eaeu", "--format", "json"))
    assert next(r for r in english if r["id"] == "seec")["composition"].startswith("Heads of state")


def test_depth_details_in_the_language_asked():
    atlas = blocmap.load()
    from blocmap.features.depth import compare

    rows = compare(atlas, ["cis", "eaeu"], "ru")
    details = [r[f"{o}_detail"] for r in rows if r["dimension"] != "decision_rules" for o in ("cis", "eaeu")]
    assert details and all(d is None or CYRILLIC.search(d) for d in details)
    rule = next(r for r in rows if r["dimension"] == "decision_rules")
    assert CYRILLIC.search(rule["eaeu"])
    chinese = compare(atlas, ["eaeu"], "zh-Hant")
    assert CJK.search(next(r for r in chinese if r["dimension"] == "stage")["eaeu_detail"])


def test_the_cache_keeps_every_language(data_copy):
    first = blocmap.load(data_copy)
    again = blocmap.load(data_copy)  # from the cache
    assert again.events == first.events and again.disputes == first.disputes and again.orgs == first.orgs
    event = next(e for e in again.events if e.org == "cis" and e.note == "CIS Charter signed in Minsk; depositary: the Government of Belarus")
    assert event.text("note", "ru") == "Устав СНГ подписан в Минске; депозитарий — Правительство Республики Беларусь"
    assert event.text("note", "zh-Hant") == "《獨立國協憲章》於明斯克簽署；存放機關：白俄羅斯政府"
    assert event.citations == first.events[first.events.index(event)].citations and event.citations
    assert again.orgs["eaeu"].text("seat", "zh-Hant") == "莫斯科（委員會）；明斯克（法院）"
    assert again.orgs["eaeu"].founding_treaty.text("name", "ru") == "Договор о Евразийском экономическом союзе"


# ---------------------------------------------------------------------------- sources' notes
def test_a_source_note_missing_a_language_is_named_at_its_line(data_copy):
    path = data_copy / "sources.yaml"
    note_line = drop_line(path, 'ru: "Журнальная статья на традиционном китайском языке') - 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[note_line - 1] == "  note:" and lines[note_line - 2] == "  kind: article"
    assert problems(data_copy) == [f"sources.yaml:{note_line}: 'note' has no text in ru: "
                                   "give {en: …, zh-Hant: …, ru: …}"]
    result = CliRunner().invoke(main, ["check", str(data_copy)])
    assert result.exit_code == 1 and f"sources.yaml:{note_line}: 'note' has no text in ru" in result.output


def test_a_plain_english_source_note_lacks_both_other_languages(data_copy):
    """As for the organizations' texts: plain text is read as the English text, and the check
    names the languages it lacks."""
    path = data_copy / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    given = ('  note:\n    en: "Full reference not in the stored text."\n    zh-Hant: "所存文本中沒有完整的書目資料。"\n'
             '    ru: "Полной ссылки в хранимом тексте нет."\n')
    assert given in text
    line = text[: text.index(given)].count("\n") + 1
    path.write_text(text.replace(given, '  note: "Full reference not in the stored text."\n', 1), encoding="utf-8")
    assert problems(data_copy) == [f"sources.yaml:{line}: 'note' has no text in zh-Hant, ru: "
                                   "give {en: …, zh-Hant: …, ru: …}"]


def test_a_source_note_in_an_unknown_language_or_without_english_is_refused(data_copy):
    path = data_copy / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    english = '    en: "The page notes that the Charter was ratified by Russia\'s Federal Law of 26 May 2003 No. 56-FZ."\n'
    assert text.count(english) == 1
    line = text[: text.index(english)].count("\n")
    path.write_text(text.replace(english, english.replace("en:", "eng:"), 1), encoding="utf-8")
    assert problems(data_copy) == [
        f"sources.yaml:{line + 1}: 'note' has unknown language(s) eng; use en, zh-Hant, ru (did you mean 'en'?)",
        f"sources.yaml:{line}: 'note' needs at least 'en' (the English text)"]


def test_every_source_note_has_three_languages():
    raw = load_folder()
    notes = [ref for ref in raw.text_refs if ref[0] == "sources.yaml"]
    assert len(notes) == len([s for s in raw.sources.values() if s.note]) > 150
    assert all(set(given) == set(LANGS) and name == "note" for _, _, name, given, _ in notes)


@pytest.mark.parametrize("lang, script", [("zh-Hant", CJK), ("ru", CYRILLIC)])
def test_source_notes_in_the_language_asked(lang, script):
    rows = json.loads(run("sources", "--lang", lang, "--format", "json"))
    english = json.loads(run("sources", "--format", "json"))
    assert [r["key"] for r in rows] == [r["key"] for r in english]
    noted = [(r, e) for r, e in zip(rows, english) if e["note"]]
    assert len(noted) > 150
    assert all(script.search(r["note"]) and r["note"] != e["note"] for r, e in noted)
    record = json.loads(run("sources", "seed", "--lang", lang, "--format", "json"))
    assert record["note"] == next(r["note"] for r, _ in noted if r["key"] == "seed")
    text = run("sources", "seed", "--lang", lang)
    assert record["note"] in text and "Traditional Chinese journal article" not in text


def test_source_notes_in_english_stay_english():
    seed = json.loads(run("sources", "seed", "--format", "json"))
    assert seed["note"].startswith("Traditional Chinese journal article with an English abstract.")
    rows = json.loads(run("sources", "--format", "json"))
    # a source's own words may be quoted («…») inside an English note, in their language
    assert not any(CYRILLIC.search(re.sub(r"«[^»]*»", "", r["note"])) for r in rows if r["note"])


def test_the_source_page_and_api_give_the_note_in_the_readers_language():
    from starlette.testclient import TestClient

    from blocmap.web.app import create_app

    atlas = blocmap.load()
    seed = atlas.sources["seed"]
    with TestClient(create_app(atlas)) as client:
        for lang in LANGS:
            page = client.get("/source/seed", params={"lang": lang}).text
            assert seed.text("note", lang) in page
            assert client.get("/api/source/seed", params={"lang": lang}).json()["note"] == seed.text("note", lang)
            listed = client.get("/api/sources", params={"lang": lang}).json()
            assert next(r for r in listed if r["key"] == "seed")["note"] == seed.text("note", lang)
        assert "正體中文期刊論文" in client.get("/source/seed", params={"lang": "zh-Hant"}).text
        assert "Журнальная статья" in client.get("/source/seed", params={"lang": "ru"}).text
        assert client.get("/api/sources", params={"lang": "xx"}).status_code == 400


def test_the_cache_keeps_source_notes(data_copy):
    first = blocmap.load(data_copy)
    again = blocmap.load(data_copy)  # from the cache
    assert again.sources == first.sources
    assert again.sources["miller-2006"].text("note", "ru") == "Полной ссылки в хранимом тексте нет."
    assert again.sources["miller-2006"].text("note", "zh-Hant") == "所存文本中沒有完整的書目資料。"
