"""The claim-set cache against PyYAML's C loader: warm and cold `conflicts --format json`, side by side.

Run: python benchmarks/cache_bench.py [--copies 1000] [--runs 5] [--keep DIR] [--baseline SRC]

The set is the bundled claim files copied --copies times (1,000 copies: 5,000 sources, 59,000
claims), each copy with its own source id and its own copy of the article, beside the bundled
codebook. In one run, on the same files and the same warm page cache, it times:

- *parse*: PyYAML's C loader (`yaml.load(..., Loader=yaml.CSafeLoader)`) parsing every claim file
  and the codebook, in one process, nothing else (the median of --runs);
- *cold*: `claimcheck conflicts --format json` with an empty cache folder (it reads, checks and
  stores the set);
- *warm*: the same command again (the cache entry is fresh: it is read back);

as wall-clock medians of whole processes, and prints each as a multiple of *parse*. Targets (issue
14): warm at most 0.5x parse, cold at most 1.0x on two cores. --baseline SRC times the claimcheck
package in another source folder (e.g. a worktree of the commit before a change: its `src`) with
this interpreter, on the same files in the same run, so the two are measured side by side.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path, copies: int) -> Path:
    """Write copies x the bundled sources under `out` (claims/ and articles/); returns the claims folder."""
    claims, articles = out / "claims", out / "articles"
    if claims.exists() and len(list(claims.glob("*.yaml"))) == copies * 5 + 1:
        return claims
    shutil.rmtree(out, ignore_errors=True)
    claims.mkdir(parents=True)
    articles.mkdir()
    shutil.copy(ROOT / "claims" / "topics.yaml", claims / "topics.yaml")
    bundled = sorted(p for p in (ROOT / "claims").glob("*.yaml") if p.name != "topics.yaml")
    for src in bundled:
        text = src.read_text("utf-8")
        sid = text.split('id: "', 1)[1].split('"', 1)[0]
        seed = text.split("text: ../seeds/", 1)[1].split("\n", 1)[0]
        article = (ROOT / "seeds" / seed).read_bytes()
        for k in range(copies):
            name = f"{src.stem}-{k:05d}"
            (articles / f"{name}.txt").write_bytes(article)
            copy = text.replace(f'id: "{sid}"', f'id: "{sid}-{k:05d}"', 1)
            copy = copy.replace(f"text: ../seeds/{seed}", f"text: ../articles/{name}.txt", 1)
            (claims / f"{name}.yaml").write_text(copy, "utf-8")
    return claims


PARSE = """
import sys, time, yaml
from pathlib import Path
files = sorted(Path(sys.argv[1]).glob("*.yaml"))
t = time.perf_counter()
for f in files:
    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
print(time.perf_counter() - t)
"""


def parse_time(python: str, claims: Path) -> float:
    """Seconds PyYAML's C loader takes to parse every file, measured inside one process (start-up excluded)."""
    return float(subprocess.run([python, "-c", PARSE, str(claims)], capture_output=True, text=True, check=True).stdout)


def run(src: str | None, claims: Path, cache: Path) -> float:
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache)}
    if src:
        env["PYTHONPATH"] = src
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "conflicts", "--format", "json", "--claims", str(claims)],
                          capture_output=True, env=env)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{src or 'this'}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return elapsed


def measure(src: str | None, claims: Path, runs: int) -> tuple[float, float]:
    """(median cold, median warm) seconds."""
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "cache"
            cold.append(run(src, claims, cache))
            warm.append(run(src, claims, cache))
    return statistics.median(cold), statistics.median(warm)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1000, help="copies of the five bundled sources [1000]")
    ap.add_argument("--runs", type=int, default=5, help="runs of each measurement; medians are shown [5]")
    ap.add_argument("--keep", type=Path, help="build the set here and keep it (reused when it is there)")
    ap.add_argument("--baseline", action="append", default=[], metavar="SRC",
                    help="also time the claimcheck package in this folder (repeatable), in the same run")
    args = ap.parse_args(argv)
    where = args.keep or Path(tempfile.mkdtemp(prefix="claimcheck-cache-bench-"))
    claims = build(where, args.copies)
    pythons: list[str | None] = [*(str(Path(b).resolve()) for b in args.baseline), None]
    for py in pythons:  # a warm-up: the files in the page cache, each code's imports compiled
        measure(py, claims, 1)
    parse = statistics.median(parse_time(sys.executable, claims) for _ in range(args.runs))
    print(f"{args.copies * 5:,} sources in {claims}; {os.cpu_count()} cores")
    print(f"PyYAML C loader, parse only: {parse:.2f} s")
    print(f"{'claimcheck':<60} {'cold (s)':>9} {'x parse':>8} {'warm (s)':>9} {'x parse':>8}")
    for py in pythons:
        cold, warm = measure(py, claims, args.runs)
        label = py or f"this tree ({Path(__file__).resolve().parent.parent / 'src'})"
        print(f"{label:<60} {cold:9.2f} {cold / parse:8.2f} {warm:9.2f} {warm / parse:8.2f}")
    if not args.keep:
        shutil.rmtree(where, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
