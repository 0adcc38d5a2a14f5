"""The Swedish interface is complete: every UI text in the code has a Swedish translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORED = shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "node_modules", "*.mo", "bench", "tests")


def _catalogues(base: Path):
    return sorted(p for p in base.glob("**/locale/sv/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def _incomplete(path: Path) -> list[str]:
    po = polib.pofile(str(path))
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def test_every_catalogue_is_fully_translated():
    catalogues = _catalogues(ROOT)
    assert catalogues, "no Swedish catalogues found"
    problems = {str(p.relative_to(ROOT)): _incomplete(p) for p in catalogues}
    assert not any(problems.values()), problems


def test_no_ui_text_is_missing_from_the_catalogues(tmp_path):
    """Re-extract every message (as `make messages` does) in a copy and check nothing new appears."""
    if not shutil.which("xgettext"):
        if os.environ.get("RHS_REQUIRE_SERVICES") == "1":
            pytest.fail("GNU gettext (xgettext) is needed: apt-get install gettext")
        pytest.skip("GNU gettext (xgettext) not installed")
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    env = {**os.environ, "RHS_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "rhs_portal.settings.base"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "--ignore=static/*"],
        cwd=copy, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    problems = {str(p.relative_to(copy)): _incomplete(p) for p in _catalogues(copy)}
    assert not any(problems.values()), f"untranslated UI texts (run `make messages` and translate): {problems}"
