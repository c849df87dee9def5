"""How long `claimcheck check` takes, as whole processes (start-up included), median of several runs.

    .venv/bin/python benchmarks/check_bench.py            # 7 runs each
    .venv/bin/python benchmarks/check_bench.py --runs 15

Cases: `--version` (the floor: interpreter and CLI start-up), one 1,000-word article (the first
1,000 words of seed 003) against the other four sources, and all five seeds in one process
with --jobs 1 and --jobs 2.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "claimcheck"]


def thousand_words(dest: Path) -> Path:
    lines, count = [], 0
    for line in (ROOT / "seeds" / "003_bbce39b4dcb24287.txt").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if count + len(words) > 1000:
            line = " ".join(words[: 1000 - count])
            words = line.split()
        lines.append(line)
        count += len(words)
        if count >= 1000:
            break
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def timed(args: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        out.append(time.perf_counter() - t)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        article = thousand_words(Path(tmp) / "article-1000-words.txt")
        seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
        cases = [
            ("claimcheck --version", CLI + ["--version"]),
            ("check one 1,000-word article", CLI + ["check", str(article), "--exclude", "003-bbce", "--published", "2025-10-27"]),
            ("check 5 seed articles, --jobs 1", CLI + ["check", *seeds]),
            ("check 5 seed articles, --jobs 2", CLI + ["check", *seeds, "--jobs", "2"]),
        ]
        subprocess.run(cases[1][1], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the disk cache
        print(f"{'case':34} {'median':>8} {'min':>8} {'max':>8}   ({args.runs} runs, whole processes)")
        for name, cmd in cases:
            t = timed(cmd, args.runs)
            print(f"{name:34} {statistics.median(t):7.3f}s {min(t):7.3f}s {max(t):7.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
