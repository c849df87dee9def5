"""Articles per second of `claimcheck check` over a corpus: --jobs 1, --jobs 2 and --engine dask, side by side.

    .venv/bin/python benchmarks/corpus_bench.py                                  # 1,000 articles, bundled claims
    .venv/bin/python benchmarks/corpus_bench.py --claims /tmp/claimcheck-bench-data/set-100000/claims

The articles are the first N of a set written by benchmarks/generate.py (made here when missing).
Each mode runs as a whole process writing JSON Lines to /dev/null, in turn (jobs 1, jobs 2, dask, and
again), after one warm-up that fills the claim-set cache; the median wall time of the rounds is
quoted with its articles per second. The Dask figure includes starting its local cluster.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bytecode import compile_claimcheck  # noqa: E402

DATA = Path("/tmp/claimcheck-bench-data")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=Path, default=ROOT / "claims")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    compile_claimcheck()
    source = DATA / "set-100000" / "articles"
    if not source.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--sources", "5000",
                        "--out", str(DATA / "set-100000")], check=True, stdout=subprocess.DEVNULL)
    articles = sorted(str(p) for p in source.glob("*.txt"))[: args.articles]
    cache = DATA / "corpus-bench-cache"
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache)}
    base = [sys.executable, "-m", "claimcheck", "check", "--claims", str(args.claims), "--format", "jsonl"]
    modes = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "--engine dask --workers 2": ["--engine", "dask", "--workers", "2"]}
    subprocess.run(base + articles[:5], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    times: dict[str, list[float]] = {m: [] for m in modes}
    for _ in range(args.rounds):
        for mode, extra in modes.items():
            t = time.perf_counter()
            r = subprocess.run(base + extra + articles, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
            times[mode].append(time.perf_counter() - t)
            if r.returncode not in (0, 1):
                print(r.stderr.decode()[-500:], file=sys.stderr)
                return 1
    print(f"{len(articles):,} articles against {args.claims}; median of {args.rounds} rounds, whole processes, in turn")
    print(f"{'mode':28} {'median s':>9} {'articles/s':>11}   runs")
    for mode, ts in times.items():
        med = statistics.median(ts)
        print(f"{mode:28} {med:9.2f} {len(articles) / med:11.1f}   {', '.join(f'{t:.1f}' for t in ts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
