"""Dependencies point one way: every import in every module of the apps is one the table allows.

The README's architecture section draws the same table. The project package's settings and
root URLconf (in frivillig/) name the feature apps as strings, which are no imports.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# app -> the apps its modules may import (besides itself, Django and the libraries).
ALLOWED = {
    # The outbox and the scheduled jobs serve the core and know nothing of it.
    "frivillig": {"frivillig.outbox", "frivillig.jobs"},
    "frivillig.outbox": set(),
    "frivillig.jobs": set(),
    "frivillig.identity": {"frivillig"},
    "foreninger": {"frivillig", "frivillig.jobs"},
    "frivillig.arrangementer": {"foreninger", "frivillig"},
    "foreninger.frivilligjob": {"foreninger", "frivillig"},
    "puljer": {"foreninger", "frivillig", "frivillig.jobs"},
    "puljer.assessment": {"puljer", "foreninger", "frivillig", "frivillig.jobs"},
    "puljer.payments": {"puljer", "frivillig", "frivillig.jobs"},
    "folgegruppe": {"foreninger", "frivillig", "frivillig.arrangementer"},
}


def app_of(module):
    """The app a dotted module name belongs to (the longest app name it starts with), or None."""
    matches = [app for app in ALLOWED if module == app or module.startswith(f"{app}.")]
    return max(matches, key=len, default=None)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(name, source, *, is_package=False):
    """Every module an import statement in the source names, relative imports resolved."""
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from frivillig import arrangementer` imports a module named by the alias.
            yield from (f"{base}.{alias.name}" for alias in node.names)


def forbidden_imports(name, source, *, is_package=False):
    importer = app_of(name)
    return [
        module
        for module in imported_modules(name, source, is_package=is_package)
        if app_of(module) not in (None, importer, *ALLOWED[importer])
    ]


def app_modules():
    top_level = {app.partition(".")[0] for app in ALLOWED}
    return sorted(path for top in top_level for path in (ROOT / top).rglob("*.py"))


def test_every_app_on_disk_is_in_the_table():
    apps = {
        module_name(path.parent / "__init__.py") for path in app_modules() if path.name == "apps.py"
    }
    assert apps <= set(ALLOWED)


def test_the_check_finds_an_import_against_the_table():
    source = (
        "from django.db import models\n"
        "from . import selectors\n"
        "from .arrangementer import models\n"
        "from foreninger.models import Association\n"
    )
    assert forbidden_imports("frivillig.views", source) == [
        "frivillig.arrangementer.models",
        "foreninger.models.Association",
    ]
    assert forbidden_imports("foreninger.services", "from .frivilligjob import services") == [
        "foreninger.frivilligjob.services"
    ]
    assert forbidden_imports("folgegruppe", "from puljer import models", is_package=True) == [
        "puljer.models"
    ]


def test_every_import_between_apps_is_allowed():
    forbidden = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in app_modules()
        for module in forbidden_imports(
            module_name(path),
            path.read_text(encoding="utf-8"),
            is_package=path.name == "__init__.py",
        )
    ]
    assert forbidden == []
