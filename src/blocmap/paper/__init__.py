"""Reproduce the seed paper: membership tables from events, their comparison with the paper, timelines."""

from .tables import items, table, wording
from .seed import compare, paper_table, paper_tables

__all__ = ["items", "table", "wording", "compare", "paper_table", "paper_tables"]
