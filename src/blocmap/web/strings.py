"""Strings only the web atlas's time controls show, in en, zh-Hant and ru.

They live here, beside the templates that use them, while the web atlas is being reworked;
``tr`` in the templates looks here first, then in ``blocmap.core.i18n`` (the one table for every
other string).  They can move to ``blocmap.core.i18n.TABLE`` unchanged.
"""

from __future__ import annotations

from blocmap.core.i18n import t
from blocmap.core.model import LANGS

TABLE: dict[str, tuple[str, str, str]] = {
    "web.h1": ("Regional integration in Eurasia, day by day", "歐亞區域整合，逐日呈現",
               "Региональная интеграция в Евразии, день за днём"),
    "web.skip": ("Skip to the content", "跳至主要內容", "Перейти к содержанию"),
    "web.play": ("Play", "播放", "Воспроизвести"),
    "web.pause": ("Pause", "暫停", "Пауза"),
    "web.step": ("Step", "步長", "Шаг"),
    "web.by_month": ("a month at a time", "每次一個月", "по месяцу"),
    "web.by_year": ("a year at a time", "每次一年", "по году"),
    "web.keys": ("Arrow keys: a month (with Shift: a year); Page Up / Page Down: the previous / next change.",
                 "方向鍵：一個月（按住 Shift：一年）；Page Up / Page Down：上一個／下一個變動。",
                 "Стрелки: на месяц (с Shift: на год); Page Up / Page Down: предыдущее / следующее изменение."),
    "web.no_diagram": ("No diagram for this day: none of the five post-Soviet organizations had a member "
                       "or associate member yet.",
                       "當日無法繪製圖形：五個後蘇聯組織都還沒有正式成員或準成員。",
                       "На этот день диаграммы нет: ни в одной из пяти постсоветских организаций ещё не было "
                       "членов или ассоциированных членов."),
    "web.no_diagram_error": ("The diagram for this day could not be drawn; the table below lists the same regions.",
                             "當日的圖形無法繪製；下表列出相同的區域。",
                             "Диаграмму на этот день нарисовать не удалось; таблица ниже перечисляет те же области."),
    "web.live_day": ("Day {day}.", "{day}。", "День {day}."),
    "web.live_joined": ("{org}: {state} now {status}", "{org}：{state} 成為{status}", "{org}: {state} теперь {status}"),
    "web.live_left": ("{org}: {state} no longer {status}", "{org}：{state} 不再是{status}",
                      "{org}: {state} больше не {status}"),
    "web.live_none": ("No change.", "沒有變動。", "Без изменений."),
    "web.live_more": ("and {n} more changes", "另有 {n} 項變動", "и ещё изменений: {n}"),
    "web.future": ("on: {day} is after today ({today}); the atlas records only days that have happened",
                   "on：{day} 晚於今天（{today}）；地圖集只記錄已經發生的日子",
                   "on: {day} позже сегодняшнего дня ({today}); атлас описывает только прошедшие дни"),
}


def tr(key: str, lang: str) -> str:
    """The web string ``key`` in ``lang``, else the shared table's."""
    found = TABLE.get(key)
    if found is None:
        return t(key, lang)
    return found[LANGS.index(lang)] if lang in LANGS else found[0]
