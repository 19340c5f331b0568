"""The one translation table for strings a user sees (en, zh-Hant, ru).

Names of states come from CLDR (``names.py``); names of organizations from their data files.
Everything else a user reads — statuses, event kinds, column headers — is looked up here.
"""

from __future__ import annotations

LANGS = ("en", "zh-Hant", "ru")

TABLE: dict[str, tuple[str, str, str]] = {
    # statuses
    "status.member": ("member", "正式成員", "член"),
    "status.associate": ("associate member", "準成員", "ассоциированный член"),
    "status.observer": ("observer", "觀察員", "наблюдатель"),
    "status.participant": ("participant", "參與國", "участник"),
    "status.candidate": ("candidate", "候選國", "кандидат"),
    "status.suspended": ("suspended", "暫停", "членство приостановлено"),
    "status.frozen": ("frozen", "凍結", "участие заморожено"),
    "status.ceased": ("ceased participation", "停止參與", "прекратил участие"),
    "status.withdrawn": ("withdrawn", "已退出", "вышел"),
    "status.none": ("none", "無", "нет"),
    # event kinds
    "event.joined": ("joined", "加入", "вступление"),
    "event.restored": ("membership restored", "恢復成員資格", "восстановление членства"),
    "event.associate": ("became associate", "成為準成員", "ассоциированное членство"),
    "event.observer": ("became observer", "成為觀察員", "статус наблюдателя"),
    "event.participant": ("became participant", "成為參與國", "участие"),
    "event.candidate": ("became candidate", "成為候選國", "статус кандидата"),
    "event.suspended": ("suspended", "暫停成員資格", "приостановление членства"),
    "event.frozen": ("froze participation", "凍結參與", "заморозка участия"),
    "event.ceased_participation": ("ceased participation", "停止參與", "прекращение участия"),
    "event.withdrew": ("withdrew", "退出", "выход"),
    "event.signed": ("signed", "簽署", "подписание"),
    "event.ratified": ("ratified", "批准", "ратификация"),
    "event.in_force": ("in force", "生效", "вступление в силу"),
    "event.founded": ("founded", "成立", "основание"),
    "event.dissolved": ("dissolved", "解散", "роспуск"),
    "event.announced": ("announced", "宣布", "заявление"),
    "event.notified": ("notified", "通知", "уведомление"),
    "event.decided": ("decided", "決議", "решение"),
    # kinds of organization
    "kind.economic": ("economic", "經濟", "экономическая"),
    "kind.security": ("security", "安全", "военно-политическая"),
    "kind.political": ("political", "政治", "политическая"),
    # column headers
    "col.org": ("organization", "組織", "организация"),
    "col.state": ("state", "國家", "государство"),
    "col.name": ("name", "名稱", "название"),
    "col.status": ("status", "身分", "статус"),
    "col.since": ("since", "起始", "с"),
    "col.until": ("until", "至", "до"),
    "col.certain": ("certain", "確定", "точно"),
    "col.date": ("date", "日期", "дата"),
    "col.event": ("event", "事件", "событие"),
    "col.source": ("source", "資料來源", "источник"),
    "col.sources": ("sources", "資料來源", "источники"),
    "col.note": ("note", "備註", "примечание"),
    "col.before": ("before", "之前", "до"),
    "col.after": ("after", "之後", "после"),
    "col.zone": ("organizations", "組織", "организации"),
    "col.states": ("states", "國家", "государства"),
    "col.count": ("count", "數目", "число"),
    "col.topic": ("topic", "議題", "вопрос"),
    "col.claim": ("claim", "說法", "утверждение"),
    "col.preferred": ("preferred", "採用", "принято"),
    "col.key": ("key", "代號", "ключ"),
    "col.title": ("title", "標題", "название"),
    "col.url": ("address", "網址", "адрес"),
    "col.kind": ("kind", "類型", "тип"),
    "col.founded": ("founded", "成立", "основана"),
    "col.members": ("members", "成員", "члены"),
    "col.acronym": ("acronym", "簡稱", "сокращение"),
    "col.dissolved": ("dissolved", "解散", "распущена"),
    # phrases
    "msg.uncertain": ("* date known only to the month or year: the answer may differ within that period",
                      "* 日期僅知月份或年份：該期間內答案可能不同",
                      "* дата известна лишь с точностью до месяца или года: в этот период ответ может отличаться"),
    "msg.none": ("(none)", "（無）", "(нет)"),
    "msg.as_of": ("as of", "截至", "на"),
}


def t(key: str, lang: str = "en") -> str:
    """The text of ``key`` in ``lang`` (English where the key or language is unknown)."""
    row = TABLE.get(key)
    if row is None:
        return key.split(".", 1)[-1]
    try:
        return row[LANGS.index(lang)]
    except ValueError:
        return row[0]
