"""The film itself and the story's territorial logic."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from coprod.model.consents import Release
from coprod.model.types import Base, Country, Language, PositiveInt, Text, described


class FilmFormat(StrEnum):
    """What kind of work the film is; treaty points tables differ by format."""

    FICTION = "fiction"
    DOCUMENTARY = "documentary"
    ANIMATION = "animation"
    SERIES = "series"


class Film(Base):
    """Titles, format, running time, languages, logline, and why the story belongs in each country."""

    title: Text = described("Working title in the language of the agreement.")
    original_title: Text | None = described("Title in the original language, if different.", default=None)
    format: FilmFormat = described("fiction, documentary, animation or series.")
    first_release: Release | None = described(
        "Intended first release: theatrical, television or online. Treaties that set different limits "
        "for cinema and for television or on-demand works read it; when it is left out, a series counts "
        "as television and any other format as theatrical.", default=None)
    running_time_minutes: PositiveInt = described("Planned running time in minutes (per episode for series).")
    episodes: PositiveInt | None = described("Number of episodes; series only.", default=None)
    languages: list[Language] = described("Original languages, ISO 639-1, main language first.", min_length=1)
    logline: Text = described("One or two sentences on what the film is about.")
    synopsis: Text | None = described("A longer synopsis, for applications.", default=None)
    set_in: list[Country] = described(
        "Countries where the story is set (ISO 3166-1); compared with the territorial logic.",
        default_factory=list)
    territorial_logic: dict[Country, Text] = Field(
        description="For each co-producing country, why the story belongs there.", min_length=1)

    @property
    def release(self) -> Release:
        """The intended first release; when not given, television for a series and theatrical otherwise."""
        if self.first_release is not None:
            return self.first_release
        return Release.TELEVISION if self.format is FilmFormat.SERIES else Release.THEATRICAL
