"""The project file's model: pydantic classes, frozen and strict, and the value types they use."""

from coprod.model.consistency import Inconsistency, check_consistency
from coprod.model.project import FORMAT_VERSION, Project, Structure

__all__ = ["FORMAT_VERSION", "Inconsistency", "Project", "Structure", "check_consistency"]
