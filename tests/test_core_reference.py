"""The curated data covers every event of the sourced reference (or says in a comment why not)."""

from __future__ import annotations

import csv

from pathlib import Path

from blocmap.core.loader import BUNDLED

REFERENCE = Path(__file__).parent / "fixtures" / "reference" / "eurasia-events.csv"


def test_every_reference_event_is_in_the_data(atlas):
    rows = list(csv.DictReader(REFERENCE.open(encoding="utf-8")))
    assert len(rows) > 250
    ours = {(e.org, e.state or "", str(e.date), e.kind) for e in atlas.events}
    left_out = "\n".join(p.read_text(encoding="utf-8") for p in (BUNDLED / "orgs").glob("*.yaml"))
    missing = []
    for row in rows:
        key = (row["org_id"], row["state_iso3"], row["date"], row["event"])
        if key not in ours and f"# Left out: {','.join(key)} — " not in left_out:
            missing.append(key)
    assert missing == []


def test_reference_disagreements_are_disputes(atlas):
    ids = {d.id for d in atlas.disputes}
    for wanted in ["kgz-eaeu-accession", "uzb-csto-ratification", "ukr-cis-2018", "eaeu-court-term",
                   "geo-cis-joined", "uzb-cst-1999", "uzb-csto-2012", "mda-eaeu-observer", "csto-founded"]:
        assert wanted in ids
    for dispute in atlas.disputes:
        for claim in dispute.claims:
            assert claim.sources or claim.note
            assert all(key in atlas.sources for key in claim.sources)


def test_sources_cite_canonical_pages(atlas):
    """A mirror is kept as `seen_at`; the cited address is the canonical page."""
    mirrors = ("en-academic.com", "liquisearch.com", "mdtujn.blogspot", "pages.dev", "cloudfront.net",
               "blogen.wiki", "kxcdn.com")
    for source in atlas.sources.values():
        if source.url:
            assert not any(m in source.url for m in mirrors), source.key
