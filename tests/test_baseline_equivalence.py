"""The tool and the naive all-pairs baseline (benchmarks/baseline.py) find the same groups and statuses."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from baseline import baseline, reduce_conflicts_doc  # noqa: E402
from generate import generate  # noqa: E402


@pytest.mark.parametrize("sources, per_source, seed", [(30, 10, 0), (30, 10, 1), (8, 6, 2), (60, 4, 3)])
def test_same_groups_and_statuses(tmp_path: Path, run, sources: int, per_source: int, seed: int):
    claims = generate(tmp_path, sources=sources, claims_per_source=per_source, seed=seed)
    result = run("conflicts", "--claims", claims, "--format", "json")
    assert result.exit_code == 0, result.stderr
    fast = reduce_conflicts_doc(json.loads(result.stdout))
    slow = baseline(claims)
    assert fast == slow
    assert sum(len(t["clusters"]) for t in fast.values()) > len(fast)  # topics with several values were compared


def test_statuses_of_every_kind_are_exercised(tmp_path: Path, run):
    seen = set()
    for seed, sources in ((0, 30), (2, 8), (4, 3)):
        claims = generate(tmp_path / str(seed), sources=sources, claims_per_source=10, seed=seed)
        seen |= {t["status"] for t in baseline(claims).values()}
    assert seen == {"conflict", "partial", "agree", "single"}
