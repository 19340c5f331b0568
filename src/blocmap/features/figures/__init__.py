"""Figures: Euler diagrams, UpSet plots, maps and networks of memberships.

Each module takes plain inputs (sets of ids, translated labels) and returns a drawing or a
layout; ``adapter`` builds those inputs from the atlas.  Heavy libraries (matplotlib,
shapely, ortools) are imported inside functions so ``blocmap`` starts fast.
"""
