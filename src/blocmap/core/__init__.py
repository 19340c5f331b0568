"""The core: records, loading and validating the curated data, the spell timeline, the
atlas, and the imported COW store (``core.world``).  Imports nothing above it."""
