"""The package's shape, as a newcomer would check it: the library never reaches into the CLI,
no module outgrows its room, and module and function names never collide."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import i18n

PACKAGE = Path(i18n.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_importing_the_library_imports_nothing_from_the_cli() -> None:
    probe = "import i18n, sys; print(sorted(m for m in sys.modules if m.startswith('i18n.cli')))"
    printed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == "[]"


def test_only_the_cli_imports_typer_or_rich() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in MODULES
        if path.parent.name != "cli" and _imports(path) & {"typer", "rich", "click"}
    ]
    assert offenders == []


def test_no_module_is_over_400_lines() -> None:
    sizes = {str(p.relative_to(PACKAGE)): p.read_text().count("\n") for p in MODULES}
    assert {name: n for name, n in sizes.items() if n > 400} == {}


def test_every_subpackage_says_what_it_does_and_ships_types() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init} has no docstring"
    assert (PACKAGE / "py.typed").is_file()


def test_module_and_function_names_never_collide() -> None:
    import i18n.checks

    assert callable(i18n.check) and callable(i18n.check_paths)
    assert type(i18n.checks).__name__ == "module"
    public = set(i18n.__all__)
    submodules = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    submodules |= {p.stem for p in PACKAGE.glob("*.py")}
    assert public & submodules == set()


def test_markdown_it_rules_go_through_the_public_ruler_api() -> None:
    private = [
        str(p) for p in MODULES if "__rules__" in p.read_text() or "__cache__" in p.read_text()
    ]
    assert private == []
