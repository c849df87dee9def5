"""The rules of the house, read from the code's own imports: stages import only stages below them,
nothing imports in a circle, the core never imports the speed machinery, and start-up stays lazy.

Stages, lowest first: errors and model; values and changing; claimset; compare; check; output;
report; speed (caches, worker processes, collector control, hard exits); api; cli. A lazy import
inside a function counts as much as one at the top; an import under `if TYPE_CHECKING:` does not.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "src" / "claimcheck"
RANK = {"errors": 0, "model": 0, "values": 1, "changing": 1, "claimset": 2, "compare": 3, "check": 4,
        "output": 5, "report": 6, "speed": 7, "api": 8, "cli": 9, "__main__": 10}
CORE = {"errors", "model", "values", "changing", "claimset", "compare", "check"}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in PKG.rglob("*.py")}


def _imports(module: str) -> set[str]:
    """The claimcheck modules `module` imports, anywhere in it (type-checking imports aside)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
                   for n in ast.walk(node)}
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1] + [node.module or ""]).strip(".") \
                if node.level else node.module or ""
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m in MODULES and m != module}


GRAPH = {m: _imports(m) for m in MODULES}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_the_layout_is_what_the_design_says():
    stages = {_stage(m) for m in MODULES} - {None}
    assert stages == set(RANK), "a new package or top-level module needs its place in RANK and docs/design.md"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _stage(m)))
def test_no_module_imports_a_stage_above_its_own(module):
    up = sorted(t for t in GRAPH[module] if _stage(t) and RANK[_stage(t)] > RANK[_stage(module)])
    assert up == [], f"{module} imports {up}"


def test_the_core_never_imports_the_speed_machinery_or_the_command_line():
    for module in (m for m in MODULES if _stage(m) in CORE):
        assert not {t for t in GRAPH[module] if _stage(t) in ("speed", "api", "cli", "output", "report")}, module


def test_nothing_imports_in_a_circle():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                circles.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert circles == []


def test_modules_stay_readable_or_say_why_not():
    long = []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if text.count("\n") > 500 and "Over 500 lines" not in doc:
            long.append(module)
    assert long == [], "split these, or say at the top why they are one module ('Over 500 lines ...')"


def test_start_up_imports_nothing_heavy():
    code = ("import sys; import claimcheck, claimcheck.values, claimcheck.claimset, claimcheck.check, "
            "claimcheck.output, claimcheck.speed, claimcheck.cli; "
            "print(sorted(m for m in ('rich', 'pydantic', 'rapidfuzz', 'yaml', 'simplemma', 'typer') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['rapidfuzz']"  # the value comparers are the values package itself


def test_the_speed_machinery_lives_in_speed_only():
    machinery = re.compile(r"\bgc\.\w+\(|os\._exit\(|posix_fadvise|\bmultiprocessing\b|concurrent\.futures|\bpickle\b")
    found = sorted(m for m, p in MODULES.items() if _stage(m) != "speed" and machinery.search(p.read_text(encoding="utf-8")))
    assert found == [], "collector control, processes, pickles, read-ahead and hard exits belong in speed/"
