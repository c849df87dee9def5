"""Writing reports and drafts: replaced whole or left as they were, temporary files never left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimcheck.output import atomic
from claimcheck.errors import UsageError


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".cc-")]


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt(), atomic.Terminated()],
                         ids=["disk full", "Ctrl-C", "SIGTERM"])
def test_a_failed_or_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failure):
    out = tmp_path / "report.md"
    out.write_text("old")

    def fail(fd):
        raise failure

    monkeypatch.setattr(atomic.os, "fsync", fail)
    with pytest.raises((UsageError, KeyboardInterrupt, atomic.Terminated)):
        atomic.write_atomic(out, "new")
    assert out.read_text() == "old" and _temps(tmp_path) == []


def test_sigterm_in_a_write_removes_the_temporary_file(tmp_path, monkeypatch):
    atomic.on_termination()
    out = tmp_path / "report.md"
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGTERM))
    try:
        with pytest.raises(atomic.Terminated):
            atomic.write_atomic(out, "new")
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    assert not out.exists() and _temps(tmp_path) == []


def test_a_long_name_can_be_written(tmp_path):
    out = tmp_path / ("r" * 250)  # the longest name most file systems take: the temporary name is short whatever it is
    atomic.write_atomic(out, "x")
    assert out.read_text() == "x" and _temps(tmp_path) == []


def test_a_stale_temporary_of_a_live_process_is_kept(tmp_path):
    import hashlib

    out = tmp_path / "report.md"
    tag = hashlib.blake2b(out.name.encode(), digest_size=10).hexdigest()
    live = tmp_path / f".cc-{tag}.{os.getppid()}.0badf00d.tmp"  # a process that is still running may still be writing
    gone = tmp_path / f".cc-{tag}.99999999.0badf00d.tmp"
    other = tmp_path / f".cc-{'0' * 20}.99999999.0badf00d.tmp"  # another file's
    for p in (live, gone, other):
        p.write_text("half")
        os.utime(p, (1000, 1000))
    atomic.write_atomic(out, "x")
    assert live.exists() and other.exists() and not gone.exists()


def _default_signals():
    """SIGINT as a terminal sends it (a shell running the tests in the background ignores it, and its children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def test_interrupted_report_runs_leave_no_temporary_file(tmp_path):
    """Real processes, SIGTERM or SIGINT at several moments: exit 143 or 130 (or done, 0), the report
    whole or absent, and never a temporary file left."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "bad_inputs"))
    from cases import big_set

    claims = big_set(tmp_path / "set", 1000)  # a report long enough to be interrupted on a fast machine
    env = {**os.environ, "CLAIMCHECK_CACHE": "0", "NO_COLOR": "1"}
    codes = set()
    for sig in (signal.SIGTERM, signal.SIGINT):
        for delay in (0.3, 0.5, 0.8, 1.2, 1.6, 2.2, 3.0):
            out = tmp_path / f"r-{sig}-{delay}.html"
            proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "report", "-o", str(out), "--claims", str(claims)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, preexec_fn=_default_signals)
            time.sleep(delay)
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=60)
            codes.add(proc.returncode)
            assert proc.returncode in (0, 130, 143, -sig), err
            assert b"Traceback" not in err
            assert not out.exists() or out.read_text("utf-8").rstrip().endswith("</html>")
            assert _temps(tmp_path) == []
    assert codes & {130, 143}  # some signals did land while the command ran
