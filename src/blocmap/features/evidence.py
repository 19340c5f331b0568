"""The evidence standard: what a status change must cite, and the publishers never cited.

A status change meets the standard when it cites an **official or primary record** (a source
marked ``official``: the organization's own act, the depositary, a state's gazette, legal
database or ministry, the EU's Official Journal) or, where none is reachable, **two independent
reputable sources** (scholarly or news sources of different publishers). Encyclopedias may
stand beside, never alone. Every citation of a status change carries the source's own words
(``quote``).

``refused.yaml`` in the data folder lists the publishers and domains never cited (press-release
wires, forums, reposts, blogs, aggregators, essay mills, documented disinformation networks),
each with its reason; ``blocmap check`` refuses a source from any of them, and a source URL
that is not http(s) or a DOI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping
from urllib.parse import urlparse

from blocmap.core.errors import Problem
from blocmap.core.model import Event, Source

if TYPE_CHECKING:  # pragma: no cover
    from blocmap.core.loader import Raw

REFUSED_FILE = "refused.yaml"
#: URL schemes a source may have (a ``javascript:`` or ``file:`` link is never rendered)
SCHEMES = ("http", "https", "doi")


@dataclass(frozen=True)
class Refused:
    """A publisher never cited: its domain (or domain and path prefix) and why, by language."""

    domain: str
    reason: Mapping[str, str]

    def matches(self, url: str | None) -> bool:
        parsed = urlparse(url or "")
        host = (parsed.hostname or "").lower().removeprefix("www.")
        where = host + (parsed.path or "")
        domain = self.domain.lower()
        if "/" in domain:
            return where.startswith(domain)
        if domain.endswith("-") or domain.endswith("."):  # a family of domains: "pravda-", "blogspot."
            return any(part.startswith(domain) for part in _suffixes(host))
        return host == domain or host.endswith("." + domain)


def _suffixes(host: str) -> list[str]:
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


def publisher(key: str, sources: Mapping[str, Source]) -> str:
    """Who published a source, for independence: the publisher before any parenthesis, else the key."""
    source = sources.get(key)
    if source is None or not source.publisher:
        return f"key:{key}"
    return source.publisher.split("(", 1)[0].strip().lower() or f"key:{key}"


@dataclass(frozen=True)
class Standing:
    """How one status change stands against the standard."""

    official: bool  # cites an official or primary record
    two_independent: bool  # cites two reputable sources of different publishers
    weak: bool  # rests on encyclopedias (or unknown sources) alone
    quoted: bool  # every citation carries the source's own words

    @property
    def meets(self) -> bool:
        return (self.official or self.two_independent) and self.quoted


def standing(event: Event, sources: Mapping[str, Source]) -> Standing:
    cited = [sources[k] for k in event.sources if k in sources]
    official = any(s.klass == "official" for s in cited)
    reputable = {publisher(s.key, sources) for s in cited if s.klass in ("scholarly", "news")}
    weak = not official and not reputable
    quoted = bool(event.citations) and len(event.citations) == len(event.sources) and all(
        c.quote for c in event.citations)
    return Standing(official, len(reputable) >= 2, weak, quoted)


def read_refused(raw: "Raw") -> tuple[Refused, ...]:
    """The refused publishers of the folder (none where it has no ``refused.yaml``)."""
    from blocmap.core.loader import LineDict, Reader, list_of_maps, read_yaml

    path = raw.folder / REFUSED_FILE
    if not path.is_file():
        return ()
    data = read_yaml(path, raw)
    reader = Reader(raw, REFUSED_FILE)
    found = []
    for node in list_of_maps(reader, data, "what.refused"):
        if not isinstance(node, LineDict):
            continue
        domain = reader.text(node, "domain", required=True)
        reason = reader.langs(node, "reason", required=True)
        if domain and reason:
            found.append(Refused(domain, {k: str(v) for k, v in reason.items() if v}))
    return tuple(found)


def check_evidence(raw: "Raw") -> None:
    """Problems of the evidence standard: a source from a refused publisher (where it is listed and
    where it is cited), a URL that is not a web address or a DOI, and a status change that rests on
    encyclopedias alone without saying, in ``evidence_gap``, what is out of reach.  Every status
    change below the standard is listed by ``evidence_quality`` (``blocmap check`` prints them)."""
    refused = read_refused(raw)
    bad: dict[str, Refused] = {}
    for key, source in raw.sources.items():
        line = raw.source_lines.get(key)
        if source.url and urlparse(source.url).scheme.lower() not in SCHEMES:
            raw.problems.append(Problem.of("sources.yaml", line, "data.url_scheme", key=key,
                                           scheme=urlparse(source.url).scheme or "?"))
        for rule in refused:
            if rule.matches(source.url) or rule.matches(source.seen_at):
                bad[key] = rule
                raw.problems.append(Problem.of("sources.yaml", line, "data.refused_source", key=key,
                                               domain=rule.domain))
                break
    for key, file, line, what in raw.source_refs:
        if key in bad:
            raw.problems.append(Problem.of(file, line, "data.cites_refused", key=key, domain=bad[key].domain))
    for event in raw.events:
        if any(k not in raw.sources for k in event.sources):
            continue  # an unknown key is its own problem
        if event.status is not None and event.evidence_gap is None and standing(event, raw.sources).weak:
            raw.problems.append(Problem.of(event.file, event.line, "data.weak_evidence",
                                           keys=", ".join(dict.fromkeys(event.sources))))


def evidence_quality(events: list[Event], sources: Mapping[str, Source]) -> dict[str, Any]:
    """The standard over one organization's status changes: shares (0-1) and those below it."""
    changes = [e for e in events if e.status is not None]
    found = [(e, standing(e, sources)) for e in changes]
    total = len(found)

    def share(n: int) -> float:
        return round(n / total, 3) if total else 1.0

    return {"status_changes": total,
            "meets_standard": share(sum(s.meets for _, s in found)),
            "official_status": share(sum(s.official for _, s in found)),
            "quoted": share(sum(s.quoted for _, s in found)),
            "below_standard": [f"{e.file}:{e.line}" for e, s in found if not s.meets]}
