"""The upload form for iJw start and stop messages (JW305/JW307, issue #6).

Accepted: one or more ``.xml`` files, and ZIP files holding ``.xml`` files (folders in
the ZIP are allowed, the ``__MACOSX/`` entries a Mac adds are ignored). Bounded: at
most :data:`MAX_FILES` message files and :data:`MAX_BYTES` in total, counted both as
uploaded and as unpacked. Anything else refuses the whole upload with a message that
names the file, so nothing is imported from an upload that was not what the user meant.
Whether each message is valid is judged afterwards, per file, by the import service.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

__all__ = ["MAX_BYTES", "MAX_FILES", "MessagesForm", "UploadedMessage"]

#: At most this many message files in one upload (separate files plus ZIP entries).
MAX_FILES = 500
#: At most this many bytes in one upload, as uploaded and as unpacked.
MAX_BYTES = 20 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)

_ZIP_ENCRYPTED = 0x1  # general purpose bit 0 of a ZIP entry


@dataclass(frozen=True)
class UploadedMessage:
    """One message file of the upload: the name shown to the user (``x.zip/y.xml`` for a
    ZIP entry) and its bytes."""

    name: str
    data: bytes


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files; ``clean`` returns a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xml,.zip,text/xml,application/xml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _name(upload: UploadedFile) -> str:
    return PurePosixPath((upload.name or "").replace("\\", "/")).name or "upload"


def _too_many() -> ValidationError:
    return ValidationError(
        _("The upload holds more than %(files)d message files. Upload fewer files at a time.") % {"files": MAX_FILES},
        code="too_many",
    )


def _too_large() -> ValidationError:
    return ValidationError(
        _("The upload is larger than %(mb)d MB, as uploaded or unpacked. Upload fewer files at a time.")
        % {"mb": MAX_MB},
        code="too_large",
    )


class MessagesForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("iJw messages (XML or ZIP)"),
        allow_empty_file=True,  # an empty file is refused below, with its name
        error_messages={"required": gettext_lazy("Choose one or more XML files, or a ZIP file of XML files.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "Start (JW305) and stop (JW307) messages: one or more XML files, or a ZIP file of XML files; "
            "at most %(files)d files and %(mb)d MB in total. Each message is imported completely or not at all."
        ) % {"files": MAX_FILES, "mb": MAX_MB}

    def clean_files(self) -> list[UploadedMessage]:
        uploads: list[UploadedFile] = self.cleaned_data["files"]
        if sum(u.size or 0 for u in uploads) > MAX_BYTES:
            raise _too_large()
        found: list[UploadedMessage] = []
        problems: list[str] = []
        for upload in uploads:
            name = _name(upload)
            lower = name.lower()
            if lower.endswith(".xml"):
                data = upload.read()
                if data:
                    found.append(UploadedMessage(name, data))
                else:
                    problems.append(_("%(name)s is empty.") % {"name": name})
            elif lower.endswith(".zip"):
                found.extend(_unpack(upload, name, problems, len(found), MAX_BYTES - sum(len(m.data) for m in found)))
            else:
                problems.append(
                    _("%(name)s is not an XML file or a ZIP file: only .xml and .zip files are accepted.")
                    % {"name": name}
                )
            if len(found) > MAX_FILES:
                raise _too_many()
        if problems:
            raise ValidationError(problems, code="refused")
        return found


def _unpack(upload: UploadedFile, name: str, problems: list[str], taken: int, budget: int) -> list[UploadedMessage]:
    """The XML files in the ZIP ``upload``; what cannot be taken goes to ``problems``.
    ``taken`` files and ``MAX_BYTES - budget`` bytes are in the upload already; no more
    than ``budget`` bytes are unpacked (a ZIP bomb stops there)."""
    found: list[UploadedMessage] = []
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = [e for e in archive.infolist() if not e.is_dir() and not e.filename.startswith("__MACOSX/")]
            if not entries:
                problems.append(_("%(name)s holds no XML files.") % {"name": name})
            if taken + len(entries) > MAX_FILES:
                raise _too_many()
            if sum(e.file_size for e in entries) > budget:
                raise _too_large()
            for entry in entries:
                shown = f"{name}/{entry.filename}"
                if not entry.filename.lower().endswith(".xml"):
                    problems.append(
                        _("%(name)s is not an XML file: a ZIP file may hold XML files only.") % {"name": shown}
                    )
                elif entry.flag_bits & _ZIP_ENCRYPTED:
                    problems.append(_("%(name)s is encrypted.") % {"name": shown})
                else:
                    with archive.open(entry) as source:
                        data = source.read(budget + 1)  # the stated size may lie
                    budget -= len(data)
                    if budget < 0:
                        raise _too_large()
                    if data:
                        found.append(UploadedMessage(shown, data))
                    else:
                        problems.append(_("%(name)s is empty.") % {"name": shown})
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error):
        problems.append(_("%(name)s is not a readable ZIP file.") % {"name": name})
        return []
    return found
