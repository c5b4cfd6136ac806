"""The within-message rules of iJw 3.2 for JW305/JW307 (ijw.md §6.1), without the XSDs.

:func:`check_message` judges one message on its own: the restrictions on values (RS…),
the constraints and technical rules of the official XSLT (CS…, TR…) and the code
lists (rule = the code list's name: JZ020, JZ588, COD046, COD170). ``NAME`` (lengths of
the name parts), ``NUMBER`` (ToewijzingNummer) and ``STRUCT`` (:mod:`.reader`) repeat XSD
restrictions that have no rule number of their own, so they hold without the schema files
too. A message with any finding that is not a warning is rejected with retour code 0001
(ijw.md §5). The cross-message rules need the database and run on import
(``basishulp.ijw.services``).

Every rule has a failing and a passing test in ``tests/ijw/test_rules.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

from basishulp.trajecten.domain.csvfile import is_bsn

from .codes import BERICHT_CODES, COD046_GENDER, COD170_DATE_USE, JZ020_CATEGORIES, JZ588_REASONS, STATUS_ALLOWED
from .messages import Issue, Message, Product, parse_date

__all__ = ["RULES", "check_message"]

_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_DATE_TEXT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")
#: the character class of the XSD's LDT_Voorletters
_VOORLETTERS = re.compile("[a-zA-Z\u00c0-\u1ef3]{1,6}")
#: LDT_Nummer: an xs:integer from 0 to 999999999
_NUMMER = re.compile(r"\+?0*[0-9]{1,9}|-0+")

#: rule -> what it checks (the documentation and the tests use this list)
RULES: dict[str, str] = {
    "RS047": "BerichtCode is 438 (JW305) or 440 (JW307)",
    "CS025": "BerichtVersie is 3",
    "CS015": "BerichtSubversie is 2",
    "RS036": "Afzender is an AGB code of 8 digits",
    "RS035": "Ontvanger is a gemeentecode of 4 digits",
    "RS017": "Identificatie has 1 to 12 characters, not only spaces",
    "RS048": "the XSD versions have the form n.n.n",
    "RS032": "every date is YYYY-MM-DD, an existing date without a time zone",
    "RS015": "Bsn has 9 digits",
    "CS002": "Bsn passes the 11-proef (000000000 is not a BSN)",
    "COD170": "DatumGebruik is 1, 2 or 3",
    "CS139": "DatumGebruik fits the Geboortedatum (1: day 01; 2: 1 January; 3: 1900-01-01)",
    "TR002": "Geboortedatum is at most 120 years before the Dagtekening",
    "COD046": "Geslacht is 0, 1 or 2",
    "NAME": "Achternaam and Voornamen have 1 to 200 characters, Voorvoegsel 1 to 10, not only spaces; "
    "Voorletters 1 to 6 letters",
    "NUMBER": "ToewijzingNummer is a whole number from 0 to 999999999",
    "JZ020": "Product/Categorie is in the JZ020 list; Product/Code has 1 to 5 characters",
    "CS058": "StatusAanlevering is 1 (eerste aanlevering) or 3 (verwijderen)",
    "JZ588": "RedenBeeindiging is in the JZ588 list",
    "TR134": "Begindatum (JW305), Einddatum (JW307) and Geboortedatum are not after the Dagtekening",
    "TR018": "Einddatum is not before Begindatum",
    "TR101": "no product occurs twice in one message",
    "TR135": "the Dagtekening is not in the future",
}


def _date(value: str | None, path: str, name: str) -> Iterator[Issue]:
    if value is None:
        return
    if not _DATE_TEXT.match(value):
        yield Issue("RS032", path, f"{name} {value!r} is not a date of the form YYYY-MM-DD (no time zone)")
    elif parse_date(value) is None:
        yield Issue("RS032", path, f"{name} {value!r} is not an existing date")


def _header(m: Message) -> Iterator[Issue]:
    h = "/Bericht/Header"
    if m.bericht_code is not None and m.bericht_code != BERICHT_CODES[m.kind]:
        yield Issue(
            "RS047", f"{h}/BerichtCode", f"BerichtCode {m.bericht_code!r} is not {BERICHT_CODES[m.kind]} ({m.kind})"
        )
    if m.versie is not None and m.versie != "3":
        yield Issue("CS025", f"{h}/BerichtVersie", f"BerichtVersie {m.versie!r} is not 3 (iJw 3.2)")
    if m.subversie is not None and m.subversie != "2":
        yield Issue("CS015", f"{h}/BerichtSubversie", f"BerichtSubversie {m.subversie!r} is not 2 (iJw 3.2)")
    if m.afzender is not None and not re.fullmatch(r"[0-9]{8}", m.afzender):
        yield Issue("RS036", f"{h}/Afzender", f"Afzender {m.afzender!r} is not an AGB code of 8 digits")
    if m.ontvanger is not None and not re.fullmatch(r"[0-9]{4}", m.ontvanger):
        yield Issue("RS035", f"{h}/Ontvanger", f"Ontvanger {m.ontvanger!r} is not a gemeentecode of 4 digits")
    ident = m.identificatie
    if ident is not None and not (1 <= len(ident) <= 12 and ident.strip()):
        yield Issue("RS017", f"{h}/BerichtIdentificatie/Identificatie", "Identificatie must have 1 to 12 characters")
    for name, value in (("BasisschemaXsdVersie", m.basisschema_xsd_versie), ("BerichtXsdVersie", m.bericht_xsd_versie)):
        if value is not None and not _VERSION.match(value):
            yield Issue("RS048", f"{h}/XsdVersie/{name}", f"{name} {value!r} is not a version n.n.n")
    yield from _date(m.dagtekening, f"{h}/BerichtIdentificatie/Dagtekening", "Dagtekening")


def _client(m: Message) -> Iterator[Issue]:
    c = "/Bericht/Client"
    if m.bsn is not None:
        if not re.fullmatch(r"[0-9]{9}", m.bsn):
            yield Issue("RS015", f"{c}/Bsn", "Bsn must be 9 digits")
        elif not is_bsn(m.bsn):
            yield Issue("CS002", f"{c}/Bsn", f"{m.bsn} does not pass the 11-proef, so it is not a BSN")
    yield from _date(m.geboortedatum, f"{c}/Geboortedatum/Datum", "Geboortedatum")
    born, use = parse_date(m.geboortedatum), m.datum_gebruik
    if use is not None and use not in COD170_DATE_USE:
        yield Issue("COD170", f"{c}/Geboortedatum/DatumGebruik", f"DatumGebruik {use!r} is not 1, 2 or 3")
    elif use is not None and born is not None:
        fits = {"1": born.day == 1, "2": (born.month, born.day) == (1, 1), "3": born == dt.date(1900, 1, 1)}[use]
        if not fits:
            want = {"1": "day 01", "2": "1 January", "3": "1900-01-01"}[use]
            yield Issue("CS139", f"{c}/Geboortedatum", f"DatumGebruik {use} asks for a Geboortedatum with {want}")
    if m.geslacht is not None and m.geslacht not in COD046_GENDER:
        yield Issue("COD046", f"{c}/Geslacht", f"Geslacht {m.geslacht!r} is not 0, 1 or 2 (COD046)")
    for name, value, path, longest in (
        ("Achternaam", m.achternaam, "Geslachtsnaam/Achternaam", 200),
        ("Voorvoegsel", m.voorvoegsel, "Geslachtsnaam/Voorvoegsel", 10),
        ("Voornamen", m.voornamen, "Voornamen", 200),
    ):
        if value is not None and (not 1 <= len(value) <= longest or not value.strip()):
            yield Issue("NAME", f"{c}/Naam/{path}", f"{name} must have 1 to {longest} characters, not only spaces")
    if m.voorletters is not None and not _VOORLETTERS.fullmatch(m.voorletters):
        yield Issue("NAME", f"{c}/Naam/Voorletters", "Voorletters are 1 to 6 letters, without dots or spaces")


def _dates_before_dagtekening(m: Message) -> Iterator[Issue]:
    sent = m.date
    if sent is None:
        return
    born = parse_date(m.geboortedatum)
    if born is not None:
        if born > sent:
            yield Issue("TR134", "/Bericht/Client/Geboortedatum/Datum", "Geboortedatum is after the Dagtekening")
        elif born < _years_before(sent, 120) and not (m.datum_gebruik == "3" and born == dt.date(1900, 1, 1)):
            yield Issue(
                "TR002",
                "/Bericht/Client/Geboortedatum/Datum",
                "Geboortedatum is more than 120 years before the Dagtekening",
            )
    for p in m.products:
        checked, name = (p.begin, "Begindatum") if m.is_start else (p.end, "Einddatum")
        if checked is not None and checked > sent:
            yield Issue(
                "TR134", f"{p.path}/{name}", f"{name} {checked.isoformat()} is after the Dagtekening {sent.isoformat()}"
            )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _product(m: Message, p: Product) -> Iterator[Issue]:
    if p.toewijzing_nummer is not None and not _NUMMER.fullmatch(p.toewijzing_nummer):
        yield Issue(
            "NUMBER",
            f"{p.path}/ToewijzingNummer",
            f"ToewijzingNummer {p.toewijzing_nummer!r} is not a whole number from 0 to 999999999",
        )
    if p.categorie is not None and p.categorie not in JZ020_CATEGORIES:
        yield Issue("JZ020", f"{p.path}/Product/Categorie", f"Categorie {p.categorie!r} is not in the JZ020 list")
    if p.code is not None and not 1 <= len(p.code) <= 5:
        yield Issue("JZ020", f"{p.path}/Product/Code", f"Code {p.code!r} must have 1 to 5 characters")
    yield from _date(p.toewijzing_ingangsdatum, f"{p.path}/ToewijzingIngangsdatum", "ToewijzingIngangsdatum")
    yield from _date(p.begindatum, f"{p.path}/Begindatum", "Begindatum")
    if p.status is not None and p.status not in STATUS_ALLOWED:
        yield Issue(
            "CS058", f"{p.path}/StatusAanlevering", f"StatusAanlevering {p.status!r} is not allowed here: only 1 or 3"
        )
    if m.is_start:
        return
    if p.reden is not None and p.reden not in JZ588_REASONS:
        yield Issue(
            "JZ588",
            f"{p.path}/RedenBeeindiging",
            f"RedenBeeindiging {p.reden!r} is not in the JZ588 list (02, 20, 31-39)",
        )
    yield from _date(p.einddatum, f"{p.path}/Einddatum", "Einddatum")
    if p.begin is not None and p.end is not None and p.end < p.begin:
        yield Issue("TR018", f"{p.path}/Einddatum", f"Einddatum {p.einddatum} is before Begindatum {p.begindatum}")


def _duplicates(m: Message) -> Iterator[Issue]:
    seen: dict[tuple[str | None, ...], int] = {}
    for p in m.products:
        key: tuple[str | None, ...] = (p.toewijzing_nummer, p.categorie, p.code, p.begindatum)
        if not m.is_start:
            key += (p.reden, p.einddatum)
        if key in seen:
            yield Issue("TR101", p.path, f"{m.product_element} {p.index} repeats {m.product_element} {seen[key]}")
        else:
            seen[key] = p.index


def _taakgericht(m: Message) -> Iterator[Issue]:
    for p in m.products:
        if p.toewijzing_nummer is not None:
            yield Issue(
                "TR019",
                f"{p.path}/ToewijzingNummer",
                "taakgericht: there is no toewijzing, so the ToewijzingNummer is not used (kept out of the key)",
                warning=True,
            )
        if p.categorie is None:
            yield Issue(
                "IV096",
                p.path,
                "taakgericht: the key is Product + Begindatum; without a Product only the Begindatum "
                "identifies the delivery",
                warning=True,
            )


def check_message(message: Message, today: dt.date | None = None) -> list[Issue]:
    """Every within-message finding for ``message``; ``today`` for TR135 (default: today)."""
    checks: tuple[Callable[[Message], Iterator[Issue]], ...] = (
        _header,
        _client,
        _dates_before_dagtekening,
        _duplicates,
        _taakgericht,
    )
    issues = [issue for check in checks for issue in check(message)]
    for p in message.products:
        issues.extend(_product(message, p))
    sent = message.date
    if sent is not None and sent > (today or dt.datetime.now(tz=_AMSTERDAM).date()):
        issues.append(
            Issue(
                "TR135",
                "/Bericht/Header/BerichtIdentificatie/Dagtekening",
                f"Dagtekening {sent.isoformat()} is in the future",
            )
        )
    return issues
