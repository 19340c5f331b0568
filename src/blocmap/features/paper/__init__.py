"""Reproduce the seed paper: membership tables from events, their comparison with the paper, timelines."""

from blocmap.features.paper.tables import items, table, wording
from blocmap.features.paper.seed import compare, paper_table, paper_tables

__all__ = ["items", "table", "wording", "compare", "paper_table", "paper_tables"]
