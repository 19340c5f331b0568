"""The words figures print, in en, zh-Hant (Taiwan usage) and ru.

``text(key, lang, **values)`` asks the project's translation table (``blocmap.i18n.t``)
first and uses the entries below only for keys it does not (yet) have, so these strings can
move into the one table without touching any figure code.
"""

from __future__ import annotations

import datetime as dt

_TABLE: dict[str, dict[str, str]] = {
    "fig.title": {"en": "Memberships on {date}", "zh-Hant": "{date}的成員關係",
                  "ru": "Членство на {date}"},
    "fig.pinned": {"en": "{org} as on {date}", "zh-Hant": "{org}以{date}為準",
                   "ru": "{org} — на {date}"},
    "fig.source": {"en": "Memberships on {date} · Source: blocmap {version} atlas; the sources of "
                         "each membership: blocmap members ORG --on DATE",
                   "zh-Hant": "{date}的成員關係 · 資料來源：blocmap {version} 資料集；"
                              "各成員關係的出處：blocmap members ORG --on DATE",
                   "ru": "Членство на {date} · Источник: атлас blocmap {version}; источники по "
                         "каждому членству: blocmap members ORG --on DATE"},
    "fig.outside": {"en": "Related, not inside:", "zh-Hant": "有關係但不在圈內：",
                    "ru": "Связаны, но не внутри:"},
    "fig.empty": {"en": "Hatched: drawn but without members ({zones}); "
                        "one outline per organization cannot avoid them",
                  "zh-Hant": "斜線區：無成員國（{zones}），每個組織只用一條外框時無法避免",
                  "ru": "Штриховка: области без членов ({zones}); "
                        "при одном контуре на организацию их не избежать"},
    "fig.empty_unproven": {"en": "Hatched: drawn but without members ({zones}); "
                                 "no drawing without them was found in the time allowed",
                           "zh-Hant": "斜線區：無成員國（{zones}），在限定時間內找不到沒有它們的畫法",
                           "ru": "Штриховка: области без членов ({zones}); "
                                 "за отведённое время не найден рисунок без них"},
    "fig.inside_rule": {"en": "Inside an outline: members and associate members",
                        "zh-Hant": "框內：正式成員國與準成員國",
                        "ru": "Внутри контура: члены и ассоциированные члены"},
    "status.member": {"en": "member", "zh-Hant": "成員國", "ru": "член"},
    "status.associate": {"en": "associate member", "zh-Hant": "準成員國", "ru": "ассоциированный член"},
    "status.observer": {"en": "observer", "zh-Hant": "觀察員", "ru": "наблюдатель"},
    "status.participant": {"en": "participant (not ratified)", "zh-Hant": "參與國（未批准）",
                           "ru": "участник (без ратификации)"},
    "status.candidate": {"en": "candidate", "zh-Hant": "候選國", "ru": "кандидат"},
    "status.suspended": {"en": "suspended", "zh-Hant": "暫停", "ru": "приостановлено"},
    "status.frozen": {"en": "participation frozen", "zh-Hant": "凍結參與", "ru": "участие заморожено"},
    "status.ceased": {"en": "ceased participating", "zh-Hant": "停止參與", "ru": "прекратил участие"},
    "status.withdrawn": {"en": "former member", "zh-Hant": "前成員國", "ru": "бывший член"},
    "status.none": {"en": "not a member", "zh-Hant": "非成員", "ru": "не член"},
    "upset.size": {"en": "States in exactly these", "zh-Hant": "恰屬於這些組織的國家數",
                   "ru": "Государств ровно в этих"},
    "upset.set_size": {"en": "Members", "zh-Hant": "成員數", "ru": "Членов"},
    "map.legend": {"en": "Status in {org}", "zh-Hant": "{org}中的地位", "ru": "Статус в {org}"},
    "map.count": {"en": "Organizations shown", "zh-Hant": "所屬組織數", "ru": "Число организаций"},
    "network.title": {"en": "Shared memberships on {date}", "zh-Hant": "{date}共同參與的組織",
                      "ru": "Общие организации на {date}"},
    "network.edge": {"en": "line width: number of organizations both belong to",
                     "zh-Hant": "線寬：兩國共同參加的組織數",
                     "ru": "толщина линии: число общих организаций"},
}

_BABEL_LOCALE = {"en": "en", "zh-Hant": "zh_Hant_TW", "ru": "ru"}


def text(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in."""
    template = None
    try:
        from ..i18n import TABLE, t  # the project's one table, where it has the key
    except ImportError:
        TABLE = {}
    if key in TABLE:
        template = t(key, lang)
    else:
        entry = _TABLE[key]
        template = entry.get(lang, entry["en"])
    return template.format(**values)


def day(value: dt.date, lang: str) -> str:
    """A date written the way ``lang`` writes it (CLDR through Babel)."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=_BABEL_LOCALE.get(lang, "en"))
