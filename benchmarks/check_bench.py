"""How long `claimcheck check` takes, as whole processes (start-up included), median of several runs.

    .venv/bin/python benchmarks/check_bench.py            # 7 runs each
    .venv/bin/python benchmarks/check_bench.py --runs 15
    .venv/bin/python benchmarks/check_bench.py --scale /tmp/claimcheck-bench-data/set-100000 --articles 1000

Cases: `--version` (the floor: interpreter and CLI start-up), one 1,000-word article (the first
1,000 words of seed 003) against the other four sources, and all five seeds in one process
with --jobs 1 and --jobs 2.

`--scale DIR` takes a set written by benchmarks/generate.py (DIR/claims, DIR/articles) instead:
the 1,000-word article against the whole set with an empty cache folder (a first run: the claim
set is read and checked, the passage index built), then, after one `validate` and one `check` have
filled a cache folder, the same article and the first N articles of DIR/articles with --jobs 1 and
--jobs 2. Output goes to /dev/null in the plain format (what a pipe gets). Each line says whether
the cache was warm; CPU is user + system time of the process and its workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bytecode import compile_claimcheck  # noqa: E402
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


def timed(args: list[str], runs: int, env: dict | None = None, before=None) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (user + system, children included) of each run; `before()` runs first, untimed."""
    walls, cpus = [], []
    for _ in range(runs):
        if before:
            before()
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        done = subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - ru.ru_utime + after.ru_stime - ru.ru_stime)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args[:6])} ... failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return walls, cpus


def scale(root: Path, articles: int, runs: int, cold_runs: int) -> int:
    claims = root / "claims"
    texts = sorted((root / "articles").glob("*.txt"))[:articles]
    if not claims.is_dir() or not texts:
        raise SystemExit(f"{root}: expected claims/ and articles/ written by benchmarks/generate.py")
    with tempfile.TemporaryDirectory() as tmp:
        article = thousand_words(Path(tmp) / "article-1000-words.txt")
        warm_dir, cold_dir = Path(tmp) / "cache-warm", Path(tmp) / "cache-cold"
        env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(warm_dir)}
        env.pop("CLAIMCHECK_CACHE", None)
        cold_env = {**env, "CLAIMCHECK_CACHE_DIR": str(cold_dir)}
        one = CLI + ["check", "--claims", str(claims), str(article)]
        many = CLI + ["check", "--claims", str(claims), *map(str, texts)]

        def empty_cold_cache():
            shutil.rmtree(cold_dir, ignore_errors=True)

        print(f"{root}: {sum(1 for _ in claims.glob('*.yaml')) - 1:,} claim files; {len(texts):,} articles checked in the many-article cases")
        print(f"{'case':50} {'median':>8} {'min':>8} {'max':>8} {'CPU':>8}  runs  cache")
        rows = []
        t, c = timed(one, cold_runs, cold_env, empty_cold_cache)
        rows.append(("check one 1,000-word article, first run", t, c, "cold (empty folder)"))
        t0 = time.perf_counter()
        subprocess.run(CLI + ["validate", "--claims", str(claims)], cwd=ROOT, env=env, capture_output=True, check=False)
        subprocess.run(one, cwd=ROOT, env=env, capture_output=True, check=False)
        stored = sorted(p.suffix for p in warm_dir.iterdir()) if warm_dir.is_dir() else []
        warm = f"warm ({', '.join(stored) or 'nothing stored!'})"
        print(f"(warm-up: validate, then check, {time.perf_counter() - t0:.1f} s; cache folder holds {', '.join(stored) or 'nothing'})")
        t, c = timed(one, runs, env)
        rows.append(("check one 1,000-word article", t, c, warm))
        for jobs in (1, 2):
            t, c = timed(many + ["--jobs", str(jobs)], runs, env)
            rows.append((f"check {len(texts):,} articles, --jobs {jobs}", t, c, warm))
        for name, t, c, cache in rows:
            print(f"{name:50} {statistics.median(t):7.2f}s {min(t):7.2f}s {max(t):7.2f}s {statistics.median(c):7.2f}s  {len(t):4}  {cache}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--scale", type=Path, metavar="DIR", help="a set written by benchmarks/generate.py (DIR/claims, DIR/articles)")
    ap.add_argument("--articles", type=int, default=100, help="with --scale: how many of DIR/articles the many-article cases check")
    ap.add_argument("--cold-runs", type=int, default=1, help="with --scale: runs of the first-run case, each with an empty cache folder")
    args = ap.parse_args(argv)
    compile_claimcheck()
    if args.scale:
        return scale(args.scale, args.articles, args.runs, args.cold_runs)
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
            t, _ = timed(cmd, args.runs)
            print(f"{name:34} {statistics.median(t):7.3f}s {min(t):7.3f}s {max(t):7.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
