"""blocmap's version, at the bottom of the layers so that any module can name it without
importing the package's front door (``blocmap.__version__`` re-exports it; pyproject.toml says
the same)."""

__version__ = "0.1.0"
