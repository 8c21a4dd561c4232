"""Consents and approvals of the competent authorities on record, and the film's intended first release.

A treaty often lets the authorities depart from a rule (a share in an exceptional band, a participant
from outside the parties, a points score below the threshold). Once they have, the project file records it
here, and the check turns the warning that asked for it into a note that cites it.
"""

from __future__ import annotations

from enum import StrEnum

from coprod.model.types import Base, Country, IsoDate, Text, described


class ConsentKind(StrEnum):
    """What the authority gave: its consent to a departure, or its discretionary approval."""

    CONSENT = "consent"
    DISCRETIONARY = "discretionary"


class Consent(Base):
    """One consent or approval of a competent authority, as its letter or decision records it."""

    authority: Text = described("The authority that gave it, e.g. Telefilm Canada.")
    country: Country = described("The authority's country (ISO 3166-1), a co-producing country.")
    date: IsoDate = described("Date of the consent or decision (YYYY-MM-DD).")
    reference: Text = described("The letter's or decision's reference, so counsel can find it.")
    consented_to: Text = described("What was consented to, in the authority's words or close to them.")
    kind: ConsentKind = described(
        "consent (a departure the treaty allows with the authorities' consent) or discretionary (an "
        "approval the authorities may give at their discretion, e.g. below the points threshold).",
        default=ConsentKind.CONSENT)
    rules: list[Text] = described(
        "Ids of the framework rules it answers, as coprod check names them (e.g. CA-FR-14FR). A rule that "
        "needs the consent of every co-producing country's authority is met once each has one on record.",
        min_length=1)


class Release(StrEnum):
    """Where the work is first released; some treaties set different limits for each."""

    THEATRICAL = "theatrical"
    TELEVISION = "television"
    ONLINE = "online"
