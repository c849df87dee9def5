"""Shared fixtures: the repository's bundled claim set, a scratch claim set, and a CLI runner."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims"
SEEDS = ROOT / "seeds"


@pytest.fixture
def run():
    """Run the CLI in-process; returns the click Result (exit_code, stdout, stderr)."""
    from claimcheck.cli.app import app

    runner = CliRunner()

    def _run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return _run


class ScratchSet:
    """A small claim set in a temporary folder, written by the test that needs it."""

    def __init__(self, root: Path):
        self.root = root
        self.claims = root / "claims"
        self.articles = root / "articles"
        self.claims.mkdir()
        self.articles.mkdir()
        shutil.copy(CLAIMS / "topics.yaml", self.claims / "topics.yaml")

    def article(self, name: str, text: str) -> str:
        (self.articles / name).write_text(text, encoding="utf-8")
        return f"../articles/{name}"

    def source(self, name: str, yaml_text: str) -> Path:
        path = self.claims / name
        path.write_text(textwrap.dedent(yaml_text).lstrip(), encoding="utf-8")
        return path

    def codebook(self, extra: str) -> None:
        with open(self.claims / "topics.yaml", "a", encoding="utf-8") as f:
            f.write(textwrap.dedent(extra))


@pytest.fixture
def scratch(tmp_path: Path) -> ScratchSet:
    return ScratchSet(tmp_path)


# The CLI caches loaded claim sets (cache.py): keep the tests' entries out of the user's cache folder,
# in one folder for the session, so every test also exercises the cache's checks for changed files.
import os  # noqa: E402
import tempfile  # noqa: E402

if "CLAIMCHECK_CACHE_DIR" not in os.environ:
    os.environ["CLAIMCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimcheck-test-cache-")

# Property tests run in CI with a fixed seed and a bounded number of examples.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", derandomize=True, max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("ci")


class Story:
    """A claim set of any story, written whole by a test: its codebook, and sources as
    (claims, article text), each claim a (topic, value, quote, extra keys) tuple."""

    def __init__(self, root: Path, codebook: str):
        self.root = root
        self.claims = root / "claims"
        self.articles = root / "articles"
        self.claims.mkdir(parents=True)
        self.articles.mkdir()
        (self.claims / "topics.yaml").write_text(textwrap.dedent(codebook).lstrip(), encoding="utf-8")

    def source(self, sid: str, claims: list[tuple], published: str | None = "2025-03-28", raw: str = "") -> Path:
        import yaml

        text = " ".join(q for _, _, q, *_ in claims) or "Nothing."
        (self.articles / f"{sid}.txt").write_text(text, encoding="utf-8")
        import datetime as dt

        doc = {"id": sid, "outlet": sid.upper(), "published": dt.date.fromisoformat(published) if published else None, "text": f"../articles/{sid}.txt",
               "claims": [{"topic": t, "value": v, "quote": q, **(extra[0] if extra else {})} for t, v, q, *extra in claims]}
        body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
        if published is None:
            body = body.replace("published: null\n", "")
        path = self.claims / f"{sid}.yaml"
        path.write_text(body + raw, encoding="utf-8")
        return path


@pytest.fixture
def story(tmp_path: Path):
    """story(codebook_text) -> Story in a fresh folder."""
    made = []

    def _story(codebook: str) -> Story:
        s = Story(tmp_path / f"story{len(made)}", codebook)
        made.append(s)
        return s

    return _story


def extractor_for(root: Path, codebook: str, sources: dict, claims: dict):
    """A small story written to `root` (a codebook, and per source its date, article text and
    claims as (topic, value, quote)), loaded, and the Extractor `check` would read articles with."""
    import json

    from claimcheck.check.extract import Extractor
    from claimcheck.claimset.load import load_claim_set

    folder = root / "claims"
    (root / "articles").mkdir()
    folder.mkdir()
    (folder / "topics.yaml").write_text(codebook)
    for sid, (published, text) in sources.items():
        (root / "articles" / f"{sid}.txt").write_text(text)
        lines = [f"id: {sid}", f"outlet: Outlet {sid.upper()}", f"published: {published}", f"text: ../articles/{sid}.txt", "claims:"]
        for topic, value, quote in claims[sid]:
            lines += [f"  - topic: {topic}", f"    value: {json.dumps(value)}", f"    quote: {json.dumps(quote)}"]
        (folder / f"{sid}.yaml").write_text("\n".join(lines) + "\n")
    cs = load_claim_set(folder)
    return Extractor(cs.codebook, cs.claims, 2026)


def asserted(extractor, text: str) -> set[tuple[str, str]]:
    """(topic, value as shown) of every finding `check` would assert in `text`."""
    return {(f.topic, f.display) for f in extractor.extract(text).findings if f.confidence >= 0.6}
