"""The audit: every state-year where COW's code differs from the code blocmap's dated,
sourced events give under the stated rule, with those events and their sources beside it.

Both sides are state-year panels in COW coding over COW's universe and years: COW's side
from the imported spells (with COW's own existence years), ours from the curated spells
(with the curated founding and dissolution dates).  Nothing is compared where the state or
year lies outside COW's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from blocmap.core.errors import QueryError
from blocmap.core.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DEFAULT_ORGS = ("cis", "csto", "eurasec")
CODE_TEXT = {-9: "unknown", -1: "not in existence", 0: "none", 1: "full", 2: "associate",
             3: "observer"}


@dataclass
class AuditResult:
    rows: "pd.DataFrame"         # one row per differing state-year
    compared: int                # state-years compared
    agree: int
    related: int                 # state-years where either side has a relation (code 1–3)
    related_agree: int
    rule: str
    orgs: tuple[str, ...]

    @property
    def rate(self) -> float:
        return self.agree / self.compared if self.compared else 1.0

    @property
    def related_rate(self) -> float:
        return self.related_agree / self.related if self.related else 1.0

    def summary(self, lang: str = "en") -> str:
        return t("audit.summary", lang).format(
            agree=self.agree, compared=self.compared, rate=f"{self.rate:.1%}", related_agree=self.related_agree,
            related=self.related, related_rate=f"{self.related_rate:.1%}", differ=len(self.rows),
            orgs=", ".join(self.orgs), rule=self.rule, rule_text=t(f"rule.{self.rule}", lang))


def audit_cow(world: Any, orgs: Sequence[str] | None = None, rule: str = "year-end") -> AuditResult:
    """Compare COW's coding with the curated atlas for organizations in both."""
    import numpy as np
    import pandas as pd

    if world.curated is None:
        raise QueryError.of("err.audit.no_atlas")
    if world.coverage is None:
        raise QueryError.of("err.audit.no_store")
    ids = [world.org(o, "orgs") for o in (orgs or DEFAULT_ORGS)]
    for org in ids:
        if world.data_of(org) != "curated" or org not in world.cow_orgs:
            both = sorted(o for o in world.cow_orgs if world.data_of(o) == "curated")
            raise QueryError.of("err.audit.not_both", "orgs", org=org, both=list(both))
    first, last = world.coverage
    cow = world.state_years(ids, first, last, rule=rule, source="cow")
    ours = world.state_years(ids, first, last, rule=rule)
    states = world.state_years(ids, first, last, rule=rule, coding="status")
    a, b = cow[ids].to_numpy(), ours[ids].to_numpy()
    compared = (a != -1) | (b != -1)  # at least one side says the organization existed
    agree = compared & (a == b)
    related = compared & (np.isin(a, (1, 2, 3)) | np.isin(b, (1, 2, 3)))
    rows = []
    spells = {org: world.curated.spells_of(org) for org in ids}
    for r, c in np.argwhere(compared & (a != b)):
        org, ccode, year = ids[c], int(cow.ccode.iat[r]), int(cow.year.iat[r])
        events = [s for s in spells[org] if s.ccode == ccode]
        rows.append({
            "org": org, "cow_id": world.cow_orgs[org]["cow_id"], "ccode": ccode,
            "state": world.iso3(ccode) or "", "name": world.state_name(ccode), "year": year,
            "cow": int(a[r, c]), "ours": int(b[r, c]), "our_status": states[org].iat[r],
            "cow_text": CODE_TEXT[int(a[r, c])], "ours_text": CODE_TEXT[int(b[r, c])],
            "our_events": "; ".join(f"{s.status} {s.start}–{s.end or ''}" for s in events) or "none",
            "sources": "; ".join(dict.fromkeys(src for s in events for src in s.sources)),
        })
    frame = pd.DataFrame(rows, columns=[
        "org", "cow_id", "ccode", "state", "name", "year", "cow", "ours", "our_status",
        "cow_text", "ours_text", "our_events", "sources"])
    frame = frame.sort_values(["org", "ccode", "year"], ignore_index=True)
    return AuditResult(frame, int(compared.sum()), int(agree.sum()), int(related.sum()),
                       int((related & agree).sum()), rule, tuple(ids))


def for_reader(rows: list[dict[str, Any]], lang: str, name_of: Any = None) -> list[dict[str, Any]]:
    """The audit's table rows with COW's codes, statuses, spells and (through ``name_of``, a
    state's code to its name) names in the reader's language."""
    def spell(text: str) -> str:
        status, _, span = text.partition(" ")
        return f"{t('status.' + status, lang)} {span}"

    return [{**r, "name": name_of(r["state"]) if name_of and r.get("state") else r["name"], "cow_text": t(f"cow_code.{r['cow']}", lang), "ours_text": t(f"cow_code.{r['ours']}", lang),
             "our_status": t(f"status.{r['our_status']}", lang) if r.get("our_status") else "",
             "our_events": "; ".join(spell(s) for s in r["our_events"].split("; ")) if r["our_events"] != "none"
             else t("status.none", lang)} for r in rows]


def spans(frame: "pd.DataFrame") -> "pd.DataFrame":
    """Differences folded into runs of consecutive years (one line per org, state and kind)."""
    import pandas as pd

    if frame.empty:
        return frame.assign(years="")
    key = ["org", "ccode", "cow", "ours"]
    frame = frame.sort_values(key + ["year"])
    run = (frame.year.diff() != 1) | (frame[key].shift() != frame[key]).any(axis=1)
    frame = frame.assign(run=run.cumsum())
    out = frame.groupby("run", as_index=False).agg(
        org=("org", "first"), state=("state", "first"), name=("name", "first"),
        first=("year", "min"), last=("year", "max"), cow=("cow", "first"), ours=("ours", "first"),
        cow_text=("cow_text", "first"),
        ours_text=("ours_text", "first"), our_status=("our_status", "first"),
        our_events=("our_events", "first"), sources=("sources", "first"))
    out["years"] = [f"{a}" if a == b else f"{a}–{b}" for a, b in zip(out["first"], out["last"])]
    return pd.DataFrame(out.drop(columns=["run"]))
