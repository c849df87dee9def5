"""Start-up and bundled-set timings, as whole processes: median of several runs after a warm-up.

Run: python benchmarks/startup.py [--runs N]
Targets (issue #2/#6): --version and --help under 0.15 s; conflicts on the bundled set under 0.3 s.
Baseline printed beside them: a bare `python -c pass`, so the ratio says what the tool adds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "claimcheck"]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bytecode import compile_claimcheck  # noqa: E402

CASES = [
    ("python -c pass (baseline)", [sys.executable, "-c", "pass"], None),
    ("claimcheck --version", [*CLI, "--version"], 0.15),
    ("claimcheck --help", [*CLI, "--help"], 0.15),
    ("claimcheck validate", [*CLI, "validate", "--claims", str(ROOT / "claims")], 0.3),
    ("claimcheck conflicts", [*CLI, "conflicts", "--claims", str(ROOT / "claims")], 0.3),
    ("claimcheck conflicts --format json", [*CLI, "conflicts", "--claims", str(ROOT / "claims"), "--format", "json"], 0.3),
]


def median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=False)  # warm-up: the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    compile_claimcheck()
    base = None
    print(f"| command | median (s) | × python start-up | target (s) | met |")
    print("|---|---:|---:|---:|:-:|")
    failed = 0
    for name, cmd, target in CASES:
        t = median_seconds(cmd, args.runs)
        base = base or t
        met = "" if target is None else ("yes" if t < target else "NO")
        failed += met == "NO"
        print(f"| {name} | {t:.3f} | {t / base:.1f} | {target or ''} | {met} |")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
