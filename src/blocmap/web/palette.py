"""One colour per organization, everywhere in the web atlas: the Euler diagram, the zones
table under it, the timelines, the compare page and the map's focus.

The post-Soviet five get the Okabe–Ito colours (safe for colour-blind readers) in the order
of ``blocmap.core.model.POST_SOVIET``; the other organizations get the rest of Okabe–Ito, then
Paul Tol's "muted" scheme (also designed for colour-blind readers); each darkened where it
was too light to read on the page (``ORG_COLOURS``).  Seventeen organizations
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
         "cst", "cmea", "warsaw_pact", "eu", "nato", "caco", "ces", "eap", "ots",
         "coe", "osce", "bsec", "eco", "cis_fta", "pfp", "shanghai_five", "customs_union_1995")
#: The colours, from those schemes in ``ORDER``, darkened (same hue) where they were too light
#: to read: the five of the diagram name their sets in their colour, so they keep 4.5:1 on
#: white like any text; every other colour marks (swatches, bars, the map's frame) and keeps
#: 3:1 on the sea and on white (``tests/test_web_contrast.py``).  Two light colours that would
#: have darkened into the same blue take other hues: CMEA red, CACO violet; GUAM a darker brown
#: than the Union State's ochre.
ORG_COLOURS: dict[str, str] = {
    "cis": "#0072B2", "csto": "#C15500", "eaeu": "#008460", "customs_union": "#B8478A", "union_state": "#9A6A00",
    "eurasec": "#2A8BC4", "guam": "#6B5A2A", "sco": "#555555", "cst": "#332288", "cmea": "#B8312F",
    "warsaw_pact": "#3A8F81", "eu": "#117733", "nato": "#7F7F2B", "caco": "#7D62AE", "ces": "#C44D61",
    "eap": "#882255", "ots": "#AA4499",
    # the organizations added later: dark hues between those above, each 3:1 on the sea and on white
    "coe": "#264D99", "osce": "#6D4C7D", "bsec": "#1D7A8C", "eco": "#8A5A00", "cis_fta": "#4F6D2F",
    "pfp": "#8E4B5E", "shanghai_five": "#4A4A8A", "customs_union_1995": "#A0522D",
}
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
