"""The scan of every response served to a municipality user in the test run (issue #5).

``tests/conftest.py`` wraps Django's request handler for the whole session (test client
and live server alike). Every response to a user with the municipality role is checked
while the request's database is still there:

- **no client-level field**: no client pseudonym, trajectory id or request reference of
  the database, no nine-digit number that passes the 11-proef, no link to a request or
  to the access log, and in JSON no key that names a client field;
- **no unsuppressed small cell**: every published count (``<data class="count">`` in
  HTML, ``{"kind": "count"}`` in JSON) is ``<8`` or a multiple of 5 of at least 10, and
  no cell of the figures' tables shows a bare whole number outside such a marker.

A refused request (403, 404, a redirect) is scanned too, without the path the user
asked for: a page that names the address typed in discloses nothing new.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

CLIENT_KEYS = frozenset(
    {
        "pseudonym",
        "bsn",
        "client",
        "client_id",
        "reference",
        "question",
        "family_plan",
        "contact_person",
        "trajectory_id",
    }
)
LINKS = ("/hulpvragen/", "/toegangslog/", "/verwijzer/")
NINE_DIGITS = re.compile(r"(?<![\d.,])\d{9}(?![\d.,])")
DATA_COUNT = re.compile(r'<data class="count( suppressed)?" value="([^"]*)">([^<]*)</data>')
TD = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
FIGURE_TABLE = re.compile(r'<table[^>]*id="m-[^"]*"[^>]*>(.*?)</table>', re.S)  # the municipality's figures
WORD_RUN = re.compile(r"[\w-]+")
BARE_WHOLE = re.compile(r"^[+-]?\d{1,3}(?:[.,\u202f\xa0]\d{3})*$")


DOCUMENT_TYPES = frozenset({"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})


def document_text(content: bytes, content_type: str) -> str:
    """The text of a PDF (pdftotext, Debian's poppler-utils) or of an Excel workbook
    (every cell value), to scan like a page."""
    if content_type == "application/pdf":
        import subprocess

        done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
        return done.stdout.decode("utf-8", "replace")
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
    )


def elfproef(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True)) - int(number[8])
    return total % 11 == 0 and number != "000000000"


def _known_identifiers() -> set[str]:
    from basishulp.toeleiding.models import HelpRequest
    from basishulp.trajecten.models import Client, Trajectory

    ids = set(Client.objects.values_list("pseudonym", flat=True))
    ids |= set(Trajectory.objects.values_list("trajectory_id", flat=True))
    ids |= set(HelpRequest.objects.values_list("reference", flat=True))
    return {i for i in ids if len(i) >= 4}


def _check_count(value: Any, where: str, problems: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, int) or value % 5 or value < 10:
        problems.append(f"unsuppressed or unrounded count {value!r} at {where}")


def _walk_json(node: Any, path: str, problems: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).lower() in CLIENT_KEYS:
                problems.append(f"client field {key!r} at {path}")
            _walk_json(value, f"{path}.{key}", problems)
        if node.get("kind") == "count":
            _check_count(node.get("value"), path, problems)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk_json(value, f"{path}[{i}]", problems)


def scan(body: str, content_type: str) -> list[str]:
    """Problems in one response body served to a municipality user."""
    problems: list[str] = []
    identifiers = _known_identifiers()
    # An identifier of word characters and hyphens only occurs in the body (with no word
    # character or hyphen on either side) exactly when it is one of the body's maximal
    # runs of such characters: a set lookup instead of a regex search per identifier.
    runs = set(WORD_RUN.findall(body))
    for identifier in identifiers:
        if WORD_RUN.fullmatch(identifier):
            found = identifier in runs
        else:
            found = re.search(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", body) is not None
        if found:
            problems.append(f"client identifier {identifier!r}")
    for number in NINE_DIGITS.findall(body):
        if elfproef(number):
            problems.append(f"a BSN-like number {number}")
    for link in LINKS:
        if link in body:
            problems.append(f"a link to {link}")
    if "json" in content_type:
        try:
            _walk_json(json.loads(body), "$", problems)
        except ValueError:
            problems.append("a JSON response that does not parse")
        return problems
    for suppressed, value, text in DATA_COUNT.findall(body):
        if suppressed:
            if text != "&lt;8":
                problems.append(f"a suppressed cell showing {text!r}")
        else:
            _check_count(int(value) if value.isdigit() else value, f"<data value={value!r}>", problems)
    cells = [cell for table in FIGURE_TABLE.findall(body) for cell in TD.findall(table)]
    for cell in cells:
        if "<data" in cell:
            continue
        text = re.sub(r"<[^>]+>", "", cell).strip()
        if BARE_WHOLE.match(text) and text not in {"0"}:
            problems.append(f"a bare number {text!r} in a table cell")
    return problems


@dataclass
class Recorder:
    """What the wrapped handler saw during one test."""

    active: bool = False
    served: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    def record(self, request: Any, response: Any) -> None:
        if not self.active:
            return
        from basishulp.accounts.models import Role
        from basishulp.accounts.selectors import role_of

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or role_of(user) != Role.MUNICIPALITY:
            return
        if getattr(response, "streaming", False):
            return
        content_type = response.get("Content-Type", "")
        if content_type in DOCUMENT_TYPES and response.status_code == 200:
            # a report (issue #8): its text is scanned like a page's
            self.served += 1
            for problem in scan(document_text(response.content, content_type), "text/plain"):
                self.problems.append((request.get_full_path(), problem))
            return
        if not any(kind in content_type for kind in ("html", "json", "text", "openapi", "yaml")):
            self.problems.append((request.path, f"a {content_type} file served to a municipality user"))
            return
        self.served += 1
        body = response.content.decode("utf-8", "replace")
        if response.status_code != 200:
            for echoed in sorted({request.get_full_path(), request.path}, key=len, reverse=True):
                body = body.replace(echoed, "").replace(quote(echoed), "")
        for problem in scan(body, content_type):
            self.problems.append((request.get_full_path(), problem))


RECORDER = Recorder()
