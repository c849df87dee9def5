"""Every user-visible output, byte for byte, against files kept from before the package redesign (issue 13).

The bundled set's outputs are kept whole in tests/golden/unchanged/; the generated 10,000-claim set's
(1,000 sources) as SHA-256 digests, since they are megabytes. Each case runs the real command in a
copy of the claim set outside git, with SOURCE_DATE_EPOCH fixed, so the report's date and the claim
set's revision (a digest of its files) are the same on every machine.

A change that alters an output on purpose regenerates these with
`CLAIMCHECK_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_outputs_unchanged.py` and says why
in its commit message.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "unchanged"
REGEN = os.environ.get("CLAIMCHECK_REGEN_GOLDEN") == "1"
REPORTS = ("html", "md", "json", "csv", "sqlite")


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    env.update(SOURCE_DATE_EPOCH="1767225600", CLAIMCHECK_CACHE_DIR=str(cache), NO_COLOR="1",
               COLUMNS="100", LC_ALL="C.UTF-8")
    return env


def _claimcheck(cwd: Path, cache: Path, *args: str) -> bytes:
    done = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, env=_env(cache),
                          capture_output=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
    return done.stdout


def _sqlite_text(path: Path) -> bytes:
    """The database as SQL text: the file's bytes carry page layout that says nothing a user sees."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump()).encode()
    finally:
        con.close()


def _outputs(workdir: Path, cache: Path, articles: list[str]) -> dict[str, bytes]:
    """Name -> bytes of every output the redesign must keep: conflicts, check and each report format."""
    out = {
        "conflicts.txt": _claimcheck(workdir, cache, "conflicts", "--claims", "claims"),
        "conflicts.json": _claimcheck(workdir, cache, "conflicts", "--claims", "claims", "--format", "json"),
    }
    for article in articles:
        stem = Path(article).stem
        out[f"check-{stem}.txt"] = _claimcheck(workdir, cache, "check", article, "--claims", "claims")
        out[f"check-{stem}.json"] = _claimcheck(workdir, cache, "check", article, "--claims", "claims",
                                                "--format", "json")
    for fmt in REPORTS:
        target = workdir / f"report.{fmt}"
        _claimcheck(workdir, cache, "report", "--claims", "claims", "-o", str(target), "--title", "golden")
        out[f"report.{fmt}"] = _sqlite_text(target) if fmt == "sqlite" else target.read_bytes()
        target.unlink()
    return out


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> dict[str, bytes]:
    work = tmp_path_factory.mktemp("bundled")
    shutil.copytree(ROOT / "claims", work / "claims")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    articles = [f"seeds/{p.name}" for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return _outputs(work, tmp_path_factory.mktemp("cache"), articles)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, bytes]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    work = tmp_path_factory.mktemp("set10k")
    generate(work, sources=1000, claims_per_source=10, seed=13)
    articles = [f"articles/{p.name}" for p in sorted((work / "articles").glob("*"))[:3]]
    return _outputs(work, tmp_path_factory.mktemp("cache"), articles)


def _names() -> list[str]:
    if REGEN or not (GOLDEN / "bundled").is_dir():
        return ["(regenerate)"]
    return sorted(p.name for p in (GOLDEN / "bundled").iterdir())


@pytest.mark.parametrize("name", _names())
def test_bundled_output_unchanged(bundled, name):
    if REGEN:
        shutil.rmtree(GOLDEN / "bundled", ignore_errors=True)
        (GOLDEN / "bundled").mkdir(parents=True)
        for key, data in bundled.items():
            (GOLDEN / "bundled" / key).write_bytes(data)
        pytest.skip("golden files regenerated")
    assert sorted(bundled) == _names()
    assert bundled[name] == (GOLDEN / "bundled" / name).read_bytes()


def test_generated_set_outputs_unchanged(generated):
    digests = {k: hashlib.sha256(v).hexdigest() for k, v in sorted(generated.items())}
    kept = GOLDEN / "set10k.sha256.json"
    if REGEN:
        kept.write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
        pytest.skip("digests regenerated")
    assert len(generated["conflicts.json"]) > 100_000  # the set is really the large one
    assert digests == json.loads(kept.read_text(encoding="utf-8"))
