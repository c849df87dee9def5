"""`claimcheck report` at scale: a synthetic set of 10,000 sources × 20 claims, timed per format as whole processes.

Run: python benchmarks/report_bench.py [--sources 10000] [--claims 20] [--runs 3] [--seed 0] [--keep DIR] [--cache]
Prints, per format, the median wall time of --runs runs (each a fresh process reading the same
files), the median CPU time (user + system, with any loader workers; steadier than wall time on a
busy machine), the largest peak resident memory of those runs, and the output size. The CLI's cache
of loaded claim sets is off unless --cache is given, so every run reads and checks the set in full.
Two baselines show what loading and comparing cost before any report is rendered: `validate`
(load, ground every quote, lint) and `conflicts --format json`. Then, in this process, the set is
loaded and compared once and each format's build + render is timed alone.

The set is deterministic from --seed and uses the bundled codebook (claims/topics.yaml): each source
makes one claim on each of the first --claims topics, picking among a few values per topic (most
sources agree, some differ), a third of the claims credited to a wire service (so provenance has
repeated origins), and an article text holding every quote so `validate` grounds them for real.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "claims" / "topics.yaml"
CLI = [sys.executable, "-m", "claimcheck"]
FORMATS = [("html", "report.html"), ("md", "report.md"), ("json", "report.json"), ("csv", "report.csv"),
           ("sqlite", "report.sqlite")]
WIRES = ["Reuters", "AFP", "AP", "Anadolu", "Dawn"]
PEOPLE = ["Haji Najib", "Rahmatullah Mujib", "Mullah Najib", "Anas Haqqani", "Khawaja Asif", "Asim Munir"]
LISTS = [["Qatar", "Turkey"], ["Turkey"], ["Qatar", "Türkiye"], ["Qatar"], ["Turkey", "Saudi Arabia"]]
DAY = dt.date(2025, 10, 25)


def _pools(topics: dict[str, dict], rng: random.Random) -> dict[str, list]:
    """A few candidate values per topic, most likely first."""
    pools = {}
    for name, spec in topics.items():
        kind = spec["type"]
        if kind == "person":
            pools[name] = rng.sample(PEOPLE, 4)
        elif kind == "number":
            base = rng.randint(2, 90)
            pools[name] = [base, base + 1, base * 2, f"nearly {base}"]
        elif kind == "date":
            pools[name] = [(DAY - dt.timedelta(days=d)).isoformat() for d in rng.sample(range(0, 12), 4)]
        elif kind == "list":
            pools[name] = rng.sample(LISTS, 4)
        elif kind == "label":
            pools[name] = list(spec["labels"])
        else:
            pools[name] = ["failure to reach a deal means open war", "if these talks fail it will be an open war",
                           "we will fight them in open war", "no agreement means open war"]
    return pools


def _pick(pool: list, rng: random.Random):
    """Skewed towards the first value: about 70%, 15%, 8%, ..."""
    r = rng.random()
    for value, cut in zip(pool, (0.70, 0.85, 0.93)):
        if r < cut:
            return value
    return pool[-1]


def generate(out: Path, sources: int, claims: int, seed: int) -> Path:
    """Write the set under `out` (claims/ and articles/); returns the claims folder."""
    rng = random.Random(seed)
    topics = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))["topics"]
    chosen = dict(list(topics.items())[:claims])
    pools = _pools(chosen, rng)
    claims_dir, articles = out / "claims", out / "articles"
    claims_dir.mkdir(parents=True)
    articles.mkdir()
    shutil.copy(CODEBOOK, claims_dir / "topics.yaml")
    for i in range(sources):
        sid = f"s{i:05d}"
        sentences, entries = [], []
        for n, (name, spec) in enumerate(chosen.items()):
            value = _pick(pools[name], rng)
            value = list(value) if isinstance(value, list) else value  # a fresh list: YAML anchors are refused
            quote = f"Report {n} of {sid} on {name}: {json.dumps(value, ensure_ascii=False)}."
            sentences.append(quote)
            entry = {"topic": name, "value": value, "quote": quote}
            if rng.random() < 1 / 3:
                entry["attributed_to"] = rng.choice(WIRES)
            if spec.get("changes_over_time"):
                entry["as_of"] = (DAY + dt.timedelta(days=rng.randint(0, 2))).isoformat()
            entries.append(entry)
        (articles / f"{sid}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
        doc = {"id": sid, "outlet": f"Outlet {i % 700}", "published": DAY.isoformat(),
               "text": f"../articles/{sid}.txt", "claims": entries}
        (claims_dir / f"{sid}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return claims_dir


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak resident memory in MiB of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def render_only(claims: Path, runs: int) -> None:
    """In one process: load and compare once, then time building the report and rendering each format."""
    from claimcheck.compare import compare_claim_set
    from claimcheck.claimset.load import load_claim_set
    from claimcheck.report import FORMATS as REGISTRY, build_report, render

    start = time.perf_counter()
    comparison = compare_claim_set(load_claim_set(claims))
    gc.freeze()  # as the CLI does after loading: later collections skip the long-lived claim set
    print(f"\nin-process: load + compare {time.perf_counter() - start:.2f} s, then per format "
          f"(median of {runs}; build_report + render in memory, no file written):")
    for name in REGISTRY:
        wall, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            render(build_report(comparison), REGISTRY[name])
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(f"  {name:<8} {statistics.median(wall):6.2f} s wall, {statistics.median(cpu):6.2f} s CPU", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=int, default=10_000)
    ap.add_argument("--claims", type=int, default=20, help="claims per source, one per topic (at most 25)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it")
    ap.add_argument("--cache", action="store_true",
                    help="let the CLI reuse its cache of loaded claim sets (off by default: every run loads in full)")
    args = ap.parse_args(argv)
    env = dict(os.environ) if args.cache else {**os.environ, "CLAIMCHECK_CACHE": "0"}

    tmp = None
    if args.keep:
        base = args.keep
    else:
        tmp = tempfile.mkdtemp(prefix="claimcheck-bench-")
        base = Path(tmp)
    try:
        start = time.perf_counter()
        claims = generate(base / "set", args.sources, args.claims, args.seed)
        print(f"generated {args.sources:,} sources × {args.claims} claims in {time.perf_counter() - start:.1f} s "
              f"({base / 'set'})", flush=True)
        common = ["--claims", str(claims)]
        cases = [("validate (baseline)", [*CLI, "validate", *common], None),
                 ("conflicts --format json (baseline)", [*CLI, "conflicts", *common, "--format", "json"], None)]
        cases += [(f"report -o {name}", [*CLI, "report", *common, "-o", str(base / name)], base / name)
                  for _, name in FORMATS]
        print(f"\n{'command':<36} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} {'peak MiB':>9} {'output':>9}")
        for label, cmd, out in cases:
            runs = [timed(cmd, env) for _ in range(args.runs)]
            secs = [r[0] for r in runs]
            size = f"{out.stat().st_size / 1e6:.1f} MB" if out else ""
            print(f"{label:<36} {statistics.median(secs):>9.2f} {min(secs):>7.2f} {max(secs):>7.2f} "
                  f"{statistics.median(r[1] for r in runs):>7.2f} {max(r[2] for r in runs):>9} {size:>9}", flush=True)
        render_only(claims, args.runs)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
