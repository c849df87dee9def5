"""The command line as a user meets it: output, filters, exit codes, help."""

import json
import os
import subprocess
import sys

import pytest

from claimcheck import __version__
from claimcheck.cli.app import app, main

from conftest import CLAIMS, ROOT


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"claimcheck {__version__}"


def test_validate_bundled(run):
    result = run("validate", "--claims", CLAIMS)
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 59 claims from 5 sources on 25 topics")


def test_conflicts_plain_output_lists_conflicts_first(run):
    result = run("conflicts", "--claims", CLAIMS)
    assert result.exit_code == 0
    heads = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert heads[:4] == [
        "CONFLICT  afghan_delegation.leader  (3 claims, 2 sources)",
        "CONFLICT  ceasefire.initial_date  (2 claims, 1 sources)",
        "CONFLICT  pakistan_delegation.size  (2 claims, 2 sources)",
        "CONFLICT  talks.outcome  (11 claims, 5 sources)",
    ]
    assert "\x1b[" not in result.stdout and "│" not in result.stdout
    assert '001-71e8: own reporting: "The Afghan delegation is led by Deputy Interior Minister Rahmatullah Mujib"' in result.stdout


def test_conflicts_json_shape(run):
    result = run("conflicts", "--claims", CLAIMS, "--format", "json", "--topic", "pakistan_delegation.size")
    doc = json.loads(result.stdout)
    (group,) = doc["groups"]
    assert group["topic"] == "pakistan_delegation.size" and group["status"] == "conflict"
    assert [(v["value"], v["display"], v["sources"]) for v in group["values"]] == [(2, "2", ["000-fa57"]), (7, "7", ["001-71e8"])]
    claim = group["values"][0]["claims"][0]
    assert claim["source"] == "000-fa57" and claim["attributed_to"] == "The Express Tribune"
    assert "two-member team" in claim["quote"]
    assert group["self_contradictions"] == []


def test_json_typed_values(run):
    doc = json.loads(run("conflicts", "--claims", CLAIMS, "--format", "json").stdout)
    by_topic = {g["topic"]: g for g in doc["groups"]}
    doha = {v["display"]: v["value"] for v in by_topic["ceasefire.doha_date"]["values"]}
    assert doha == {"2025-10-19": "2025-10-19", "2025-10-18 to 2025-10-19": {"start": "2025-10-18", "end": "2025-10-19"}}
    deaths = by_topic["clashes.deaths"]["values"][0]["value"]
    assert deaths == {"text": "dozens", "min": 24, "max": 99}
    assert by_topic["ceasefire.initial_date"]["self_contradictions"] == ["003-bbce"]


@pytest.mark.parametrize("args,topics", [
    (["--status", "partial"], {"asif.open_war_quote", "ceasefire.doha_date", "clashes.duration", "conflict.trigger",
                               "doha_talks.dates", "istanbul_talks.mediators"}),
    (["--topic", "ceasefire.*", "--status", "conflict"], {"ceasefire.initial_date"}),
    (["--topic", "border.*", "--status", "conflict"], set()),  # topics match; none conflicts: an empty result
])
def test_filters(run, args, topics):
    doc = json.loads(run("conflicts", "--claims", CLAIMS, "--format", "json", *args).stdout)
    assert {g["topic"] for g in doc["groups"]} == topics


@pytest.mark.parametrize("pattern,hint", [
    ("pakistan_delegation.sise", "did you mean 'pakistan_delegation.size', 'pakistan_delegation.leader' or "
                                 "'afghan_delegation.leader'?"),
    ("ceasefire", "did you mean 'ceasefire.*' (a glob: ceasefire.initial_date, ceasefire.initial_duration, "
                  "ceasefire.doha_date and 1 more)?"),
    ("nothing.*", "topics are afghan_delegation.*, asif.*, border.*, ceasefire.*, clashes.*, conflict.*, ..."),
])
@pytest.mark.parametrize("command", ["conflicts", "report"])
def test_a_topic_filter_matching_nothing_is_a_usage_error(run, tmp_path, command, pattern, hint):
    """A typo in CI must not pass the gate: exit 2, naming what was probably meant, and nothing written."""
    extra = ["-o", tmp_path / "r.html"] if command == "report" else ["--fail-on", "conflict"]
    result = run(command, "--claims", CLAIMS, "--topic", pattern, *extra)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: --topic: '{pattern}' matches no topic; {hint}"
    assert result.stdout == "" and not (tmp_path / "r.html").exists()


def test_a_filtered_view_says_how_many_topics_it_shows(run):
    last = run("conflicts", "--claims", CLAIMS, "--topic", "ceasefire.*").stdout.rstrip().splitlines()[-1]
    assert last.endswith("; showing 4 of 25 topics")
    assert "showing" not in run("conflicts", "--claims", CLAIMS).stdout


def test_fail_on(run):
    assert run("conflicts", "--claims", CLAIMS, "--fail-on", "conflict").exit_code == 1
    assert run("conflicts", "--claims", CLAIMS, "--status", "agree", "--fail-on", "conflict").exit_code == 0
    assert run("conflicts", "--claims", CLAIMS).exit_code == 0


def test_usage_errors_exit_2(run, tmp_path):
    assert run("conflicts", "--status", "bogus").exit_code == 2
    result = run("conflicts", "--claims", tmp_path / "missing")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {tmp_path / 'missing'}: claims folder not found; pass --claims DIR, "
                                     "or start a claim set with `claimcheck init DIR`")


def test_main_returns_exit_code():
    assert main(["--version"]) == 0
    assert main(["conflicts", "--claims", str(CLAIMS), "--fail-on", "conflict"]) == 1
    assert main(["no-such-command"]) == 2


def test_every_command_has_help_with_an_example():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help, name
        assert "Example: claimcheck" in command.help, name


def test_rich_table_on_a_terminal_respects_no_color(tmp_path):
    """Through a real pseudo-terminal: a table with box drawing, and no colour codes under NO_COLOR."""
    pty = pytest.importorskip("pty")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "TERM": "xterm"}
    out = bytearray()

    def read(fd):
        data = os.read(fd, 65536)
        out.extend(data)
        return data

    code = f"import sys; sys.argv=['claimcheck','conflicts','--claims',{str(CLAIMS)!r},'--status','conflict']; from claimcheck.cli.app import main; sys.exit(main())"
    old = dict(os.environ)
    os.environ.update(env)
    try:
        pid_status = pty.spawn([sys.executable, "-c", code], read)
    finally:
        os.environ.clear()
        os.environ.update(old)
    text = out.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(pid_status) == 0
    assert "╭" in text and "✗ conflict" in text
    import re

    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|38;[0-9;]+)m", text)  # bold and italic stay; colours go


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.strip() == f"claimcheck {__version__}"


def test_the_command_ends_without_teardown_yet_writes_everything(tmp_path):
    # run() leaves by os._exit: what main() printed must still all arrive, with main()'s exit code.
    cmd = [sys.executable, "-m", "claimcheck", "conflicts", "--claims", str(CLAIMS)]
    whole = subprocess.run([*cmd, "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert whole.returncode == 0
    assert json.loads(whole.stdout)["summary"]["claims"] > 0
    with open(tmp_path / "out.txt", "w") as f:  # a file: block-buffered, so the last block is flushed by run()
        code = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, cwd=ROOT).returncode
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert code == 0 and text.rstrip().splitlines()[-1].startswith(f"{json.loads(whole.stdout)['summary']['topics']} topics from")
    failing = subprocess.run([*cmd, "--fail-on", "conflict"], capture_output=True, text=True, cwd=ROOT)
    assert failing.returncode == 1
    missing = subprocess.run([sys.executable, "-m", "claimcheck", "validate", "--claims", str(tmp_path / "nowhere")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and missing.stderr.startswith("error: ") and "Traceback" not in missing.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    claims = generate(tmp_path / "set", sources=60, claims_per_source=20, seed=3)  # output well past a pipe's buffer
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "conflicts", "--claims", str(claims), "--verbose"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "CLAIMCHECK_CACHE": "0"})
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 0 and err == ""
