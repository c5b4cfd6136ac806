"""Excel export and import of the yearly finance figures (openpyxl).

One workbook, one sheet per kind of figure: budget lines, index values and
statements. The first row holds the (Dutch) column names; the import finds columns
by name, so their order does not matter and extra columns are ignored. The import is
all-or-nothing: every cell is checked first and every problem is reported with the
file, sheet, row and column; only a file without problems is saved, in one
transaction. A row is identified by its key (e.g. municipality + year + kind), so
importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import models, transaction

from basishulp.trajecten.domain.reference import HLV_CODES, municipality_code, municipality_name
from basishulp.trajecten.models import Municipality

from .domain.money import MoneyError, parse_decimal
from .models import BudgetLine, IndexSeries, IndexValue, Statement

__all__ = ["SHEETS", "ExcelImportError", "ImportResult", "SheetError", "export_workbook", "import_workbook"]

HLV = "HLV"


@dataclass(frozen=True)
class SheetError:
    file: str
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file, f"sheet {self.sheet!r}" if self.sheet else ""]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return ", ".join(w for w in where if w) + f": {self.message}"


class ExcelImportError(Exception):
    def __init__(self, errors: list[SheetError]):
        self.errors = errors
        first = str(errors[0]) if errors else "invalid workbook"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        super().__init__(first + more)


class _CellError(ValueError):
    pass


# -- cell readers -------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _required_text(value: Any) -> str:
    text = _text(value)
    if not text:
        raise _CellError("is required but empty")
    return text


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise _CellError(f"{value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    if text.isdigit():
        return int(text)
    raise _CellError(f"{text or 'empty'!r} is not a whole number" if text else "is required but empty")


def _year(value: Any) -> int:
    year = _int(value)
    if not 2000 <= year <= 2100:
        raise _CellError(f"year {year} is outside 2000-2100")
    return year


def _decimal(value: Any) -> Decimal:
    if value is None or _text(value) == "":
        raise _CellError("is required but empty")
    if isinstance(value, bool):
        raise _CellError(f"{value!r} is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return parse_decimal(_text(value), "value")
    except MoneyError:
        raise _CellError(f"{_text(value)!r} is not a number (use digits with a decimal point)") from None


def _bounded(places: int) -> Callable[[Any], Decimal]:
    def read(value: Any) -> Decimal:
        number = _decimal(value)
        if abs(number) >= 10**12:
            raise _CellError(f"{number} is too large")
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            raise _CellError(f"{number} has more than {places} decimals (the decimal separator is a point)")
        return number

    return read


_money = _bounded(2)
_index_value = _bounded(5)


def _optional_index_value(value: Any) -> Decimal | None:
    return None if value is None or _text(value) == "" else _index_value(value)


def _optional_decimal(value: Any) -> Decimal | None:
    return None if value is None or _text(value) == "" else _decimal(value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("ja", "yes", "true", "1", "definitief"):
        return True
    if text in ("", "nee", "no", "false", "0", "voorlopig"):
        return False
    raise _CellError(f"{text!r}: use ja or nee")


def _date(value: Any) -> dt.date | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        raise _CellError(f"{_text(value)!r} is not a date (use YYYY-MM-DD)") from None


def _municipality(value: Any) -> Municipality | None:
    text = _required_text(value)
    if text.upper() == HLV:
        return None
    code = municipality_code(text)
    if code is None:
        raise _CellError(f"unknown municipality {text!r}: use a name, a CBS code GMnnnn or HLV")
    found = Municipality.objects.filter(code=code).first()
    if found is None:
        raise _CellError(f"municipality {code} is not in the reference data")
    return found


def _choice(choices: type[models.TextChoices]) -> Callable[[Any], str]:
    values = {str(c.value): str(c.value) for c in choices}
    labels = {str(c.label).lower(): str(c.value) for c in choices}

    def read(value: Any) -> str:
        text = _required_text(value)
        found = values.get(text) or labels.get(text.lower())
        if found is None:
            raise _CellError(f"unknown value {text!r}: use one of {', '.join(values)}")
        return found

    return read


def _series(value: Any) -> IndexSeries:
    name = _required_text(value)
    series = IndexSeries.objects.filter(name=name).first()
    if series is None:
        raise _CellError(f"unknown index series {name!r}: add the series first")
    return series


# -- sheet specifications -------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    read: Callable[[Any], Any]
    write: Callable[[Any], Any] = lambda v: v
    required: bool = True


def _write_municipality(m: Municipality | None) -> str:
    return HLV if m is None else municipality_name(m.code)


def _write_decimal(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Sheet:
    title: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    sort: Callable[[Any], Any]


_MONEY = {"read": _money, "write": _write_decimal}


def _code(m: Municipality | None) -> tuple[int, str]:
    """Sort key: Heerlen, Landgraaf, Voerendaal, other municipalities by code, HLV rows last."""
    if m is None:
        return (2, "")
    return (0, str(HLV_CODES.index(m.code))) if m.code in HLV_CODES else (1, m.code)


_STATEMENT_MONEY = (
    ("inkomsten", "income"),
    ("voorliggend veld", "voorliggend_veld"),
    ("gebiedsteams", "gebiedsteams"),
    ("specialistische zorg", "specialistische_zorg"),
    ("pgb", "pgb"),
    ("overige initiatieven", "overige_initiatieven"),
    ("overhead", "overhead"),
    ("organisatiekosten", "organisatiekosten"),
    ("meerkosten bijdrage", "meerkosten_bijdrage"),
)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Budgetregels",
        BudgetLine,
        (
            Column("jaar", "year", _year),
            Column("gemeente", "municipality", _municipality, _write_municipality),
            Column("soort", "kind", _choice(BudgetLine.Kind)),
            Column("bedrag", "amount", **_MONEY),  # type: ignore[arg-type]
            Column("bron", "source", _text, required=False),
            Column("toelichting", "note", _text, required=False),
        ),
        key=("municipality", "year", "kind"),
        sort=lambda o: (o.year, list(BudgetLine.Kind.values).index(o.kind), _code(o.municipality)),
    ),
    Sheet(
        "Indexwaarden",
        IndexValue,
        (
            Column("reeks", "series", _series, lambda s: s.name),
            Column("jaar", "year", _year),
            Column("waarde", "value", _optional_index_value, _write_decimal, required=False),
            Column("definitief", "definitive", _bool, lambda b: "ja" if b else "nee", required=False),
            Column("gepubliceerd", "published", _date, required=False),
            Column("OVA", "ova", _optional_decimal, _write_decimal, required=False),
            Column("PPC", "ppc", _optional_decimal, _write_decimal, required=False),
            Column("bron", "source", _text, required=False),
        ),
        key=("series", "year", "definitive"),
        sort=lambda o: (o.series.name, o.year, o.definitive),
    ),
    Sheet(
        "Staten",
        Statement,
        (
            Column("jaar", "year", _year),
            Column("halfjaar", "half", _int, required=False),
            Column("soort", "kind", _choice(Statement.Kind)),
            Column("gemeente", "municipality", _municipality, _write_municipality),
            *(Column(h, f, **_MONEY) for h, f in _STATEMENT_MONEY),  # type: ignore[arg-type]
            Column("bron", "source", _text, required=False),
        ),
        key=("municipality", "year", "half", "kind"),
        sort=lambda o: (o.year, o.half, o.kind, _code(o.municipality)),
    ),
)


# -- export -----------------------------------------------------------------------------


def export_workbook(target: str | Path | IO[bytes]) -> dict[str, int]:
    """Write every sheet; returns the number of rows per sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    counts = {}
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        rows = sorted(sheet.model.objects.all(), key=sheet.sort)  # type: ignore[attr-defined]
        n = 0
        for obj in rows:
            ws.append([c.write(getattr(obj, c.field)) for c in sheet.columns])
            n += 1
        for i, column in enumerate(sheet.columns, start=1):
            letter = ws.cell(row=1, column=i).column_letter
            ws.column_dimensions[letter].width = max(12, len(column.header) + 4)
            if column.read in (_money, _optional_index_value):
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = "#,##0.00" if sheet.title == "Indexwaarden" else "#,##0"
        ws.freeze_panes = "A2"
        counts[sheet.title] = n
    book.save(target)  # type: ignore[arg-type]
    return counts


# -- import -----------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sheets: dict[str, int] = field(default_factory=dict)


def _read_rows(sheet: Sheet, ws: Any, filename: str, errors: list[SheetError]) -> list[tuple[int, dict[str, Any]]]:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return []
    names = [_text(h).lower() for h in header]
    index: dict[str, int] = {}
    for column in sheet.columns:
        if column.header.lower() in names:
            index[column.field] = names.index(column.header.lower())
        elif column.required:
            errors.append(SheetError(filename, sheet.title, 1, column.header, "column is missing"))
    if any(e.sheet == sheet.title and e.row == 1 for e in errors):
        return []
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, values in enumerate(rows, start=2):
        if values is None or all(_text(v) == "" for v in values):
            continue
        data: dict[str, Any] = {}
        ok = True
        for column in sheet.columns:
            if column.field not in index:
                continue
            raw = values[index[column.field]] if index[column.field] < len(values) else None
            try:
                data[column.field] = column.read(raw)
            except _CellError as exc:
                errors.append(SheetError(filename, sheet.title, number, column.header, str(exc)))
                ok = False
        if not ok:
            continue
        if sheet.model is IndexValue:
            candidate = IndexValue(**{k: v for k, v in data.items() if k in ("series", "value", "ova", "ppc")})
            try:
                candidate.clean()
            except ValidationError as exc:
                for message in exc.message_dict.get("value", []):
                    errors.append(SheetError(filename, sheet.title, number, "waarde", str(message)))
                continue
            data["value"] = candidate.value
        if sheet.model is Statement:
            data.setdefault("half", 0)
            if data["half"] not in (0, 1, 2):
                errors.append(SheetError(filename, sheet.title, number, "halfjaar", "use 0 (whole year), 1 or 2"))
                continue
        key = tuple(data.get(k) for k in sheet.key)
        key_ids = tuple(getattr(v, "pk", v) for v in key)
        if key_ids in seen:
            errors.append(
                SheetError(filename, sheet.title, number, None, f"the same figure as row {seen[key_ids]} (same key)")
            )
            continue
        seen[key_ids] = number
        parsed.append((number, data))
    return parsed


def import_workbook(source: str | Path | IO[bytes], filename: str | None = None, user: Any = None) -> ImportResult:
    """Check the whole workbook, then save it in one transaction; raises
    :class:`ExcelImportError` listing every problem (nothing is saved then)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = filename or str(source)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ExcelImportError([SheetError(name, "", None, None, f"not an Excel workbook (.xlsx): {exc}")]) from None
    errors: list[SheetError] = []
    work: list[tuple[Sheet, list[tuple[int, dict[str, Any]]]]] = []
    known = {s.title.lower(): s for s in SHEETS}
    titles = [t for t in book.sheetnames if t.lower() in known]
    if not titles:
        expected = ", ".join(s.title for s in SHEETS)
        raise ExcelImportError([SheetError(name, "", None, None, f"no known sheet; expected one of: {expected}")])
    for title in titles:
        sheet = known[title.lower()]
        work.append((sheet, _read_rows(sheet, book[title], name, errors)))
    book.close()
    if errors:
        raise ExcelImportError(errors)
    result = ImportResult()
    with transaction.atomic():
        for sheet, rows in work:
            result.sheets[sheet.title] = len(rows)
            for _number, data in rows:
                _save(sheet, data, result, user, name)
    return result


def _save(sheet: Sheet, data: dict[str, Any], result: ImportResult, user: Any, filename: str) -> None:
    from .models import FigureChange
    from .services import record_change, snapshot

    lookup = {k: data[k] for k in sheet.key}
    values = {k: v for k, v in data.items() if k not in sheet.key}
    manager = sheet.model.objects  # type: ignore[attr-defined]
    existing = manager.filter(**lookup).first()
    excel = FigureChange.Via.EXCEL
    if existing is None:
        created = manager.create(**lookup, **values)
        record_change(created, FigureChange.Action.CREATED, None, user, excel, Path(filename).name)
        result.created += 1
        return
    changed = [k for k, v in values.items() if getattr(existing, k) != v]
    if not changed:
        result.unchanged += 1
        return
    before = snapshot(existing)
    for k in changed:
        setattr(existing, k, values[k])
    existing.save(update_fields=changed)
    record_change(existing, FigureChange.Action.UPDATED, before, user, excel, Path(filename).name)
    result.updated += 1
