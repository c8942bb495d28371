"""Which content a citizen can act on: the one rule every list, the finder and search share."""

from __future__ import annotations

from .repository import Entry

CITIZEN_KIND = "aktivitet"
# Not offered to citizens: ended, or no source says whether it still runs.
HIDDEN_STATUSES = {"afsluttet", "uafklaret"}


def can_join(entry: Entry) -> bool:
    """Whether a citizen can take part: an activity that has not ended."""
    return entry.model.type == CITIZEN_KIND and entry.model.status not in HIDDEN_STATUSES
