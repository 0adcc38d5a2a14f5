"""House rules the code must keep: views don't touch models directly; apps depend one way."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["population", "invitations", "notifications", "scheduling", "responses", "citizen", "rhs_portal", "questionnaire",
        "halsokurva", "visits"]


def _view_modules():
    for app in APPS:
        base = ROOT / app
        for path in [base / "views.py", *sorted((base / "views").glob("*.py"))]:
            if path.exists():
                yield path
    yield ROOT / "rhs_portal" / "accounts.py"


@pytest.mark.parametrize("path", list(_view_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_do_not_use_model_managers(path):
    """Views read through selectors and write through services (scoping lives there)."""
    tree = ast.parse(path.read_text())
    offenders = [
        f"line {node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "objects"
        and not (isinstance(node.value, ast.Name) and node.value.id == "TOTPDevice")
    ]
    assert not offenders, f"{path.name} uses Model.objects at {offenders}"


def _imports(app: str) -> set[str]:
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


OUR_APPS = {"population", "invitations", "responses", "reminders", "questionnaire", "halsokurva", "visits", "reporting", "retention",
            "scheduling", "notifications", "citizen"}
ALLOWED = {
    "population": set(),
    "notifications": set(),
    "scheduling": {"population"},
    "invitations": {"population", "notifications", "scheduling"},
    "questionnaire": {"population"},
    # visits holds the visit of a participation (invitations) and sends the pre-visit reminder (notifications).
    "visits": {"questionnaire", "halsokurva", "population", "invitations", "notifications"},
    # responses registers its lab results as a source of the visit page (visits.lab_sources).
    "responses": {"invitations", "notifications", "scheduling", "population", "questionnaire", "visits"},
    "reminders": {"invitations", "responses", "questionnaire", "notifications", "population", "scheduling"},
}


@pytest.mark.parametrize("app", sorted(a for a in ALLOWED if (ROOT / a).exists()))
def test_apps_depend_one_way(app):
    used = (_imports(app) & OUR_APPS) - {app}
    assert used <= ALLOWED[app], f"{app} imports {sorted(used - ALLOWED[app])}"


def _halsokurva_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_scoring_core_is_pure_python():
    """scoring.py and render.py, and every halsokurva module they import, use no Django and no other app."""
    base = ROOT / "halsokurva"
    if not (base / "scoring.py").exists():
        pytest.skip("halsokurva not built yet")
    todo, seen, modules = ["scoring", "render"], set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for module in _halsokurva_imports(base / f"{name}.py"):
            modules.add(module.split(".")[0])
            if module.startswith("halsokurva."):
                todo.append(module.split(".")[1])
    assert {"scoring", "render", "table", "inputs"} <= seen
    assert not modules & ({"django"} | OUR_APPS - {"halsokurva"}), (sorted(seen), modules)
