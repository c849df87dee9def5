"""The claim-set cache against PyYAML's C loader: warm and cold `conflicts --format json`, side by side.

Run: python benchmarks/cache_bench.py [--copies 1000] [--runs 5] [--keep DIR] [--baseline SRC]

The set is the bundled claim files copied --copies times (1,000 copies: 5,000 sources, 59,000
claims), each copy with its own source id and its own copy of the article, beside the bundled
codebook. In one run, on the same files and the same warm page cache, it times:

- *parse*: PyYAML's C loader (`yaml.load(..., Loader=yaml.CSafeLoader)`) parsing every claim file
  and the codebook, in one process, nothing else (the median of --runs);
- *cold*: `claimcheck conflicts --format json` with an empty cache folder (it reads, checks and
  stores the set);
- *warm*: the same command again (the cache entry is fresh, and so is the output it stored beside it);
- *after validate*: the command after a `validate` (a fresh entry, no stored output: the claims are
  read back, compared and rendered);

as wall-clock medians of whole processes, and each as a multiple of *parse* (the median of the
ratios run by run: the parse and the commands of one run are measured one after another). Targets (issue
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


def run(src: str | None, claims: Path, cache: Path, command: str = "conflicts") -> float:
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache)}
    if src:
        env["PYTHONPATH"] = src
    t = time.perf_counter()
    args = ["conflicts", "--format", "json"] if command == "conflicts" else [command]
    proc = subprocess.run([sys.executable, "-m", "claimcheck", *args, "--claims", str(claims)], capture_output=True, env=env)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{src or 'this'}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return elapsed


def measure(srcs: list[str | None], claims: Path, runs: int) -> tuple[list[float], dict]:
    """Each run: the parse, then for each code a cold and a warm command, in turn (so that the machine's
    drift touches all alike). Returns the parse times and, per code, its cold and warm times."""
    parse: list[float] = []
    times: dict = {src: ([], [], []) for src in srcs}
    for _ in range(runs):
        parse.append(parse_time(sys.executable, claims))
        for src in srcs:
            with tempfile.TemporaryDirectory() as tmp:
                cache = Path(tmp) / "cache"
                times[src][0].append(run(src, claims, cache))
                times[src][1].append(run(src, claims, cache))
            with tempfile.TemporaryDirectory() as tmp:
                cache = Path(tmp) / "cache"
                run(src, claims, cache, "validate")
                times[src][2].append(run(src, claims, cache))
    return parse, times


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
    srcs: list[str | None] = [*(str(Path(b).resolve()) for b in args.baseline), None]
    for src in srcs:  # bytecode written, as an install does (benchmarks/bytecode.py)
        code = "import compileall, pathlib, claimcheck; compileall.compile_dir(str(pathlib.Path(claimcheck.__file__).parent), quiet=1)"
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **({"PYTHONPATH": src} if src else {})})
    measure(srcs, claims, 1)  # a warm-up: the files in the page cache, each code's imports compiled
    parse, times = measure(srcs, claims, args.runs)
    p = statistics.median(parse)
    print(f"{args.copies * 5:,} sources in {claims}; {os.cpu_count()} cores; {args.runs} runs, medians")
    print(f"PyYAML C loader, parse only: {p:.2f} s")
    print("| claimcheck | cold (s) | cold / parse | warm (s) | warm / parse | after validate (s) | after validate / parse |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for src in srcs:
        cold, warm, after = times[src]
        label = src or f"this tree ({Path(__file__).resolve().parent.parent / 'src'})"
        # the ratio run by run (each against the parse of its own run), then the median
        rc = statistics.median(c / q for c, q in zip(cold, parse))
        rw = statistics.median(w / q for w, q in zip(warm, parse))
        ra = statistics.median(a / q for a, q in zip(after, parse))
        print(f"| {label} | {statistics.median(cold):.2f} | {rc:.2f} | {statistics.median(warm):.2f} | {rw:.2f} "
              f"| {statistics.median(after):.2f} | {ra:.2f} |")
    if not args.keep:
        shutil.rmtree(where, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
