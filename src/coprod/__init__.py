"""coprod: compile an international film co-production deal into checked draft documents."""

__version__ = "0.1.0"
