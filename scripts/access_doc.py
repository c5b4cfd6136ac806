"""Write the access table into docs/access.md between its markers (make access-doc)."""

import os
import re
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basishulp.conf.ci")

import django

django.setup()

from basishulp.accounts.access import access_markdown  # noqa: E402

doc = Path(__file__).resolve().parents[1] / "docs" / "access.md"
text = doc.read_text(encoding="utf-8")
start, end = "<!-- access-table:start -->", "<!-- access-table:end -->"
new = re.sub(f"{re.escape(start)}.*?{re.escape(end)}", f"{start}\n{access_markdown()}{end}", text, flags=re.S)
doc.write_text(new, encoding="utf-8")
print(f"wrote {doc}")
