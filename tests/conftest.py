"""Shared test configuration. Sub-packages keep their own fixtures in their conftest."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basishulp.conf.ci")
