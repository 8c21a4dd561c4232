"""Who makes the film: co-producing companies, key creatives, and where the work is done."""

from __future__ import annotations

from enum import StrEnum

from coprod.model.types import Base, Country, Flag, Identifier, Percent, PositiveInt, Text, described


class PartnerRole(StrEnum):
    """A co-producer's position in the deal."""

    MAJORITY = "majority"
    MINORITY = "minority"
    FINANCIAL = "financial"  # financial-only participation: money without creative contribution


class Signatory(Base):
    """The person who signs for a partner."""

    name: Text = described("Full name.")
    title: Text = described("Position, as it should appear under the signature.")
    email: Text | None = described("E-mail address for notices under the agreement, sent for the "
                                   "signatory's attention.", default=None)


class Partner(Base):
    """A co-producing company."""

    id: Identifier = described("Short id used everywhere else in the file, e.g. 'aurora'.")
    company: Text = described("Registered company name.")
    country: Country = described("Country of establishment (ISO 3166-1).")
    registration: Text = described("Company registration number, with the register's name.")
    address: Text = described("Registered address.")
    role: PartnerRole = described("majority, minority or financial (financial-only).")
    delegate_producer: Flag = described("True for the partner that runs the production day to day.",
                                        default=False)
    share: Percent = described("Participation, per cent of the budget; shares add up to 100.")
    signatory: Signatory = described("Who signs the agreement for this partner.")
    track_record: Text | None = described("Credits that show the partner is a qualified producer.",
                                          default=None)
    region: Identifier | None = described(
        "Where the country's competent authority is regional, the partner's region as the framework file "
        "names it (Belgium: french-community, flemish-community or german-speaking-community).", default=None)


class CreativeRole(StrEnum):
    """Key creative and technical roles, as points tables count them."""

    DIRECTOR = "director"
    SCREENWRITER = "screenwriter"
    COMPOSER = "composer"
    CAST = "cast"
    CINEMATOGRAPHER = "cinematographer"
    SOUND = "sound"
    EDITOR = "editor"
    PRODUCTION_DESIGNER = "production_designer"
    COSTUME_DESIGNER = "costume_designer"
    ANIMATION_DIRECTOR = "animation_director"


class KeyCreative(Base):
    """A key creative or technician; nationality counts for points tables and creative proportionality."""

    role: CreativeRole = described("The role; one person may appear once per role.")
    name: Text = described("Full name.")
    nationality: Country = described("Nationality (ISO 3166-1).")
    residence: Country | None = described("Country of residence, where a framework counts residents.",
                                          default=None)
    shooting_days: PositiveInt | None = described(
        "Cast only: shooting days, which rank the first, second and third roles.", default=None)
    character: Text | None = described("Cast only: the character played.", default=None)


class Locations(Base):
    """Where the work is done; points tables award points by country."""

    shooting: list[Country] = described("Countries of principal photography, main one first.",
                                        min_length=1)
    studio: Country | None = described("Country of the studio, if any; otherwise the main shooting country.",
                                       default=None)
    vfx: Country | None = described("Country where VFX/CGI work is done, if any.", default=None)
    post_production: Country = described("Country of post-production.")

    @property
    def studio_or_shooting(self) -> Country:
        """The country that earns the 'studio or shooting location' point."""
        return self.studio or self.shooting[0]
