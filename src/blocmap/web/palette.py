"""One colour per organization, everywhere in the web atlas: the Euler diagram, the zones
table under it, the timelines, the compare page and the map's focus.

The post-Soviet five get the Okabe–Ito colours (safe for colour-blind readers) in the order
of ``blocmap.core.model.POST_SOVIET``; the other organizations get the rest of Okabe–Ito, then
Paul Tol's "muted" scheme (also designed for colour-blind readers).  Seventeen organizations
cannot all be told apart by colour alone, so every use of a colour is labelled too; the sets
that are drawn together (the five of the diagram) are always distinct.

Templates get ``org_colour`` and the ``org-c-<id>`` classes of ``/palette.css``; the home
page script gets the mapping in its page data; the Euler diagram is drawn with it
(``hooks.euler_svg`` passes it to ``figures.api.euler_svg(colours=...)``).
"""

from __future__ import annotations

from collections.abc import Iterable

#: Okabe & Ito (2008), with the figures' substitutes for yellow and black.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#555555")
#: Paul Tol's muted qualitative scheme.
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")

#: The organizations in the order they take colours: the five of the diagram first.
ORDER = ("cis", "csto", "eaeu", "customs_union", "union_state", "eurasec", "guam", "sco",
         "cst", "cmea", "warsaw_pact", "eu", "nato", "caco", "ces", "eap", "ots")
COLOURS = OKABE_ITO + TOL_MUTED
ORG_COLOURS: dict[str, str] = {org: COLOURS[i % len(COLOURS)] for i, org in enumerate(ORDER)}
FALLBACK = "#555555"


def org_colour(org: str) -> str:
    """The colour of an organization (a grey for one not in the table, e.g. an imported one)."""
    return ORG_COLOURS.get(org, FALLBACK)


def colours_of(orgs: Iterable[str]) -> dict[str, str]:
    return {o: org_colour(o) for o in orgs}


def css(orgs: Iterable[str]) -> str:
    """``/palette.css``: a class per organization setting ``--org`` (the stylesheet uses it)."""
    rules = [f".org-c-{o} {{ --org: {org_colour(o)}; }}" for o in dict.fromkeys([*ORDER, *orgs])]
    return "/* generated from blocmap.web.palette.ORG_COLOURS */\n" + "\n".join(rules) + "\n"
