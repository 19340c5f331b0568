"""Consistency rules that need the whole data folder at once.

Each rule appends ``Problem``s (file, line, message) to ``raw.problems``; ``check``
runs them all so that ``blocmap check`` lists every problem, not just the first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from blocmap.core.errors import Problem
from blocmap.core.messages import Both
from blocmap.core.loader import Raw
from blocmap.core.model import LANGS, Event, MILESTONES, TERMINAL

ENDING_STATUSES = frozenset({"withdrawn", "ceased", "suspended", "frozen"})


def _where(event: Event) -> tuple[str, int]:
    return event.file, event.line


def check_source_keys(raw: Raw) -> None:
    for key, file, line, what in raw.source_refs:
        if key not in raw.sources:
            raw.problems.append(Problem.of(file, line, "data.unknown_source_key", key=key, what=what))


def check_states_known(raw: Raw) -> None:
    for event in raw.events:
        if event.state is not None and event.state not in raw.states:
            raw.problems.append(Problem.of(*_where(event), "data.unknown_state_file", state=event.state))
    for dispute in raw.disputes:
        if dispute.state is not None and dispute.state not in raw.states:
            raw.problems.append(Problem.of(dispute.file, dispute.line, "data.unknown_state", state=dispute.state))


def check_state_existence(raw: Raw) -> None:
    """An event falls inside a period in which its state existed."""
    for event in raw.events:
        state = raw.states.get(event.state) if event.state else None
        if state is None:
            continue
        first, last = event.date.earliest, event.date.latest
        if not any(_overlaps(p.start, p.end, first, last) for p in state.exists):
            raw.problems.append(Problem.of(*_where(event), "data.state_absent", state=event.state, date=event.date))


def _overlaps(start, end, first: dt.date, last: dt.date) -> bool:
    return (start is None or last >= start.earliest) and (end is None or first <= end.latest)


def check_org_existence(raw: Raw) -> None:
    """A status change happens while the organization exists; milestones may precede its founding."""
    for event in raw.events:
        org = raw.orgs.get(event.org)
        if org is None:
            continue
        if event.status is not None and org.founded is not None and event.date.latest < org.founded.earliest:
            raw.problems.append(Problem.of(*_where(event), "data.before_founding", event=event.kind, date=event.date,
                                           org=org.id, founded=org.founded))
        if org.dissolved is not None and event.date.earliest > org.dissolved.latest:
            raw.problems.append(Problem.of(*_where(event), "data.after_dissolution", event=event.kind, date=event.date,
                                           org=org.id, dissolved=org.dissolved))


def check_histories(raw: Raw) -> None:
    """Per organization and state: no ending without a relation, no two statuses on one day, no duplicates."""
    histories: dict[tuple[str, str], list[Event]] = defaultdict(list)
    seen: dict[tuple, Event] = {}
    for event in raw.events:
        identity = (event.org, event.state, event.date, event.kind, event.status)
        if identity in seen:
            first = seen[identity]
            said = " ".join(str(p) for p in (event.org, event.state, event.kind, event.date) if p)
            raw.problems.append(Problem.of(*_where(event), "data.duplicate_event", event=said, first=first.line))
            continue
        seen[identity] = event
        if event.state is not None and event.status is not None:
            histories[(event.org, event.state)].append(event)
    for (org, state), events in histories.items():
        by_day: dict = defaultdict(list)
        for event in events:
            by_day[event.date].append(event)
        for date, same_day in by_day.items():
            statuses = {e.status for e in same_day}
            if len(statuses) > 1:
                later = same_day[-1]
                raw.problems.append(Problem.of(*_where(later), "data.contradictory", state=state, org=org, date=date,
                                               statuses=Both(sorted(statuses))))
        active = False
        for event in sorted(events, key=lambda e: (e.date.earliest, e.line)):
            if event.status in ENDING_STATUSES and not active:
                raw.problems.append(Problem.of(*_where(event), "data.ending_first", state=state, event=event.kind,
                                               org=org, date=event.date))
            active = event.status not in TERMINAL


def check_links(raw: Raw) -> None:
    ids = [d.id for d in raw.disputes]
    seen: set[str] = set()
    for dispute in raw.disputes:
        if dispute.id in seen:
            raw.problems.append(Problem.of(dispute.file, dispute.line, "data.duplicate_dispute", id=dispute.id))
        seen.add(dispute.id)
    for event in raw.events:
        if event.dispute is not None and event.dispute not in ids:
            raw.problems.append(Problem.of(*_where(event), "data.unknown_dispute", id=event.dispute))
    for org in raw.orgs.values():
        for other in (*org.predecessors, *org.successors):
            if other not in raw.orgs:
                raw.problems.append(Problem.of(org.file, None, "data.unknown_link", org=org.id, other=other))
        succession = org.continues_in
        if succession is not None:
            if succession.org not in raw.orgs or succession.org == org.id:
                raw.problems.append(Problem.of(org.file, None, "data.continues_unknown", org=succession.org))
            elif raw.orgs[succession.org].continues_in is not None:
                raw.problems.append(Problem.of(org.file, None, "data.continues_chain", org=succession.org))


def check_milestones_have_no_terminal(raw: Raw) -> None:
    for event in raw.events:
        if event.kind == "dissolved" and event.state is not None:
            raw.problems.append(Problem.of(*_where(event), "data.dissolved_state"))
        if event.kind in MILESTONES and event.status in TERMINAL:
            raw.problems.append(Problem.of(*_where(event), "data.milestone", event=event.kind, status=event.status))


def check_languages(raw: Raw) -> None:
    """Every reader-facing text of the data (notes, topics, claim values, seats, treaty names and
    places, organ fields, depth details) is given in every language of ``LANGS``, as {en: …, zh-Hant: …, ru: …}.

    Collected by ``Reader.translated`` in ``raw.text_refs``.  A text without a letter ("2012-01-01")
    reads the same in every language and needs no translation."""
    for file, line, name, given, english in raw.text_refs:
        missing = [lang for lang in LANGS if lang not in given]
        if missing and _LETTER.search(english):
            example = "{" + ", ".join(f"{lang}: …" for lang in LANGS) + "}"
            raw.problems.append(Problem.of(file, line, "data.no_text_in", name=name, missing=missing, example=example))


_LETTER = re.compile(r"[^\W\d_]")


RULES = (check_source_keys, check_states_known, check_state_existence, check_org_existence,
         check_histories, check_links, check_milestones_have_no_terminal, check_languages)


#: The most problems listed; the rest are counted ("… and 9,812 more problems").
MAX_PROBLEMS = 100


def bounded(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """At most ``limit`` problems (each says at most ``MAX_MESSAGE`` characters), then a count
    of the rest: a problem without a file."""
    shown = problems[:limit]
    if len(problems) > limit:
        rest = len(problems) - limit
        shown.append(Problem.of("", None, "data.more", n=f"{rest:,}") if rest > 1
                     else Problem.of("", None, "data.more_one"))
    return shown


def check(raw: Raw, before: tuple = ()) -> list[Problem]:
    """Run every rule (``before``: readers of further files of the folder, e.g. the features'
    organs and depth, run first so that their source keys are checked too); return the problems
    (reading problems first), at most ``MAX_PROBLEMS`` of them."""
    for rule in (*before, *RULES):
        rule(raw)
    for file, n in raw.dropped.items():  # said right after the file's last problem kept
        last = max((i for i, p in enumerate(raw.problems) if p.file == file), default=len(raw.problems) - 1)
        raw.problems.insert(last + 1, Problem.of(file, None, "data.more_in_file", n=f"{n:,}"))
    raw.total_problems = len(raw.problems) + sum(raw.dropped.values()) - len(raw.dropped)
    raw.problems[:] = bounded(raw.problems)
    return raw.problems


def load_feature_file(atlas, name: str, read):
    """Records of one feature file (organs.yaml, depth.yaml) of ``atlas``'s folder, read by
    ``read(raw)``, with its own problems and its source keys checked.  The organizations, their
    disputes and the sources it refers to are the atlas's, already read: only the file itself is
    parsed (reading the whole folder again cost the first organization page 0.5-0.9 s)."""
    from blocmap.core.errors import DataError
    from blocmap.core.loader import Raw

    raw = Raw(atlas.folder, sources=atlas.sources, orgs=atlas.orgs, disputes=list(atlas.disputes))
    found = read(raw)
    raw.source_refs[:] = [ref for ref in raw.source_refs if ref[1] == name]
    check_source_keys(raw)
    if raw.problems:
        raise DataError(bounded(raw.problems))
    return tuple(found)
