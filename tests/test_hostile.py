"""Article text is untrusted: escape sequences and markup in quotes print literally, never act."""

import json
import os
import subprocess
import sys

from claimcheck.output.terminal import inert

HOSTILE = "Asif said \x1b[2J\x1b[31mRED\x1b[0m [bold red]loud[/] [link=http://evil.example]x[/link] \u202eevil\u202c end"


def hostile_set(scratch):
    scratch.article("a.txt", f"Pakistan's seven-member delegation arrived. {HOSTILE}.")
    scratch.source("a.yaml", f"""
        id: a
        outlet: A News
        text: ../articles/a.txt
        claims:
          - topic: pakistan_delegation.size
            value: 7
            quote: "Pakistan's seven-member delegation arrived."
          - topic: asif.open_war_quote
            value: {json.dumps(HOSTILE)}
            quote: {json.dumps(HOSTILE)}
            attributed_to: "[blink]Khawaja Asif[/blink]"
        """)
    return scratch.claims


def test_inert_shows_control_characters_as_codes():
    assert inert("a\x1b[2Jb\x07c\u202ed") == "a\\x1b[2Jb\\x07c\\u202ed"


def test_plain_output_prints_hostile_text_literally(scratch, run):
    result = run("conflicts", "--claims", hostile_set(scratch), "--verbose")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J\\x1b[31mRED\\x1b[0m [bold red]loud[/] [link=http://evil.example]x[/link]" in result.stdout
    assert "[blink]Khawaja Asif[/blink]" in result.stdout


def test_terminal_table_prints_markup_literally(scratch):
    pty = __import__("pty")
    claims = hostile_set(scratch)
    out = bytearray()

    def read(fd):
        data = os.read(fd, 65536)
        out.extend(data)
        return data

    code = (f"import sys; sys.argv=['claimcheck','conflicts','--claims',{str(claims)!r},'--verbose']; "
            "from claimcheck.cli.app import main; sys.exit(main())")
    env = dict(os.environ)
    os.environ.update({"COLUMNS": "250", "TERM": "xterm", "NO_COLOR": "1"})
    try:
        pty.spawn([sys.executable, "-c", code], read)
    finally:
        os.environ.clear()
        os.environ.update(env)
    text = out.decode("utf-8", "replace")
    assert "[bold red]loud[/]" in text and "[blink]Khawaja" in text
    assert "\x1b[2J" not in text and "\x1b]8;" not in text  # no screen clear, no hyperlink escape


def test_no_command_modifies_the_claim_set(tmp_path):
    import shutil

    from conftest import ROOT
    from test_bad_inputs import snapshot

    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    before = snapshot(tmp_path)
    for args in (["validate"], ["conflicts"], ["conflicts", "--format", "json"], ["conflicts", "--fail-on", "conflict"]):
        subprocess.run([sys.executable, "-m", "claimcheck", *args, "--claims", str(tmp_path / "claims")],
                       capture_output=True, cwd=tmp_path, check=False)
    assert snapshot(tmp_path) == before
