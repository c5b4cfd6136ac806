"""Fixtures for the iJw tests: the XSD directory outside the repository (the schemas
may not be committed: ../shared/standards/ijw-3.2/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Where CI and developers keep the iJw 3.2 schemas: ../shared/standards/ijw-3.2 from the project root.
XSD_DIR = Path(
    os.environ.get("BASISHULP_IJW_XSD_DIR") or Path(__file__).resolve().parents[2].parent / "shared/standards/ijw-3.2"
)
EXAMPLES = XSD_DIR / "examples"


@pytest.fixture
def xsd_dir() -> Path:
    if not (XSD_DIR / "JW305.xsd").exists():
        pytest.skip(f"the iJw 3.2 schemas are not at {XSD_DIR} (set BASISHULP_IJW_XSD_DIR)")
    return XSD_DIR
