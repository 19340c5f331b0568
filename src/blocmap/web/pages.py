"""HTML pages: parse the query, make one call to ``views``, render a Jinja template.

The page handlers are plain functions, which Starlette runs in its thread pool: rendering a
page never seen before takes milliseconds of CPU, and the event loop stays free for the API.

Each page's data is exactly its JSON twin's (``/api/...``), linked from the page footer.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from blocmap.core.version import __version__
from blocmap.core.errors import QueryError
from blocmap.core.i18n import aside, field, joined, parse_lang, punctuation, t, tn
from blocmap.core.model import LANGS, POST_SOVIET, STATUSES
from blocmap.web import api, charts, hooks, palette
from blocmap.web.geo import HISTORICAL_TERRITORIES
from blocmap.web.views import COUNT_STEPS, POST_SOVIET_FOCUS, Views, past_day

#: Each language named in itself (its catalog's ``lang.name``).
LANG_LABELS = {code: t("lang.name", code) for code in LANGS}
#: Map classes c1 … c6: in how many organizations a state is (``views.count_class``; atlas.css colours them).
COUNT_CLASSES = len(COUNT_STEPS) + 1


@lru_cache(maxsize=1)
def templates() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("blocmap.web", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "svg"]),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["script_lang"] = script_lang
    env.filters["code_spans"] = code_spans
    env.filters["locator_lang"] = locator_lang
    env.globals.update(version=__version__, LANGS=LANGS, LANG_LABELS=LANG_LABELS, STATUSES=STATUSES,
                       org_colour=palette.org_colour)
    return env


def counted(keys: list[str], lang: str) -> dict[str, dict[str, Any]]:
    """Counted messages for the page's script: each key's distinct forms in ``lang`` and, for
    every n of 0 … 199, which form goes with n (one digit each), by the catalog's plural rule
    (``count_text``: CLDR's, from the catalog's header).  The rules of gettext's languages look
    at n, n % 10 and n % 100 only, so n ≥ 200 takes the form of 100 + n % 100."""
    from blocmap.core.messages import count_text

    table = {}
    for key in keys:
        texts = [count_text(key, n, lang) for n in range(200)]
        forms = list(dict.fromkeys(texts))
        table[key] = {"forms": forms, "of": "".join(str(forms.index(text)) for text in texts)}
    return table


def code_spans(text: str) -> Any:
    """Prose with ids between backticks (```csto```): escaped, the ids as ``<code>``."""
    import re

    from markupsafe import Markup, escape

    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


def script_lang(text: str | None) -> str:
    """The language of a text the data does not label (a source's title or publisher), from its
    script: Chinese characters zh-Hant, Cyrillic ru, otherwise en."""
    import re

    if text and re.search("[\u4e00-\u9fff]", text):
        return "zh-Hant"
    if text and re.search("[\u0400-\u04ff]", text):
        return "ru"
    return "en"


def locator_lang(text: str | None) -> str:
    """The language of where a quotation is in its source ("page text", "calendar page for 6 March,
    item «…»"): English, which the curators write it in, wherever it has a Latin word; else by script."""
    import re

    return "en" if text and re.search("[A-Za-z]{3}", text) else script_lang(text)


def cjk_font_file() -> Path | None:
    """Noto Sans CJK TC from the pinned ``cvttf-NotoSansCJK-Regular`` package, if installed."""
    try:
        import cvttf_NotoSansCJK_Regular as package  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(package.get_TTF_path())
    return path if path.is_file() else None


class Site:
    """What one app serves: its views and the caches of its pages (the atlas is immutable, so
    a page for one day, language and focus is rendered once)."""

    def __init__(self, views: Views) -> None:
        import threading

        self.views = views
        self.atlas = views.atlas
        self._font: bytes | None = None
        self._font_lock = threading.Lock()
        self.day = lru_cache(maxsize=512)(self._day)
        self.home_html = lru_cache(maxsize=1024)(self._home_html)
        self.map_labels = lru_cache(maxsize=4)(self._map_labels)
        self.map_names = lru_cache(maxsize=4)(self._map_names)
        self.events = lru_cache(maxsize=4)(self._events)
        self.org_acronyms = lru_cache(maxsize=4)(self.views.org_names)
        self.live = lru_cache(maxsize=4)(self._live)

    def cjk_font(self) -> bytes | None:
        """The CJK webfont of this atlas (cut once; None where no CJK font is installed)."""
        with self._font_lock:
            if self._font is None:
                from blocmap.web.webfont import characters, subset_woff2

                path = cjk_font_file()
                self._font = b"" if path is None else subset_woff2(path, characters(self.atlas.folder))
        return self._font or None

    def warm_up(self) -> None:
        """Project the map and load the templates before the first visitor waits."""
        from blocmap.web.geo import eurasia

        eurasia()
        templates()

    def render_html(self, template: str, lang: str, path: str, query: dict[str, str], json_url: str | None,
                    **context: Any) -> str:
        """Render with the helpers every template uses: ``tr`` (translate), ``url`` (keeps the
        language, and the page's day where the reader chose one: ``?on=`` in ``query``)."""
        day = query.get("on") if query.get("on") not in (None, "", "today") else None
        keep = {"on": day, "lang": None if lang == "en" else lang}
        suffix = _url("", **keep)

        def url(target: str, **params: Any) -> str:
            if not params:  # most links: no urlencode needed (a page has hundreds of them)
                return target + suffix
            return _url(target, **{**keep, **params})

        def switch(to: str) -> str:  # this very page in another language
            params = {k: v for k, v in query.items() if k != "lang"}
            return _url(path, **params, lang=None if to == "en" else to)

        return templates().get_template(template).render(
            tr=lambda key: t(key, lang), lang=lang, url=url, switch=switch, json_url=json_url, **punctuation(lang),
            path=path, org_acronyms=self.org_acronyms(lang), max_day=dt.date.today().isoformat(),
            state_now=lambda iso3: self.atlas.state_name(iso3, lang),
            **{"csv_url": api.csv_url(json_url), **context})  # a page's table as CSV (the home page: its view's)

    def _day(self, on: str, lang: str, focus: str | None) -> dict[str, Any]:
        return self.views.day(on, lang, focus)

    def day_context(self, request: Request, lang: str) -> dict[str, Any]:
        day = past_day(_q(request, "on"), "on")
        data = self.day(day.isoformat(), lang, _q(request, "focus") or None)
        return {"day": data, "map_classes": map_classes(data), "euler_url":
                _url("/euler.svg", on=data["on"], lang=lang) if data["euler"] else None}

    def _home_html(self, on: str, lang: str, focus: str | None, today_iso: str, embed: bool = False) -> bytes:
        """The home page for one day, language and focus (``today_iso`` is part of the key
        because the slider ends today); ``embed``: the map and its slider alone (``/embed``)."""
        from blocmap.web.geo import eurasia

        atlas = self.atlas
        data = self.day(on, lang, focus)
        context = {"day": data, "map_classes": map_classes(data),
                   "euler_url": _url("/euler.svg", on=on, lang=lang) if data["euler"] else None}
        first, today = self.views.first_day, dt.date.fromisoformat(today_iso)
        span = (today - first).days
        ticks = [{**e, "x": round(100 * (dt.date.fromisoformat(e["date"]) - first).days / span, 3)}
                 for e in self.events(lang) if e["date"] <= today_iso]
        current = dt.date.fromisoformat(on)
        query = {k: v for k, v in {"on": on, "focus": focus, "lang": None if lang == "en" else lang}.items() if v}
        tips, outside = self.map_notes(data, lang)
        geo = eurasia()
        share = {k: v for k, v in query.items() if k != "on"}
        return self.render_html("home.html", lang, "/embed" if embed else "/", query, _url("/api/day", **query),
                                embed=embed, csv_url=_url("/day.csv", **query),
                                embed_code=f'<iframe src="/embed{_url("", **query)}" width="800" height="640" '
                                           f'title="blocmap"></iframe>',
                                share_base=_url("/", **share),  # bytes: encoded once
                                map_tips=tips, map_outside=outside,
                                geo=geo, drawn_stages={st.id for st in geo.stages_on(current)},
                                hatch_classes=HATCH_CLASSES,
                                inside={t for f in data["drawn_whole"] for t in f["territories"]},
                                former_names={f: atlas.state_name(f, lang) for f in HISTORICAL_TERRITORIES},
                                atlas_states=set(atlas.states), state_names=self.map_names(lang),
                                map_labels=self.map_labels(lang),
                                ticks=ticks, first=first.isoformat(), today=today_iso, slider_max=span,
                                slider_value=min(max((current - first).days, 0), span),
                                orgs=[self.views.answers.org_ref(o, lang) for o in atlas.orgs],
                                count_labels=count_labels(lang),
                                live=self.live(lang), **context).encode("utf-8")

    def _live(self, lang: str) -> dict[str, Any]:
        keys = [f"status.{s}" for s in STATUSES] + [
            "web.not_founded", "msg.none", "web.uncertain", "col.since", "web.play", "web.pause",
            "web.live_day", "web.live_joined", "web.live_left", "web.live_none", "web.live_changes", "list.semicolon", "list.sep", "text.field", "text.aside",
            "web.no_diagram", "web.no_diagram_error", "web.diagram_alt", "web.euler", "web.map_no_membership",
            "web.map_outside", "web.today_name", "web.continues_in", "web.map_tap_again", "web.link_copied"]
        return {**self.views.live(lang, {k: t(k, lang) for k in keys}), "counts": counted(["count.live_more"], lang)}

    def map_notes(self, data: dict[str, Any], lang: str) -> tuple[dict[str, str], str]:
        """Each state's memberships that day (the map's tooltips), and the members the map's frame
        leaves out ("United States (NATO), …")."""
        from blocmap.web.geo import eurasia

        related: dict[str, list[tuple[str, str]]] = {}
        for org in data["orgs"]:
            for m in org["members"]:
                related.setdefault(m["state"], []).append((org["acronym"], m["status"]))
        # a former state is on the map (its territories are), drawn whole that day or not
        on_map = {c.iso3 for c in eurasia().countries} | set(HISTORICAL_TERRITORIES)
        outside = [aside(self.atlas.state_name(s, lang), joined((org for org, _ in related[s]), lang), lang)
                   for s in sorted(related, key=lambda s: self.atlas.state_name(s, lang)) if s not in on_map]
        tips = {s: joined((field(org, t("status." + status, lang), lang) for org, status in pairs), lang, semicolons=True)
                for s, pairs in related.items()}
        for former in data["drawn_whole"]:  # a territory drawn inside a former state says so
            for iso3 in former["territories"]:
                if iso3 not in tips and former["state"] in tips:
                    tips[iso3] = field(former["name"], tips[former["state"]], lang)
        return tips, joined(outside, lang)

    def locator(self, located: dict[str, Any], lang: str) -> dict[str, Any]:
        """The organization page's map: its members on ``located["on"]`` coloured by status
        (hatched where uncertain; a former state drawn whole as on the home map), the view cut
        to their extent, and the members the frame leaves out."""
        from blocmap.web.geo import eurasia

        geo = eurasia()
        day = dt.date.fromisoformat(located["on"])
        status: dict[str, tuple[str, bool]] = {m["state"]: (m["status"], m["certain"]) for m in located["members"]}
        stages = geo.stages_on(day)
        for stage in stages:
            for iso3 in stage.territories:
                if stage.former in status and iso3 not in status:
                    status[iso3] = status[stage.former]
        inside = {t for stage in stages for t in stage.territories}
        by_iso3 = {c.iso3: c for c in geo.countries}
        shown = [by_iso3[s] for s in status if s in by_iso3]
        view = _fit([c.box for c in shown], geo.width, geo.height)
        x0, y0, w, h = view
        names = self.map_names(lang)
        tips = {s: t("status." + st, lang) + ("" if sure else " *") for s, (st, sure) in status.items()}
        countries = []
        for c in geo.countries:
            bx0, by0, bx1, by1 = c.box
            if c.iso3 not in status and (bx1 < x0 or bx0 > x0 + w or by1 < y0 or by0 > y0 + h):
                continue  # out of view (a member's small parts elsewhere are kept whole)
            st = status.get(c.iso3)
            countries.append({"iso3": c.iso3, "path": c.path, "member": st is not None,
                              "cls": " ".join(filter(None, [f"st-{st[0]}" if st else "",
                                                            "inner" if c.iso3 in inside else ""])),
                              "uncertain": bool(st and not st[1]),
                              "tip": f"{names[c.iso3]} — {tips[c.iso3]}" if st else names[c.iso3]})
        drawn = {stage.former for stage in stages}
        outside = sorted((m for m in located["members"] if m["state"] not in by_iso3 and m["state"] not in drawn),
                         key=lambda m: m["name"])
        return {"on": located["on"], "view": " ".join(f"{v:g}" for v in view), "frame": geo.frame,
                "countries": countries, "stages": stages, "on_map": len(shown),
                "statuses": [st for st in STATUSES if any(status[c.iso3][0] == st for c in shown)],
                "uncertain": any(not status[c.iso3][1] for c in shown),
                "outside": joined((aside(m["name"], t("status." + m["status"], lang), lang) for m in outside), lang)}

    def _map_labels(self, lang: str) -> list[tuple[float, float, str, str, str]]:
        """(x, y, text, class, iso3) of the map's labels: names where the state is wide enough to hold
        them; every post-Soviet state too small for its name gets its short name in the reader's
        language in small type (``map.short.<ISO3>`` of the catalogs; English keeps the ISO code), or its
        name in small type where that fits.  No label covers another."""
        from blocmap.web.geo import eurasia

        out, small = [], []
        placed: list[tuple[float, float, float, float]] = []  # boxes of the labels so far
        for c in eurasia().countries:
            if c.iso3 not in self.atlas.states:
                continue
            name = self.atlas.state_name(c.iso3, lang)
            width = _text_width(name, LABEL_SIZE)
            if width + 4 <= c.room:
                out.append((c.label_at[0], c.label_at[1] + LABEL_SIZE / 3, name, "name", c.iso3))
                placed.append(_box(c.label_at[0], c.label_at[1], width, LABEL_SIZE))
            elif c.iso3 in POST_SOVIET_STATES:
                short = name if _text_width(name, CODE_SIZE, bold=True) + 4 <= c.room else t(f"map.short.{c.iso3}", lang)
                small.append((c, short, _text_width(short, CODE_SIZE, bold=True)))
        # The small states' labels (the Caucasus, the Baltic states, Moldova) would overlap at a
        # readable size: those that fit inside their state go first, where they are; then the others
        # from north to south, each where it is or moved aside (east first, where Russia has room) or
        # down a line (north stays north: Estonia above Latvia) to the first place no label covers.
        small.sort(key=lambda item: (item[2] + 4 > item[0].room, item[0].label_at[1]))
        line = CODE_SIZE * 1.2  # a line of small type with its leading, when a label moves down
        ink = CODE_SIZE * 0.9  # how high its letters are: labels on adjacent lines may touch
        for c, short, width in small:
            x, y = c.label_at
            for dx, dy in [(0, 0), (width * 0.6, 0), (0, line), (width, 0), (-width * 0.6, 0), (width * 0.5, line),
                           (-width * 0.5, line), (0, 2 * line), (-width, 0), (width * 1.5, 0), (0, -line),
                           (width * 0.6, 2 * line), (-width * 0.6, 2 * line), (0, -2 * line)]:
                box = _box(x + dx, y + dy, width + CODE_SIZE / 4, ink)  # a space between neighbours
                if not any(_overlap(box, other) for other in placed):
                    x, y = x + dx, y + dy
                    break
            placed.append(_box(x, y, width + CODE_SIZE / 4, ink))
            out.append((round(x, 1), round(y + CODE_SIZE / 3, 1), short, "code", c.iso3))
        return out

    def _map_names(self, lang: str) -> dict[str, str]:
        from blocmap.web.geo import eurasia

        return {c.iso3: self.atlas.state_name(c.iso3, lang) for c in eurasia().countries}

    def _events(self, lang: str) -> list[dict[str, Any]]:
        return self.views.key_events(lang)


def _box(x: float, y: float, width: float, height: float) -> tuple[float, float, float, float]:
    """The box of a label centred on (x, y)."""
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """About how wide ``text`` is at ``size`` (drawing units): a Chinese character is square, a
    Latin or Cyrillic letter a little more than half as wide (more in bold type)."""
    import unicodedata

    letter = size * (0.66 if bold else 0.58)
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else letter for ch in text)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _site(request: Request) -> Site:
    return request.app.state.site


def _url(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return path + ("?" + query if query else "")


def render(request: Request, template: str, lang: str, json_url: str | None, status: int = 200,
           **context: Any) -> HTMLResponse:
    query = dict(request.query_params)
    if status >= 400:  # an error page's links lead back to today, whatever was asked
        query.pop("on", None)
    elif query.get("on"):  # checked by the view already: written as the view read it
        query["on"] = past_day(query["on"], "on").isoformat()
    unknown = getattr(request.state, "unknown_lang", None)
    if unknown is not None:
        import re

        query.pop("lang", None)  # links carry no language that is none
        context["lang_note"] = unknown
        if json_url:
            json_url = re.sub(r"([?&])lang=[^&]*(&|$)", r"\1", json_url).rstrip("?&")
    html = _site(request).render_html(template, lang, request.url.path, query, json_url, **context)
    return HTMLResponse(html, status_code=status, headers={"Vary": "Accept-Language"})


def reader_lang(request: Request) -> str:
    """The page's language for an error: ``?lang`` where it is valid, else English."""
    try:
        return _lang(request)
    except QueryError:
        return "en"


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", reader_lang(request), None, status=status, status_code=status,
                  message=message)


def _lang(request: Request) -> str:
    """The page's language: ``?lang`` where it names one; an unknown ``?lang`` falls back to
    English with a note on the page (never a 400); without ``?lang``, the browser's
    ``Accept-Language`` until the reader chooses."""
    given = request.query_params.get("lang")
    if given is not None and given.strip():
        try:
            return parse_lang(given)
        except QueryError:
            request.state.unknown_lang = given[:40]
            return "en"
    return accepted_lang(request.headers.get("accept-language", ""))


def accepted_lang(header: str) -> str:
    """zh-Hant, ru or en from an Accept-Language header, by the browser's order of preference."""
    ranked = []
    for index, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, index, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        language, _, region = tag.partition("-")
        if language == "ru":
            return "ru"
        if language == "zh" and region.split("-")[0] in ("tw", "hk", "mo", "hant"):
            return "zh-Hant"
        if language == "en":
            return "en"
    return "en"


def _q(request: Request, name: str) -> str | None:
    return request.query_params.get(name)


# ---------------------------------------------------------------------------- home
def map_classes(day: dict[str, Any]) -> dict[str, str]:
    """CSS class of each state on the map: its status in the focus, or its step of the count
    (``views.count_class``); ``unc`` where that is known only to the month or year (hatched);
    ``inner`` where it is drawn inside a former state (its border dashed)."""
    if day["focus"] and day["focus"] != POST_SOVIET_FOCUS:
        classes = {iso3: f"st-{v['status']}" for iso3, v in day["map"].items() if v["status"]}
    else:
        classes = {iso3: f"c{v['step']}" for iso3, v in day["map"].items() if v["count"]}
    for iso3 in classes:
        if day["map"][iso3]["uncertain"]:
            classes[iso3] += " unc"  # hatched
    for former in day["drawn_whole"]:
        for iso3 in former["territories"]:
            classes[iso3] = (classes.get(iso3, "") + " inner").strip()
    return classes


def count_labels(lang: str) -> list[str]:
    """The legend's steps of the default colouring: "1", "2" … "5–6", "7+" (``COUNT_STEPS``)."""
    bounds = [*COUNT_STEPS[1:], None]
    out = []
    for least, next_least in zip(COUNT_STEPS, bounds):
        if next_least is None:
            out.append(t("web.count_or_more", lang).format(n=least))
        elif next_least - least == 1:
            out.append(str(least))
        else:
            out.append(f"{least}–{next_least - 1}")
    return out


def home(request: Request) -> Response:
    site, lang, day, focus = _view(request)
    return HTMLResponse(site.home_html(day.isoformat(), lang, focus, dt.date.today().isoformat()))


def _view(request: Request) -> tuple["Site", str, dt.date, str | None]:
    """The home page's view asked for: the site, the language, the day and the colouring
    (``focus``: an organization's id, ``post-soviet`` or None)."""
    site = _site(request)
    lang = _lang(request)
    day = past_day(_q(request, "on"), "on")
    focus = _q(request, "focus") or None
    if focus and focus != POST_SOVIET_FOCUS:
        focus = site.atlas.org(focus, "focus").id
    return site, lang, day, focus


#: The map's colour classes that can be hatched (uncertain): one SVG pattern each.
HATCH_CLASSES = tuple(f"st-{s}" for s in STATUSES) + tuple(f"c{n}" for n in range(1, COUNT_CLASSES))

#: Size of the map's state labels in drawing units (the map is 960 wide), and of the ISO codes
#: that label the post-Soviet states too small for their names.
#: At the map's width on a desktop (about 780 px of 960 units) 14 units are 11 px; on a phone
#: (the map is drawn 880 px wide and pans) 13 px.
LABEL_SIZE = 14.0
CODE_SIZE = 13.0
POST_SOVIET_STATES = frozenset(HISTORICAL_TERRITORIES["SUN"])


def day_rows(site: Site, day: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The home map's data of a day as rows, one a state with a membership that day: what it is
    coloured by (its count, its step, its status in the focus) and its memberships."""
    memberships: dict[str, list[str]] = {}
    continuing: dict[str, list[str]] = {}  # held only through continues_in: not one more live organization
    for org in day["orgs"]:
        for m in org["members"]:
            memberships.setdefault(m["state"], []).append(f"{org['id']}:{m['status']}")
            if org.get("continues"):
                continuing.setdefault(m["state"], []).append(f"{org['id']}>{org['continues']['org']}")
    out = []
    for iso3 in sorted(set(memberships) | set(day["map"])):
        cell = day["map"].get(iso3, {})
        out.append({"on": day["on"], "state": iso3, "name": site.atlas.state_name(iso3, lang),
                    "count": cell.get("count", 0), "step": cell.get("step", 0),
                    "focus": day["focus"] or "", "focus_status": cell.get("status") or "",
                    "drawn_inside": cell.get("via") or "", "uncertain": bool(cell.get("uncertain")),
                    "memberships": "; ".join(memberships.get(iso3, [])),
                    "continues_in": "; ".join(continuing.get(iso3, []))})
    return out


def day_csv(request: Request) -> Response:
    """The home page's view as CSV (``/day.csv?on=&focus=&lang=``): stable field names, names in
    the reader's language."""
    import csv
    import io

    site, lang, day, focus = _view(request)
    rows = day_rows(site, site.day(day.isoformat(), lang, focus), lang)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["on", "state"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    name = f"blocmap-{day.isoformat()}{'-' + focus if focus else ''}.csv"
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


def embed(request: Request) -> Response:
    """The home map alone, for a slide or a course page (``<iframe src=".../embed?on=…">``): the
    only page another site may frame (``app.SecurityHeaders``)."""
    site, lang, day, focus = _view(request)
    body = site.home_html(day.isoformat(), lang, focus, dt.date.today().isoformat(), True)
    return HTMLResponse(body, headers={"content-security-policy": EMBED_CSP})


#: ``app.CSP`` but for ``frame-ancestors``: any site may frame the embed route.
EMBED_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
             "form-action 'self'; frame-ancestors *")


def day_fragment(request: Request) -> Response:
    """The part of the home page that changes with the day (fetched by app.js)."""
    site = _site(request)
    lang = _lang(request)
    context = site.day_context(request, lang)
    query = {"on": context["day"]["on"], "lang": lang}
    return HTMLResponse(site.render_html("_day.html", lang, "/", query, None, **context))


async def euler_image(request: Request) -> Response:
    lang = _lang(request)
    day = past_day(_q(request, "on"), "on")
    narrow = api.flag(request, "narrow")  # laid out for a phone's width
    svg = await run_in_threadpool(hooks.euler_svg, _site(request).atlas, POST_SOVIET, day, lang, narrow)
    if svg is None:
        raise HTTPException(404)
    # Shown through <img>, where no script runs; matplotlib's SVG carries a <style> element.
    return Response(svg, media_type="image/svg+xml", headers={
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        "cache-control": "public, max-age=3600"})


def palette_css(request: Request) -> Response:
    """One class per organization (``org-c-<id>``) giving its colour (``blocmap.web.palette``)."""
    return Response(palette.css(_site(request).atlas.orgs), media_type="text/css; charset=utf-8",
                    headers={"cache-control": "public, max-age=3600"})


# ---------------------------------------------------------------------------- other pages
def org(request: Request) -> Response:
    lang = _lang(request)
    data = _site(request).views.org(request.path_params["org"], lang, _q(request, "on"))
    rows = _keeping(data["timeline"], request, lang)
    # each chart twice: laid out for a desktop and for a phone (the stylesheet shows one)
    chart = "".join(charts.timeline_svg(rows, lang, day=data["on"], narrow=n) for n in (False, True))
    shares = [(r["year"], r["leader_share"]) for r in data["asymmetry"] or () if r["leader_share"] is not None]
    label = t("web.leader_share_chart", lang)
    return render(request, "org.html", lang, _url(f"/api/org/{data['id']}", **dict(request.query_params)),
                  o=data, chart=chart, loc=_site(request).locator(data["located"], lang),
                  note_numbers=_numbers(data["sources"]),
                  asymmetry_chart="".join(charts.share_svg(shares, label, narrow=n) for n in (False, True)),
                  STACKED=charts.STACKED, members_chart="".join(charts.members_svg(data["members_by_year"], lang, narrow=n)
                                        for n in (False, True)))


def _fit(boxes: list[tuple[float, float, float, float]], width: float, height: float,
         pad: float = 0.08, narrowest: float = 140.0) -> tuple[float, float, float, float]:
    """(x, y, w, h) of a view around ``boxes``: padded, at least ``narrowest`` wide, no taller
    than wide nor wider than 2.2 × its height, inside the map; the whole map without boxes."""
    if not boxes:
        return 0.0, 0.0, width, height
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w, h = x1 - x0, y1 - y0
    w, h = max(w * (1 + 2 * pad), narrowest), h * (1 + 2 * pad)
    w, h = max(w, h), max(h, w / 2.2)
    w, h = min(w, width), min(h, height)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    x = min(max(cx - w / 2, 0.0), width - w)
    y = min(max(cy - h / 2, 0.0), height - h)
    return round(x, 1), round(y, 1), round(w, 1), round(h, 1)


def _keeping(rows: list[dict[str, Any]], request: Request, lang: str) -> list[dict[str, Any]]:
    """Timeline rows whose links keep the page's language and the day the reader chose."""
    on = _q(request, "on")
    keep = {"on": past_day(on, "on").isoformat() if on and on != "today" else None,
            "lang": None if lang == "en" else lang}
    return [{**r, "href": _url(r["href"], **keep)} for r in rows]


def _numbers(sources: list[dict[str, Any]]) -> dict[str, int]:
    """The note number of each source of a page (its place in the page's numbered source list)."""
    return {s["key"]: i for i, s in enumerate(sources, start=1)}


def state(request: Request) -> Response:
    lang = _lang(request)
    data = _site(request).views.state(request.path_params["state"], lang, _q(request, "on"))
    rows = _keeping(data["timeline"], request, lang)
    chart = "".join(charts.timeline_svg(rows, lang, day=data["on"], narrow=n) for n in (False, True))
    return render(request, "state.html", lang, _url(f"/api/state/{data['iso3']}", **dict(request.query_params)),
                  s=data, chart=chart, note_numbers=_numbers(data["sources"]))


def compare(request: Request) -> Response:
    site = _site(request)
    lang = _lang(request)
    # The form sends one ``org`` per ticked box; links and the API use ``orgs=a,b``.
    picked = ",".join(request.query_params.getlist("org")) or _q(request, "orgs")
    data = site.views.compare(picked, _q(request, "on"), lang)
    chosen = [o["id"] for o in data["orgs"]]
    # the depth rows' sources as numbered notes (a list under the table), not raw keys in the cells
    keys = [k for row in data["depth"]["rows"] for o in data["depth"]["orgs"] for k in row.get(f"{o}_sources") or ()]
    cited = site.views.answers.cited(keys, lang)
    return render(request, "compare.html", lang, _url("/api/compare", **dict(request.query_params)),
                  c=data, chosen=chosen, all_orgs=[site.views.answers.org_ref(o, lang) for o in site.atlas.orgs],
                  cited=cited, note_numbers=_numbers(cited))


def orgs(request: Request) -> Response:
    lang = _lang(request)
    return render(request, "orgs.html", lang, _url("/api/orgs", **dict(request.query_params)),
                  data=_site(request).views.orgs(lang, _q(request, "on")))


def states(request: Request) -> Response:
    lang = _lang(request)
    past_day(_q(request, "on"), "on")  # the day its links keep
    return render(request, "states.html", lang, _url("/api/states", **dict(request.query_params)),
                  data=_site(request).views.states(lang))


def sources(request: Request) -> Response:
    lang = _lang(request)
    data = _site(request).views.sources(_q(request, "q"), _q(request, "kind"), bool(_q(request, "official")), lang)
    past_day(_q(request, "on"), "on")  # the day its links keep
    return render(request, "sources.html", lang, _url("/api/sources", lang=None if lang == "en" else lang), data=data)


def source(request: Request) -> Response:
    lang = _lang(request)
    data = _site(request).views.source(request.path_params["key"], lang, _q(request, "on"))
    return render(request, "source.html", lang, _url(f"/api/source/{data['key']}", lang=None if lang == "en" else lang),
                  src=data)


def disputes(request: Request) -> Response:
    lang = _lang(request)
    data = _site(request).views.disputes(lang, _q(request, "org"), _q(request, "state"), _q(request, "on"))
    return render(request, "disputes.html", lang, _url("/api/disputes", **dict(request.query_params)), data=data)


def api_docs(request: Request) -> Response:
    """The API documentation, rendered from the OpenAPI document itself (no Swagger CDN)."""
    lang = _lang(request)
    return render(request, "api.html", lang, "/openapi.json", doc=api.openapi_document(lang=lang))
