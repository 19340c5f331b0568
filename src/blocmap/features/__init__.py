"""Features built on the answers: economics, organs and depth, the paper's tables and
charts, figures, the report, the audit of COW against the curated events."""
