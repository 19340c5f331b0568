"""The bundled CJK font: found without any download, registered, and has the glyphs we draw."""

from __future__ import annotations

from pathlib import Path

import pytest



def test_font_path_is_a_cjk_font_matplotlib_knows(atlas):
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    from blocmap import fonts

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
    from blocmap import fonts
    from blocmap.errors import BlocmapError

    monkeypatch.setenv(fonts.ENV_VAR, "/no/such/font.otf")
    with pytest.raises(BlocmapError):
        fonts._find()


def test_every_state_has_a_name_to_draw(atlas):
    # A label must never fall back to the bare code (Norway's iso2 'NO' once read as false).
    for iso3, state in atlas.states.items():
        assert isinstance(state.iso2, (str, type(None))), iso3
        for lang in ("en", "zh-Hant", "ru"):
            assert atlas.state_name(iso3, lang) != iso3, (iso3, lang)
