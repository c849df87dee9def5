"""Scale benchmark: claimcheck validate and conflicts on generated claim sets of growing size, beside the naive baseline.

Run: python benchmarks/run.py [--full] [--runs N] [--baseline-timeout S]   (or: make bench-scale)

For 1,000, 10,000 and 100,000 claims (and 1,000,000 with --full; 20 claims per source) it generates
a claim set (benchmarks/generate.py, cached under --data), then times each command as a whole
process: a warm-up run, then the median of several runs (fewer at the larger sizes). For each run
it records the CPU time and two peaks of memory: the largest single process (ru_maxrss from wait4)
and the whole process tree (its PSS summed, sampled every 50 ms, so forked workers count once).
It prints the growth exponent between sizes, log(t2/t1)/log(n2/n1), runs benchmarks/baseline.py on
the same sets where it finishes within --baseline-timeout (once; "not run" otherwise, nothing is
extrapolated), checks that both give the same groups and statuses, and writes benchmarks/RESULTS.md.
At 100,000 claims it also runs benchmarks/check_bench.py --scale on the same set (one 1,000-word
article, then --check-articles of the set's own articles with --jobs 1 and 2) and adds its table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from baseline import reduce_conflicts_doc  # noqa: E402
from bytecode import compile_claimcheck  # noqa: E402

WARM_CACHE = Path(tempfile.gettempdir()) / "claimcheck-bench-warm-cache"
PER_SOURCE = 20
SIZES = [1_000, 10_000, 100_000]
FULL_SIZE = 1_000_000
RUNS = {1_000: 7, 10_000: 5, 100_000: 3, 1_000_000: 1}
TARGETS = {100_000: 5.0, 1_000_000: 60.0}  # validate + conflicts, seconds
MEMORY_TARGET_MB = 4096
SPEEDUP_TARGET = 20
EXPONENT_TARGET = 1.2
CHECK_SIZE = 100_000
CHECK_TARGETS = (1.0, 60.0)  # check: one article; 1,000 articles with --jobs 2 (seconds)


@dataclass
class Timing:
    wall: float
    cpu: float
    max_rss_mb: float
    tree_mb: float | None
    code: int
    stdout: bytes = b""


@dataclass
class Measure:
    runs: list[Timing] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r.code == 0 for r in self.runs)

    @property
    def median(self) -> float | None:
        return statistics.median(r.wall for r in self.runs) if self.ok else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(r.cpu for r in self.runs) if self.ok else None

    @property
    def peak_mb(self) -> float | None:
        """The largest memory seen: the process tree's PSS where it could be read, else the largest process."""
        if not self.ok:
            return None
        return max(max(r.tree_mb or 0, r.max_rss_mb) for r in self.runs)


# --------------------------------------------------------------------------- processes


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def _tree_pss_kb(pid: int) -> int | None:
    """Proportional set size of a process and its descendants: shared (forked) pages counted once."""
    total, stack, seen = 0, [pid], False
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        seen = True
                        break
        except OSError:
            continue
        stack += _children(p)
    return total if seen else None


def timed(cmd: list[str], timeout: float, keep_stdout: bool = False, cache: str = "cold") -> Timing:
    """Run a command as a whole process; wall and CPU time, and its peaks of memory.

    cache: "cold" runs it with an empty cache folder of its own (it loads everything, and stores
    the claim set as a first run does), "warm" with the shared folder a previous run filled.
    """
    out = tempfile.TemporaryFile() if keep_stdout else None
    fresh = tempfile.mkdtemp(prefix="claimcheck-bench-cache-") if cache == "cold" else None
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": fresh or str(WARM_CACHE)}
    try:
        return _timed(cmd, timeout, out, env)
    finally:
        if fresh:
            shutil.rmtree(fresh, ignore_errors=True)


def _timed(cmd: list[str], timeout: float, out, env: dict) -> Timing:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out or subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            kb = _tree_pss_kb(proc.pid)
            if kb:
                peak[0] = max(peak[0], kb)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            done.set()
            return Timing(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                          peak[0] / 1024 or None, -9)
        time.sleep(0.01)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    data = b""
    if out is not None:
        out.seek(0)
        data = out.read()
        out.close()
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak[0] / 1024 or None,
                  proc.returncode, data)


def measure(cmd: list[str], runs: int, timeout: float, warm: bool = True, keep_stdout: bool = False,
            cache: str = "cold") -> Measure:
    m = Measure()
    if warm:
        w = timed(cmd, timeout, cache=cache)
        if w.code != 0:
            m.runs.append(w)
            m.note = "timed out" if w.code == -9 else f"exit {w.code}"
            return m
    for _ in range(runs):
        t = timed(cmd, timeout, keep_stdout, cache)
        m.runs.append(t)
        if t.code != 0:
            m.note = "timed out" if t.code == -9 else f"exit {t.code}"
            break
    return m


# --------------------------------------------------------------------------- data


def dataset(data_dir: Path, claims: int, seed: int) -> Path:
    """A generated claim set of `claims` claims, reused while the generator and codebook are unchanged."""
    sources = claims // PER_SOURCE
    stamp = hashlib.sha256((HERE / "generate.py").read_bytes() + (ROOT / "claims" / "topics.yaml").read_bytes()).hexdigest()
    out = data_dir / f"set-{claims}"
    marker = out / "params.json"
    params = {"sources": sources, "claims_per_source": PER_SOURCE, "seed": seed, "generator": stamp}
    if marker.exists() and json.loads(marker.read_text()) == params:
        return out / "claims"
    print(f"  generating {claims:,} claims ({sources:,} sources) in {out} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--sources", str(sources), "--claims-per-source",
                    str(PER_SOURCE), "--out", str(out), "--seed", str(seed)], check=True)
    marker.write_text(json.dumps(params))
    return out / "claims"


def read_all(claims_dir: Path) -> None:
    """Warm the page cache without a full run (at a million claims a warm-up run would double the time)."""
    for d in (claims_dir, claims_dir.parent / "articles"):
        for p in d.iterdir():
            p.read_bytes()


def size_mb(claims_dir: Path) -> float:
    return sum(p.stat().st_size for d in (claims_dir, claims_dir.parent / "articles") for p in d.iterdir()) / 1e6


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {"cpus": str(os.cpu_count()), "nproc": str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "?",
            "cpu": model, "python": platform.python_version(), "os": platform.platform(), "load": load,
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}


def fmt(x: float | None, digits: int = 2) -> str:
    return "not run" if x is None else f"{x:.{digits}f}"


def exponent(a: tuple[int, float | None], b: tuple[int, float | None]) -> str:
    (n1, t1), (n2, t2) = a, b
    if t1 is None or t2 is None or t1 <= 0:
        return "n/a"
    return f"{math.log(t2 / t1) / math.log(n2 / n1):.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="also 1,000,000 claims (validate and conflicts only)")
    ap.add_argument("--sizes", type=int, nargs="*", help="claim counts to run instead of the default")
    ap.add_argument("--runs", type=int, help="timed runs per command at every size (default: 7, 5, 3, 1 by size)")
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "claimcheck-bench-data",
                    help="where generated claim sets are kept between runs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a claimcheck run is stopped")
    ap.add_argument("--baseline-timeout", type=float, default=3600, help="seconds before the baseline is stopped")
    ap.add_argument("--baseline-max", type=int, default=100_000, help="largest size the baseline is tried at")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="Markdown results file to write")
    ap.add_argument("--check-articles", type=int, default=1000,
                    help="articles `check` reads at 100,000 claims (0: leave check out)")
    args = ap.parse_args(argv)
    sizes = args.sizes or (SIZES + ([FULL_SIZE] if args.full else []))
    args.data.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}, load {info['load']}", file=sys.stderr)
    cli = [sys.executable, "-m", "claimcheck"]
    compile_claimcheck()
    rows = []
    for n in sizes:
        claims = dataset(args.data, n, args.seed)
        runs = args.runs or RUNS.get(n, 1)
        big = n >= FULL_SIZE
        if big:
            read_all(claims)
        row: dict = {"n": n, "sources": n // PER_SOURCE, "mb": size_mb(claims), "runs": runs}
        plan = [  # name, arguments, cache
            ("validate", ["validate"], "cold"),
            ("conflicts", ["conflicts"], "cold"),
            ("json", ["conflicts", "--format", "json"], "cold"),
            ("conflicts_warm", ["conflicts"], "warm"),
        ]
        for name, extra, cache in plan:
            if big and name == "json":
                row[name] = Measure(note="not run at this size")
                continue
            if cache == "warm":  # the cache as `validate` leaves it
                shutil.rmtree(WARM_CACHE, ignore_errors=True)
                timed([*cli, "validate", "--claims", str(claims)], args.timeout, cache="warm")
            print(f"  {n:>9,} claims: claimcheck {' '.join(extra)} ({cache} cache) ...", file=sys.stderr, flush=True)
            row[name] = measure([*cli, *extra, "--claims", str(claims)], runs, args.timeout, warm=not big,
                                keep_stdout=name == "json", cache=cache)
        shutil.rmtree(WARM_CACHE, ignore_errors=True)
        if n <= args.baseline_max:
            print(f"  {n:>9,} claims: baseline ...", file=sys.stderr, flush=True)
            row["baseline"] = measure([sys.executable, str(HERE / "baseline.py"), "--claims", str(claims)],
                                      1 if n >= 100_000 else min(runs, 3), args.baseline_timeout, warm=False,
                                      keep_stdout=True)
        else:
            row["baseline"] = Measure(note="not run at this size")
        same = None
        if row["baseline"].ok and row["json"].ok:
            fast = reduce_conflicts_doc(json.loads(row["json"].runs[-1].stdout))
            same = fast == json.loads(row["baseline"].runs[-1].stdout)
        row["same"] = same
        for m in (row["json"], row["baseline"]):
            for r in m.runs:
                r.stdout = b""
        rows.append(row)
        v, c, w = row["validate"].median, row["conflicts"].median, row["conflicts_warm"].median
        print(f"  {n:>9,} claims: validate {fmt(v)} s, conflicts {fmt(c)} s (after validate {fmt(w)} s), "
              f"baseline {fmt(row['baseline'].median) + ' s' if row['baseline'].ok else 'not run'}", file=sys.stderr, flush=True)
    check = None
    if CHECK_SIZE in sizes and args.check_articles:
        print(f"  {CHECK_SIZE:>9,} claims: check ...", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, str(HERE / "check_bench.py"), "--scale",
                               str(dataset(args.data, CHECK_SIZE, args.seed).parent), "--articles",
                               str(args.check_articles), "--runs", "3"], capture_output=True, text=True)
        check = done.stdout.strip() + (f"\n(failed: exit {done.returncode}: {done.stderr.strip()[-300:]})" if done.returncode else "")
    text = render(rows, info, args, check)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def _sum(*ms: Measure) -> float | None:
    return sum(m.median for m in ms) if all(m.ok for m in ms) else None


def render(rows: list[dict], info: dict, args, check: str | None = None) -> str:
    out = [
        "# Scale benchmark results",
        "",
        f"Written by `python benchmarks/run.py{' --full' if any(r['n'] >= FULL_SIZE for r in rows) else ''}` on {info['date']}.",
        "",
        f"Machine: {info['nproc']} cores ({info['cpu']}), Python {info['python']}, {info['os']}; "
        f"load average at the start {info['load']} (the machine is shared, so figures carry some noise).",
        "",
        f"Claim sets from `benchmarks/generate.py` (seed {args.seed}, {PER_SOURCE} claims per source, an article per source). "
        "Times are wall-clock medians of whole processes after a warm-up run (at 1,000,000 claims: one run, after "
        "reading the files once). *First run*: an empty cache, so the command reads and checks every file (and "
        "stores the claim set for the next command). *After validate*: the cache `validate` left, so `conflicts` "
        "reads the claim set back after checking that no input changed. CPU is user+system of the process and its "
        "workers. Peak memory is the whole process tree (PSS, forked workers counted once) or the largest process, "
        "whichever is larger.",
        "",
        "| claims | sources | input MB | runs | validate, first run (s) | conflicts, first run (s) | conflicts after validate (s) "
        "| validate + conflicts (s) | target (s) | both first runs (s) | CPU validate / conflicts (s) | peak memory (MB) "
        "| conflicts --format json, first run (s) | baseline (s) | speed-up | same groups and statuses |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for r in rows:
        v, c, w, j, b = r["validate"], r["conflicts"], r["conflicts_warm"], r["json"], r["baseline"]
        pair, cold = _sum(v, w), _sum(v, c)
        target = TARGETS.get(r["n"])
        met = "" if target is None or pair is None else (" ✓" if pair < target else " ✗")
        peak = max((m.peak_mb for m in (v, c, w, j) if m.peak_mb), default=None)
        if peak and r["n"] >= FULL_SIZE:
            met_mem = " ✓" if peak < MEMORY_TARGET_MB else " ✗"
        else:
            met_mem = ""
        speed = f"{b.median / j.median:.0f}×" if b.ok and j.ok else "n/a"
        if b.ok and j.ok and r["n"] == 100_000:
            speed += " ✓" if b.median / j.median >= SPEEDUP_TARGET else " ✗"
        base = fmt(b.median, 1) if b.ok else (b.note or "not run")
        same = {None: "n/a", True: "yes", False: "**NO**"}[r["same"]]

        def cell(m: Measure) -> str:
            return fmt(m.median) if m.ok else (m.note or "not run")

        out.append(f"| {r['n']:,} | {r['sources']:,} | {r['mb']:.0f} | {r['runs']} | {cell(v)} | {cell(c)} | {cell(w)} | "
                   f"{fmt(pair)}{met} | {target or ''} | {fmt(cold)} | {fmt(v.cpu, 1)} / {fmt(c.cpu, 1)} | "
                   f"{fmt(peak, 0)}{met_mem} | {cell(j)} | {base} | {speed} | {same} |")
    out += ["", "Growth exponents, log(t2/t1)/log(n2/n1), between consecutive sizes "
                f"(target ≤ {EXPONENT_TARGET}; at 1,000 claims start-up dominates, so the first step says little):", "",
            "| from → to | validate, first run | conflicts, first run | conflicts after validate | validate + conflicts | baseline |",
            "|---|---:|---:|---:|---:|---:|"]
    for a, b in zip(rows, rows[1:]):
        def pair(key):
            return exponent((a["n"], a[key].median), (b["n"], b[key].median))
        both = exponent((a["n"], _sum(a["validate"], a["conflicts_warm"])), (b["n"], _sum(b["validate"], b["conflicts_warm"])))
        out.append(f"| {a['n']:,} → {b['n']:,} | {pair('validate')} | {pair('conflicts')} | {pair('conflicts_warm')} | "
                   f"{both} | {pair('baseline')} |")
    out += ["", "Targets: validate + conflicts (a first `validate`, then `conflicts`) under 5 s at 100,000 claims and "
            f"under 60 s at 1,000,000; peak memory under {MEMORY_TARGET_MB:,} MB; growth exponent ≤ {EXPONENT_TARGET}; at "
            f"least {SPEEDUP_TARGET}× faster than the baseline at 100,000 claims (speed-up: baseline ÷ a first run of "
            "`conflicts --format json`, the command it reproduces, with no cache), with the same groups and statuses. "
            "✓ met, ✗ missed.", ""]
    if check:
        out += [f"`check` at {CHECK_SIZE:,} claims (`python benchmarks/check_bench.py --scale ... --articles "
                f"{args.check_articles} --runs 3`; targets: one article under {CHECK_TARGETS[0]:.0f} s, "
                f"{args.check_articles:,} articles with --jobs 2 under {CHECK_TARGETS[1]:.0f} s):", "", "```text", check, "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
