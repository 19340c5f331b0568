"""The records of the atlas: immutable, built by ``load``, read by everything above it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from blocmap.core.dates import PartialDate

from blocmap.core.messages import LANGUAGES as LANGS  # noqa: E402 - every language with a catalog

#: Statuses a state can have in an organization, in the order they are shown.
STATUSES = (
    "member",       # full member
    "associate",    # associate member (Turkmenistan in the CIS from 2005)
    "observer",
    "participant",  # signed, not yet a member under the treaty; a dialogue partner; a partnership
    "candidate",    # EU candidate
    "suspended",    # membership suspended (Uzbekistan in the CSTO from 2012)
    "frozen",       # participation frozen by the state's own statement (Armenia in the CSTO, 2024)
    "ceased",       # ceased participation without legal withdrawal (Ukraine in the CIS, 2018)
    "withdrawn",    # left; ends the relation
)

#: The post-Soviet system as the seed paper's Figure 1 draws it: the default set of the
#: overlap, the Euler diagram and the web atlas's home page.
POST_SOVIET = ("cis", "csto", "eaeu", "customs_union", "union_state")

#: Named sets of organizations that every list of organizations accepts besides ids
#: (``--orgs post-soviet``, ``blocmap table collective-security``).
ORG_SETS: Mapping[str, tuple[str, ...]] = {
    "post-soviet": POST_SOVIET,
    "collective-security": ("cst", "csto"),
    "csto-history": ("cst", "csto"),
}


def expand_sets(items: Iterable[str]) -> list[str]:
    """``items`` with every named set (``ORG_SETS``) replaced by its organizations, in place:
    ``["post-soviet", "nato"]`` → the five and NATO."""
    return [org for item in items for org in ORG_SETS.get(item.strip().lower(), (item,))]

#: Statuses that put a state inside an organization's set (Euler diagrams, asymmetry).
INSIDE = frozenset({"member", "associate"})
#: Statuses that end a relation; a spell with one of them is not reported as current.
TERMINAL = frozenset({"withdrawn"})

#: Event kinds that change status, and the status they lead to unless ``status`` says otherwise.
STATUS_EVENTS: Mapping[str, str] = {
    "joined": "member",
    "restored": "member",
    "associate": "associate",
    "observer": "observer",
    "participant": "participant",
    "candidate": "candidate",
    "suspended": "suspended",
    "frozen": "frozen",
    "ceased_participation": "ceased",
    "withdrew": "withdrawn",
}
#: Event kinds that are milestones: they change no status unless ``status`` is given.
MILESTONES = frozenset(
    {"signed", "ratified", "in_force", "founded", "dissolved", "announced", "notified", "decided",
     # what a reader filters on: an application, the opening and closing of accession negotiations,
     # a status granted by a decision (with ``status``), a renaming
     "applied", "negotiations_opened", "negotiations_closed", "granted", "renamed"}
)
EVENT_KINDS = frozenset(STATUS_EVENTS) | MILESTONES

KINDS = ("economic", "security", "political")

#: A record's reader-facing texts by field and language: ``{"note": {"en": …, "zh-Hant": …, "ru": …}}``.
Texts = Mapping[str, Mapping[str, str]]


def pick(by_lang: Mapping[str, str] | None, lang: str, fallback: str | None = None) -> str | None:
    """The text in ``lang``; English where that language is missing; ``fallback`` where there is none."""
    if not by_lang:
        return fallback
    return by_lang.get(lang) or by_lang.get("en") or fallback


class Translated:
    """A record whose reader-facing text fields (``note``, ``topic`` …) hold the English text and
    whose ``texts`` hold every language given in the data; ``text(field, lang)`` picks one."""

    texts: Texts

    def text(self, name: str, lang: str = "en") -> str | None:
        """The field ``name`` in ``lang``, falling back to English (the field itself)."""
        return pick(self.texts.get(name), lang, getattr(self, name))


#: Classes of a source for the evidence standard, strongest first.
SOURCE_CLASSES = ("official", "scholarly", "news", "reference")


@dataclass(frozen=True)
class Source(Translated):
    key: str
    title: str  # as published, in the source's own language
    url: str | None = None
    publisher: str | None = None
    year: str | None = None
    kind: str = "web"  # official | web | news | book | article | dataset | reference
    official: bool = False
    seen_at: str | None = None  # a mirror the text was read on, where the canonical page is cited
    note: str | None = None
    #: ``note`` in every language given (``text("note", lang)``)
    texts: Texts = field(default_factory=dict)
    #: the language the source is written in (``ru``, ``en``, ``fr`` …), where given
    lang: str | None = None
    #: the title translated for readers, by reader language (the title itself stays as published)
    title_tr: Mapping[str, str] = field(default_factory=dict)

    @property
    def klass(self) -> str:
        """official, scholarly, news or reference: what the evidence standard weighs."""
        if self.official or self.kind == "official":
            return "official"
        if self.kind in ("book", "article", "scholarly", "dataset"):
            return "scholarly"
        if self.kind in ("reference", "encyclopedia"):
            return "reference"
        return "news"

    def title_for(self, lang: str) -> str | None:
        """The title translated into ``lang`` where the source is in another language, else None."""
        if self.lang is not None and self.lang == lang.split("-")[0]:
            return None
        return self.title_tr.get(lang)


@dataclass(frozen=True)
class Citation:
    """One source cited for an event, with its own words that state the fact."""

    source: str
    quote: str | None = None  # verbatim, in the source's language
    at: str | None = None  # article, paragraph or page
    read: str | None = None  # the day the page was read (YYYY-MM-DD)


@dataclass(frozen=True)
class Period:
    start: PartialDate | None
    end: PartialDate | None  # None: still exists
    source: str | None = None
    note: str | None = None

    def contains(self, day: dt.date) -> bool:
        if self.start is not None and day < self.start.earliest:
            return False
        if self.end is not None and day > self.end.latest:
            return False
        return True


@dataclass(frozen=True)
class CowCode:
    code: int
    abb: str
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class State(Translated):
    iso3: str
    iso2: str | None
    cow: tuple[CowCode, ...]
    exists: tuple[Period, ...]
    names: Mapping[str, str] = field(default_factory=dict)  # only where CLDR has no name
    note: str | None = None
    texts: Texts = field(default_factory=dict)
    #: names the state bore before today's, oldest first (West Germany until 1990-10-02)
    former_names: tuple["FormerName", ...] = ()

    def named_on(self, day: dt.date | None) -> "FormerName | None":
        """The former name in force on ``day``, or None where today's name applies."""
        if day is None:
            return None
        return next((f for f in self.former_names if day <= f.until.latest), None)

    def exists_on(self, day: dt.date) -> bool:
        return any(p.contains(day) for p in self.exists)

    def cow_on(self, day: dt.date) -> CowCode | None:
        for code in self.cow:
            if (code.start is None or code.start.earliest <= day) and (
                code.end is None or day <= code.end.latest
            ):
                return code
        return None


@dataclass(frozen=True)
class Event(Translated):
    org: str
    state: str | None  # None: an event of the organization itself
    date: PartialDate
    kind: str
    status: str | None  # the status it leads to; None for a milestone
    sources: tuple[str, ...]
    note: str | None = None
    dispute: str | None = None
    file: str = ""
    line: int = 0
    #: What happened, in words per language (en, zh-Hant, ru), where the event kind alone is too
    #: vague: "signed" for the organization's own event says nothing of *what* was signed.
    title: Mapping[str, str] = field(default_factory=dict)
    #: ``note`` in every language given (``text("note", lang)``)
    texts: Texts = field(default_factory=dict)
    #: each source with its quote (``cite:`` in the data); sources cited by key alone have none
    citations: tuple[Citation, ...] = ()
    #: what a status change below the evidence standard lacks, and why it is out of reach here
    #: (``text("evidence_gap", lang)``); ``check`` refuses a weak status change without one
    evidence_gap: str | None = None

    def citation(self, key: str) -> Citation | None:
        return next((c for c in self.citations if c.source == key), None)


@dataclass(frozen=True)
class Treaty(Translated):
    name: str
    signed: PartialDate | None = None
    place: str | None = None
    in_force: PartialDate | None = None
    source: str | None = None
    #: ``name`` and ``place`` in every language given
    texts: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class Claim(Translated):
    value: str  # the English text: what ``Dispute.preferred`` names
    sources: tuple[str, ...]
    note: str | None = None
    #: ``value`` and ``note`` in every language given
    texts: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class Dispute(Translated):
    id: str
    org: str | None
    state: str | None
    topic: str
    claims: tuple[Claim, ...]
    preferred: str | None  # the value blocmap uses, or None where it keeps them all open
    note: str | None = None
    file: str = ""
    line: int = 0
    #: ``topic`` and ``note`` in every language given
    texts: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class Succession:
    """From ``date`` on, the organization continues inside ``org``: its members are the members
    of ``org`` (the Customs Union as the EAEU's customs union from 2015-01-01)."""

    org: str
    date: PartialDate
    source: str


@dataclass(frozen=True)
class FormerName:
    """A name an organization (or a state) bore until ``until`` (its last day)."""

    until: PartialDate
    names: Mapping[str, str]
    acronyms: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Organization(Translated):
    id: str
    names: Mapping[str, str]
    acronyms: Mapping[str, str]
    kind: str
    founded: PartialDate | None
    dissolved: PartialDate | None
    founding_treaty: Treaty | None
    seat: str | None
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    aliases: tuple[str, ...]  # other ids that name it (COW's 'eaec' for eurasec)
    sources: tuple[str, ...]
    name_sources: Mapping[str, tuple[str, ...]]
    note: str | None = None
    file: str = ""
    continues_in: Succession | None = None
    #: ``note`` and ``seat`` in every language given
    texts: Texts = field(default_factory=dict)
    #: earlier names, oldest first; ``names``/``acronyms`` are today's
    former_names: tuple[FormerName, ...] = ()

    def named_on(self, day: dt.date | None) -> FormerName | None:
        """The former name in force on ``day``, or None where today's name applies."""
        if day is None:
            return None
        for former in self.former_names:
            if day <= former.until.latest:
                return former
        return None

    def exists_on(self, day: dt.date) -> bool:
        if self.founded is not None and day < self.founded.earliest:
            return False
        if self.dissolved is not None and day >= self.dissolved.earliest:
            return False
        return True


@dataclass(frozen=True)
class Spell:
    """A stretch of time in which a state had one status in one organization."""

    org: str
    state: str
    status: str
    start: PartialDate
    end: PartialDate | None  # first day no longer in this status; None: open
    start_event: Event
    end_event: Event | None = None
    end_reason: str | None = None  # 'event', 'dissolved', 'state ceased'

    def on(self, day: dt.date) -> bool:
        """Whether the spell holds on ``day`` under the first-day rule."""
        if day < self.start.earliest:
            return False
        return self.end is None or day < self.end.earliest

    def certain_on(self, day: dt.date) -> bool:
        """False where ``day`` lies inside the period of a partial start or end date."""
        if self.start.precision != "day" and self.start.covers(day):
            return False
        if self.end is not None and self.end.precision != "day" and self.end.covers(day):
            return False
        return True


@dataclass(frozen=True)
class Membership:
    """An answer: a state's status in an organization on a day, with its grounds."""

    org: str
    state: str
    status: str
    since: PartialDate
    until: PartialDate | None
    certain: bool
    sources: tuple[str, ...]
    event: Event
    ccode: int | None = None  # the state's COW code on the day asked about
    on: dt.date | None = None  # the day asked about
