"""The bundled CJK font: found without any download, registered, and has the glyphs we draw."""

from __future__ import annotations

from pathlib import Path

import pytest



def test_font_path_is_a_cjk_font_matplotlib_knows(atlas):
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    from blocmap.features import fonts

    path = fonts.cjk_font_path()
    assert Path(path).is_file()
    assert fonts.FAMILY in {f.name for f in font_manager.fontManager.ttflist}
    cmap = TTFont(path, lazy=True).getBestCmap()
    text = "".join(atlas.state_name(s, lang) for s in atlas.states for lang in ("en", "zh-Hant", "ru"))
    text += "".join(atlas.org_name(o, lang, short=s) for o in atlas.orgs
                    for lang in ("en", "zh-Hant", "ru") for s in (True, False))
    missing = sorted({ch for ch in text if ord(ch) not in cmap and not ch.isspace()})
    assert missing == []


def test_override_must_exist(monkeypatch):
    from blocmap.features import fonts
    from blocmap.core.errors import BlocmapError

    monkeypatch.setenv(fonts.ENV_VAR, "/no/such/font.otf")
    with pytest.raises(BlocmapError):
        fonts._find()


def test_every_state_has_a_name_to_draw(atlas):
    # A label must never fall back to the bare code (Norway's iso2 'NO' once read as false).
    for iso3, state in atlas.states.items():
        assert isinstance(state.iso2, (str, type(None))), iso3
        for lang in ("en", "zh-Hant", "ru"):
            assert atlas.state_name(iso3, lang) != iso3, (iso3, lang)


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "ru"])
def test_measured_boxes_hold_what_matplotlib_draws(atlas, lang):
    """text_size reads glyph advances (fontTools) instead of rendering; its box must still hold
    matplotlib's own extent of every state and organization name, at every size we draw."""
    from blocmap.features.figures.measure import Font, default_font, rendered_size, text_size

    path = default_font().path
    states = ("RUS", "BLR", "KAZ", "KGZ", "ARM", "TJK", "UZB", "AZE", "MDA", "TKM", "GEO", "UKR",
              "CHN", "IND", "PAK", "IRN", "MNG", "AFG")
    texts = [atlas.state_name(s, lang) for s in states]
    texts += [atlas.org_name(o, lang, short=True) for o in ("cis", "cst", "csto", "eaeu", "eurasec",
                                                           "customs_union", "union_state", "guam", "sco")]
    texts.append("CST = CSTO")
    for size in (8.5, 10.0, 11.5):
        for text in texts:
            width, height = text_size(text, Font(path, size))
            drawn_width, drawn_height = rendered_size(text, Font(path, size))
            assert drawn_width <= width <= drawn_width + 0.1 * size * len(text) + 1, (text, size)
            assert drawn_height <= height <= drawn_height + 0.3 * size, (text, size)


def test_measuring_text_does_not_import_matplotlib():
    import subprocess
    import sys

    code = ("import sys; from blocmap.features.figures.measure import default_font, text_size; "
            "text_size('哈薩克 Kazakhstan', default_font()); print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_glyph_metrics_are_kept_apart_from_the_figures_and_spare_the_font(tmp_path, monkeypatch):
    import shutil

    from blocmap.features.figures import measure

    monkeypatch.setenv("BLOCMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BLOCMAP_NO_CACHE", raising=False)
    font = measure.default_font()
    first = measure._Metrics(font.path)  # nothing on disk: the font is opened
    assert first._font is not None and first.table.parent == tmp_path / "cache" / "fonts"
    wanted = {c: first.char(c) for c in "ЕАЭС 歐亞 Ü"}
    first.save()
    shutil.rmtree(tmp_path / "cache" / "figures", ignore_errors=True)  # the layouts emptied
    later = measure._Metrics(font.path)
    assert {c: later.char(c) for c in wanted} == wanted and wanted["歐"][0] > wanted["Е"][0] > 0
    assert later._font is None  # every character from the table: the font never opened
    later.char("Ж")  # a new one opens it, and only then
    assert later._font is not None
