"""How iJw start/stop messages map to trajectories and back (documented in docs/ijw.md).

- **Client**: the BSN becomes the client's keyed pseudonym (``trajecten.bsn``); the BSN
  itself is stored only encrypted on the client, never on the trajectory.
- **Municipality**: the Ontvanger (CBS gemeentecode ``0917``) is municipality ``GM0917``.
- **Care unit**: the care unit whose AGB code is the Afzender.
- **Quadrant**: product category 31 (wijk- of buurtteam) or a care unit that is an area
  team is K2; every other category is K3 (outsourced care). K1 (voorliggend veld) has
  no iJw messages. On export K2 is written as category 31 and K3 as 45 (Jeugdhulp
  ambulant), unless the delivery came in with its own product.
- **End**: the latest stop that is not withdrawn gives end date and JZ588 reason
  (20 = temporary, which ends the trajectory like any code: data-formats.md §1).
- **Trajectory id**: ``IJW-`` and 24 hex digits of a SHA-256 over the delivery key, with
  the client's pseudonym (not the BSN), so the same delivery always gets the same id.
"""

from __future__ import annotations

import datetime as dt
import hashlib

__all__ = [
    "AREA_TEAM_CATEGORY",
    "DEFAULT_CATEGORY",
    "category_for",
    "gemeentecode",
    "municipality_code",
    "quadrant_for",
    "trajectory_id_for",
]

AREA_TEAM_CATEGORY = "31"
DEFAULT_CATEGORY = "45"


def municipality_code(ontvanger: str) -> str:
    return f"GM{ontvanger}"


def gemeentecode(municipality_code: str) -> str | None:
    """``GM0917`` → ``0917``; ``None`` for a code that is not ``GM`` and four digits."""
    if len(municipality_code) == 6 and municipality_code.startswith("GM") and municipality_code[2:].isdigit():
        return municipality_code[2:]
    return None


def quadrant_for(categorie: str | None, area_team: bool) -> str:
    return "K2" if area_team or categorie == AREA_TEAM_CATEGORY else "K3"


def category_for(quadrant: str) -> str:
    return AREA_TEAM_CATEGORY if quadrant == "K2" else DEFAULT_CATEGORY


def trajectory_id_for(
    afzender: str, ontvanger: str, pseudonym: str, categorie: str, code: str, begindatum: dt.date
) -> str:
    key = "|".join((afzender, ontvanger, pseudonym, categorie, code, begindatum.isoformat()))
    return "IJW-" + hashlib.sha256(key.encode()).hexdigest()[:24].upper()
