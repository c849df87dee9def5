"""The bad-input corpus: each case builds a claim set (or an input file) in a folder and says
what a user must see. Small cases are files beside this one; large ones are generated here.

CASES are hostile claim sets, run through every command. RUNS are hostile surroundings of one
command (special files named on the command line or planted in the cache folder, output targets
that are not files, adversarial text that used to take quadratic time): each builds its folder and
says what to run, what the user must see, and what must hold afterwards (tests/test_bad_inputs.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CODEBOOK = REPO / "claims" / "topics.yaml"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]  # folder -> the claims folder to pass with --claims
    exit_code: int
    message: str  # the start of the first stderr line, after the path
    args: tuple[str, ...] = ()  # options added to every command
    never: str = ""  # text that must appear nowhere in the output (a system file's content)


def _base(root: Path, source: str | None = None, codebook: str | None = None) -> Path:
    claims, articles = root / "claims", root / "articles"
    claims.mkdir(parents=True)
    articles.mkdir()
    (claims / "topics.yaml").write_text(codebook if codebook is not None else CODEBOOK.read_text("utf-8"), "utf-8")
    shutil.copy(HERE / "good-article.txt", articles / "a.txt")
    if source is not None:
        (claims / "src.yaml").write_text(source, "utf-8")
    return claims


def _good() -> str:
    return (HERE / "good-source.yaml").read_text("utf-8")


def _fixture(name: str) -> Callable[[Path], Path]:
    def build(root: Path) -> Path:
        claims = _base(root)
        shutil.copy(HERE / "claims" / f"{name}.yaml", claims / "src.yaml")
        return claims
    return build


def _codebook_edit(old: str, new: str) -> Callable[[Path], Path]:
    def build(root: Path) -> Path:
        text = CODEBOOK.read_text("utf-8")
        assert old in text, old
        return _base(root, _good(), text.replace(old, new, 1))
    return build


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def build(root: Path) -> Path:
        claims = _base(root)
        (claims / "src.yaml").write_bytes(data)
        return claims
    return build


def _missing_folder(root: Path) -> Path:
    return root / "no-such-folder"


def _empty_folder(root: Path) -> Path:
    (root / "claims").mkdir()
    return root / "claims"


def _only_text_files(root: Path) -> Path:
    claims = _base(root)
    (claims / "notes.txt").write_text("not a claim file")
    return claims


def _claims_is_a_file(root: Path) -> Path:
    (root / "claims.yaml").write_text(_good())
    return root / "claims.yaml"


def _symlink_loop(root: Path) -> Path:
    claims = _base(root, _good().replace("../articles/a.txt", "../articles/loop1"))
    os.symlink("loop2", root / "articles" / "loop1")
    os.symlink("loop1", root / "articles" / "loop2")
    return claims


def _article_is_folder(root: Path) -> Path:
    return _base(root, _good().replace("../articles/a.txt", "../articles"))


def _article_binary(root: Path) -> Path:
    claims = _base(root, _good())
    (root / "articles" / "a.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    return claims


def _huge_file(root: Path) -> Path:
    claims = _base(root)
    with open(claims / "src.yaml", "w") as f:
        f.write("id: big\nnote: \"")
        f.write("a" * (11 * 1024 * 1024))
        f.write("\"\n")
    return claims


def _deep_nesting(root: Path) -> Path:
    return _base(root, "id: x\nnote: " + "[" * 5000 + "]" * 5000 + "\n")


def _duplicate_source_ids(root: Path) -> Path:
    claims = _base(root, _good())
    (claims / "src2.yaml").write_text(_good())
    return claims


def _hostile_yaml_text(root: Path) -> Path:
    # An unknown key whose name carries an escape sequence and rich markup: shown inert.
    return _base(root, _good().replace("outlet:", "\"\\e[2J[bold red]x\": 1\noutlet:"))


def _claim_file_link(target: str) -> Callable[[Path], Path]:
    """A claim file that is a symbolic link (git stores them, so a shared claim set can carry one)."""
    def build(root: Path) -> Path:
        claims = _base(root)
        os.symlink(target, claims / "src.yaml")
        return claims
    return build


def _codebook_link(target: str | Path) -> Callable[[Path], Path]:
    def build(root: Path) -> Path:
        claims = _base(root, _good())
        (claims / "topics.yaml").unlink()
        os.symlink(target, claims / "topics.yaml")
        return claims
    return build


def _article_link(target: str) -> Callable[[Path], Path]:
    def build(root: Path) -> Path:
        claims = _base(root, _good())
        (root / "articles" / "a.txt").unlink()
        os.symlink(target, root / "articles" / "a.txt")
        return claims
    return build


def _fifo(where: str) -> Callable[[Path], Path]:
    """A FIFO (no writer: reading it would wait for ever) where a claim file, the codebook or an article should be."""
    def build(root: Path) -> Path:
        claims = _base(root, _good())
        target = {"claim": claims / "src.yaml", "codebook": claims / "topics.yaml", "article": root / "articles" / "a.txt"}[where]
        target.unlink()
        os.mkfifo(target)
        return claims
    return build


def _quote_with_space_run(root: Path) -> Path:
    # A quote not in the article with a long run of spaces: the ellipsis split used to backtrack over it.
    return _base(root, _good().replace("Pakistan's seven-member delegation arrived.", "Pakistan" + " " * 200_000 + "x"))


def _long_quote_not_found(root: Path) -> Path:
    # A 200 KB quote that is not in a 2 MB article: the closest-passage search grew with the product.
    claims = _base(root, _good().replace("Pakistan's seven-member delegation arrived.", "zebra crossing " * 13_000))
    (root / "articles" / "a.txt").write_text((HERE / "good-article.txt").read_text("utf-8") * 20_000, "utf-8")
    return claims


CASES: list[Case] = [
    *[Case(f"claims/{p.stem}", _fixture(p.stem), 1, "") for p in sorted((HERE / "claims").glob("*.yaml"))],
    Case("codebook/unknown-key", _codebook_edit("    type: person\n", "    type: person\n    descripton: x\n"), 1,
         "unknown key 'descripton'; did you mean 'description'?"),
    Case("codebook/unknown-type", _codebook_edit("    type: person\n", "    type: persn\n"), 1,
         "topics.afghan_delegation.leader.type: input should be"),
    Case("codebook/compatible-unknown-label", _codebook_edit("      - [deadlock, no_agreement]", "      - [deadlock, stalled]"), 1,
         "topic 'talks.outcome': compatible label 'stalled' is not one of its labels"),
    Case("codebook/empty", lambda root: _base(root, _good(), ""), 1, "the file is empty"),
    Case("files/binary-claim-file", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50), 1, "claim file is binary"),
    Case("files/not-utf8", _bytes("id: caf\u00e9\n".encode("latin-1")), 1, "claim file is not UTF-8"),
    Case("files/bom-is-fine-but-bad-key",
         lambda root: _bytes(b"\xef\xbb\xbf" + _good().replace("outlet:", "bogus: 1\noutlet:").encode())(root),
         1, "src.yaml:2:1: unknown key 'bogus'"),
    Case("files/over-size-cap", _huge_file, 1, "claim file is 11,534,3"),
    Case("files/deep-nesting", _deep_nesting, 1, "values nested more than 50 levels deep"),
    Case("files/missing-folder", _missing_folder, 2, "claims folder not found; pass --claims DIR"),
    Case("files/empty-folder", _empty_folder, 2, "codebook not found"),
    Case("files/only-non-yaml", _only_text_files, 2, "holds no claim files (*.yaml besides topics.yaml); found only notes.txt"),
    Case("files/claims-is-a-file", _claims_is_a_file, 2, "is not a folder"),
    Case("files/article-symlink-loop", _symlink_loop, 1, "article path '../articles/loop1' cannot be resolved"),
    Case("files/article-is-folder", _article_is_folder, 1, "article '../articles': is a folder"),
    Case("files/article-binary", _article_binary, 1, "article '../articles/a.txt': article is binary"),
    Case("structure/duplicate-source-ids", _duplicate_source_ids, 1, "source id 'src-a' is already used by"),
    Case("hostile/escape-in-key", _hostile_yaml_text, 1, "unknown key '\\x1b[2J[bold red]x'"),
    # Special files: never read until memory runs out, never waited on, never echoed.
    Case("special/claim-file-links-to-dev-zero", _claim_file_link("/dev/zero"), 1,
         "claim file is a link to a file outside the claim set's root"),
    Case("special/claim-file-links-to-a-system-file", _claim_file_link("/etc/passwd"), 1,
         "claim file is a link to a file outside the claim set's root", never="root:"),
    Case("special/claim-file-links-to-dev-zero-allowed", _claim_file_link("/dev/zero"), 1,
         "claim file is a character device, not a regular file", args=("--allow-outside",)),
    Case("special/claim-file-links-to-dev-urandom-allowed", _claim_file_link("/dev/urandom"), 1,
         "claim file is a character device, not a regular file", args=("--allow-outside",)),
    Case("special/claim-file-is-a-fifo", _fifo("claim"), 1, "claim file is a FIFO (named pipe), not a regular file"),
    Case("special/codebook-links-to-dev-zero", _codebook_link("/dev/zero"), 2,
         "codebook is a link to a file outside the claim set's root"),
    Case("special/codebook-links-to-a-yaml-file-elsewhere", _codebook_link(CODEBOOK), 2,
         "codebook is a link to a file outside the claim set's root"),
    Case("special/codebook-links-to-dev-zero-allowed", _codebook_link("/dev/zero"), 2,
         "codebook is a character device, not a regular file", args=("--allow-outside",)),
    Case("special/codebook-is-a-fifo", _fifo("codebook"), 2, "codebook is a FIFO (named pipe), not a regular file"),
    Case("special/article-is-a-fifo", _fifo("article"), 1,
         "article '../articles/a.txt': article is a FIFO (named pipe), not a regular file"),
    Case("special/article-links-to-dev-zero-allowed", _article_link("/dev/zero"), 1,
         "article '../articles/a.txt': article is a character device, not a regular file", args=("--allow-outside",)),
    # Untrusted text that used to take quadratic time.
    Case("slow/quote-with-a-long-run-of-spaces", _quote_with_space_run, 1, "quote not found in the article"),
    Case("slow/long-quote-not-in-a-long-article", _long_quote_not_found, 1, "quote not found in the article"),
]


# --------------------------------------------------------------------------- hostile surroundings of one command


@dataclass
class Setup:
    """What to run, and what must hold afterwards."""

    args: list[str]
    env: dict[str, str] = field(default_factory=dict)
    stdin: bytes | Callable[[], object] | None = None  # bytes, or a function opening what stdin reads
    stdout: Path | None = None  # a file (or device) stdout is sent to instead of being captured
    close_stdout: bool = False  # start the command with stdout closed
    after: Callable[[subprocess.CompletedProcess], None] | None = None


@dataclass(frozen=True)
class Run:
    name: str
    build: Callable[[Path], Setup]  # folder -> what to run
    exit_code: int
    message: str  # in the first line of stderr ("" when the command is to say nothing there)


CLI = [sys.executable, "-m", "claimcheck"]
#: Characters that must never reach a terminal raw (claimcheck.output.safetext.UNSAFE, spelled out again here).
UNSAFE = [chr(c) for c in (*range(0, 9), *range(11, 32), *range(0x7f, 0xa0), 0x061c, 0x200e, 0x200f,
                           *range(0x202a, 0x202f), *range(0x2066, 0x206a))]


def big_set(root: Path, n: int = 100) -> Path:
    """A valid claim set of n sources, each with its own article: large enough for the cache (load.CACHE_MIN_FILES)
    and for a stored passage index (passages.PERSIST_MIN_SOURCES)."""
    claims = _base(root)
    good = _good()
    for i in range(n):
        (root / "articles" / f"a{i:03d}.txt").write_text(
            (HERE / "good-article.txt").read_text("utf-8") + f"\nReport number {i} of the talks, filed by desk {i}.\n", "utf-8")
        (claims / f"s{i:03d}.yaml").write_text(
            good.replace("id: src-a", f"id: src-{i:03d}").replace("../articles/a.txt", f"../articles/a{i:03d}.txt"), "utf-8")
    return claims


def cached_run(root: Path, *args: str) -> tuple[Path, Path, bytes]:
    """A big set, a private cache folder, and the command run once (the cache filled); returns the
    claims folder, the cache folder and what the command printed."""
    claims = big_set(root)
    cache = root / "cache"
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("CLAIMCHECK_CACHE", None)
    out = subprocess.run([*CLI, *args, "--claims", str(claims)], capture_output=True, env=env, check=True).stdout
    return claims, cache, out


def _only(folder: Path, suffix: str) -> Path:
    (found,) = folder.glob("*" + suffix)
    return found


def _cache_env(cache: Path) -> dict[str, str]:
    return {"CLAIMCHECK_CACHE_DIR": str(cache), "CLAIMCHECK_CACHE": "1"}


def _refused_folder(how: str) -> Callable[[Path], Setup]:
    def build(root: Path) -> Setup:
        claims = big_set(root)
        cache = root / "cache"
        real = root / "real"
        real.mkdir(mode=0o700)
        if how == "writable":
            cache.mkdir()
            os.chmod(cache, 0o777)
        elif how == "link":
            os.symlink(real, cache)
        else:  # another user's
            if os.geteuid() != 0:
                import pytest

                pytest.skip("needs root to give the folder to another user")
            cache.mkdir(mode=0o700)
            os.chown(cache, 65534, 65534)

        def after(proc):
            assert not [p for p in cache.iterdir()] and not list(real.iterdir())  # nothing written in it
            assert proc.stdout.startswith("CONFLICT") or "topics from" in proc.stdout

        return Setup(["conflicts", "--claims", str(claims)], _cache_env(cache), after=after)
    return build


def _planted(kind: str, command: str) -> Callable[[Path], Setup]:
    """A FIFO, a link or a damaged file where the cache keeps an entry, its companion or the passage
    index; the command must neither wait, nor follow, nor believe it."""
    def build(root: Path) -> Setup:
        args = ["check", str(HERE / "good-article.txt")] if command == "check" else ["conflicts", "--format", "json"]
        claims, cache, clean = cached_run(root, *args)
        suffix = {"entry": ".entry", "companion": ".topics", "passages": ".passages"}[kind.split(":")[0]]
        target = _only(cache, suffix)
        how = kind.split(":")[1]
        if how == "fifo":
            target.unlink()
            os.mkfifo(target)
        elif how == "same-length-edit":
            data = target.read_bytes()
            assert b"arrived" in data
            target.write_bytes(data.replace(b"arrived", b"departs"))
        elif how == "forged-link":  # a well-formed entry for the same inputs but other claims, reached by a link
            sys.path.insert(0, str(REPO / "src"))
            from claimcheck.speed import cachefile, cache as cachemod

            opened = cachefile.open_file(cache, target.name, "entry", cachemod.FORMAT)
            sections = [opened.section(i) for i in range(len(opened.places))]
            opened.close()
            sections = [s.replace(b"arrived", b"departs") for s in sections]
            elsewhere = root / "elsewhere"
            elsewhere.mkdir(mode=0o700)
            header = {k: v for k, v in opened.header.items() if k not in ("kind", "sections")}
            assert cachefile.write(elsewhere, target.name, "entry", header, sections)
            target.unlink()
            os.symlink(elsewhere / target.name, target)
        elif how == "pickle":  # what the cache used to be: a pickle that runs code when loaded
            import pickle

            class Payload:
                def __reduce__(self):
                    return (os.system, (f"touch {root / 'ran'}",))

            target.write_bytes(pickle.dumps(Payload()))
            (cache / "0123.pickle").write_bytes(pickle.dumps(Payload()))

        def after(proc):
            assert proc.stdout.encode() == clean  # the same result as with a clean cache: nothing planted believed
            assert not (root / "ran").exists()
            if how == "fifo":
                assert target.is_file()  # neither read nor waited on: replaced by a fresh file

        return Setup([*args, "--claims", str(claims)], _cache_env(cache), after=after)
    return build


def _prune_foreign(root: Path) -> Setup:
    claims = big_set(root)
    cache = root / "cache"
    cache.mkdir(mode=0o700)
    foreign = {"notes.txt": b"mine", "old.pickle": b"x" * 4096, f"{7:032x}.entry": b"no header here",
               ".not-ours.tmp": b"x"}
    for name, data in foreign.items():
        (cache / name).write_bytes(data)
        os.utime(cache / name, (1000, 1000))
    stale = cache / f".{9:032x}.entry.99999999.0badf00d.tmp"  # a temporary file of a run that was killed
    stale.write_bytes(b"claimcheck cache")
    os.utime(stale, (1000, 1000))

    def after(proc):
        kept = [p.name for p in cache.iterdir() if p.name in foreign or not p.name.endswith((".entry", ".output"))]
        assert sorted(kept) == sorted(foreign)  # every file of the user's, however old, over any budget
        assert not stale.exists()

    return Setup(["conflicts", "--claims", str(claims)], {**_cache_env(cache), "CLAIMCHECK_CACHE_MAX_MB": "0"}, after=after)


def _report_to(target: str, fmt: str = "md") -> Callable[[Path], Setup]:
    def build(root: Path) -> Setup:
        claims = _base(root, _good())
        out = root / "out"
        reader = None
        if target == "fifo-with-reader":
            os.mkfifo(out)
            reader = subprocess.Popen(["cat", str(out)], stdout=open(root / "got", "wb"))
        elif target == "fifo":
            os.mkfifo(out)
        elif target == "link":
            (root / "real.md").write_text("old")
            os.symlink(root / "real.md", out)
        elif target == "long-name":
            out = root / ("a" * 247 + ".md")
        elif target == "stale-temp":
            import hashlib

            out = root / "report.md"
            tag = hashlib.blake2b(out.name.encode(), digest_size=10).hexdigest()
            stale = root / f".cc-{tag}.99999999.0badf00d.tmp"
            stale.write_text("half a report")
            os.utime(stale, (1000, 1000))
        else:  # a device or /dev/stdout
            out = Path(target)
            if not out.exists():
                import pytest

                pytest.skip(f"{target} is not on this machine")
        mode = os.stat(out).st_mode if out.exists() else None

        def after(proc):
            import stat

            if reader is not None:
                reader.wait(timeout=10)
                assert (root / "got").read_bytes().startswith(b"# claimcheck report")
            if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISLNK(os.lstat(out).st_mode):
                assert os.stat(out).st_mode == mode  # still the FIFO or device it was
            if target == "link":
                assert out.is_symlink() and (root / "real.md").read_text().startswith("# claimcheck report")
            if target in ("long-name", "stale-temp"):
                assert out.read_text().startswith("# claimcheck report")
            if target == "/dev/stdout":
                assert proc.stdout.startswith("# claimcheck report")
            assert not list(root.glob(".cc-*.tmp"))  # no temporary file left, nor a stale one kept

        return Setup(["report", "-o", str(out), "--format", fmt, "--claims", str(claims)], after=after)
    return build


def _stdout_to(where: str) -> Callable[[Path], Setup]:
    def build(root: Path) -> Setup:
        claims = _base(root, _good())
        if where == "closed":
            return Setup(["conflicts", "--claims", str(claims)], close_stdout=True)
        if not Path(where).exists():
            import pytest

            pytest.skip(f"{where} is not on this machine")
        return Setup(["conflicts", "--claims", str(claims)], stdout=Path(where))
    return build


def _named(what: str) -> Callable[[Path], Setup]:
    """A device or a pipe the user names on the command line: read, but never past the cap, never waited on."""
    def build(root: Path) -> Setup:
        claims = _base(root, _good())
        if what == "dev-zero":
            return Setup(["check", "/dev/zero", "--claims", str(claims)])
        if what == "endless-pipe":
            return Setup(["check", "/dev/stdin", "--claims", str(claims)],
                         stdin=lambda: subprocess.Popen(["yes", "The talks ended on Monday."], stdout=subprocess.PIPE).stdout)
        if what == "fifo-without-writer":
            os.mkfifo(root / "a.txt")
            return Setup(["check", str(root / "a.txt"), "--claims", str(claims)])
        if what == "stdin-over-cap":
            return Setup(["check", "-", "--claims", str(claims)], stdin=b"The talks ended. " * 700_000)
        return Setup(["validate", "--codebook", "/dev/zero", "--claims", str(claims)])  # codebook
    return build


HOSTILE = ("\x1b[2J\x07\x1b]52;c;ZXZpbA==\x07\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07\x9b31m\x85"
           "\u202eevil\u202c\u061c\u200e\u200f\u2066x\u2069\r")


def _yaml_escaped(text: str) -> str:
    return "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" if ord(ch) > 0xff
                   else f"\\x{ord(ch):02x}" for ch in text)


def _hostile_text(command: list[str]) -> Callable[[Path], Setup]:
    """Every kind of terminal-driving text in a valid claim set (quote, credit, note, article); the
    command's output, on stdout or in a file, must hold none of it raw."""
    def build(root: Path) -> Setup:
        sentence = f"Pakistan's seven-member delegation {HOSTILE} arrived in Istanbul on Saturday."
        claims = _base(root, _good().replace("Pakistan's seven-member delegation arrived.", _yaml_escaped(sentence))
                       .replace("claims:\n", f'note: "{_yaml_escaped(HOSTILE)}"\nclaims:\n')
                       + f'    attributed_to: "{_yaml_escaped("Reuters" + HOSTILE)}"\n'
                       + f'    note: "{_yaml_escaped(HOSTILE)}"\n')
        (root / "articles" / "a.txt").write_text(sentence + "\n" + "Filler text of the article. " * 200, "utf-8")
        args = [a.replace("{out}", str(root)) for a in command]
        files = [Path(a) for a in args if a.startswith(str(root)) and args[0] == "report"]

        def after(proc):
            for text in (proc.stdout, proc.stderr, *(f.read_text("utf-8") for f in files if f.suffix != ".sqlite")):
                text = text.replace("\r\n", "\n")  # CSV's own line ends
                bad = sorted({f"U+{ord(c):04X}" for c in text if c in UNSAFE} - {"U+000A"})
                assert not bad, bad
            if args[0] == "validate" or args[0] == "check" and len(args) == 2:
                return  # nothing of the claim set's text is shown (the plain check trims the sentence away)
            assert "\\x1b" in proc.stdout + "".join(f.read_text("utf-8") for f in files if f.suffix != ".sqlite") \
                or "\\u001b" in proc.stdout + "".join(f.read_text("utf-8") for f in files if f.suffix != ".sqlite")

        return Setup([*args, "--claims", str(claims)], after=after)
    return build


def _hostile_draft(root: Path) -> Setup:
    """`check --draft` on an article whose title, sentence and credit hold terminal-driving text: the
    drafted claim file must hold none of it raw (a `cat` of it is safe), only YAML escapes that read
    back as the article's characters, so `validate` still finds every quote in the article."""
    claims = _base(root, _good())
    title = f"Talks {HOSTILE} in Istanbul"
    sentence = f"Pakistan's seven-member delegation {HOSTILE} arrived in Istanbul on Saturday, according to Reuters{HOSTILE}."
    article = root / "articles" / "hostile.txt"
    article.write_text(f"{title}\n\n{sentence}\n" + "Filler text of the article. " * 200, "utf-8")
    draft = claims / "drafted.yaml"

    def after(proc):
        text = draft.read_text("utf-8")
        assert not sorted({f"U+{ord(c):04X}" for c in text if c in UNSAFE} - {"U+000A"})
        assert "\\u001b" in text and "\\u202e" in text and "\\u009b" in text  # shown as escapes, not dropped
        import yaml

        doc = yaml.safe_load(text)
        assert HOSTILE in doc["title"] and HOSTILE in doc["claims"][0]["quote"]  # read back verbatim
        assert doc["claims"][0]["attributed_to"].startswith("Reuters\x1b")
        checked = subprocess.run([*CLI, "validate", "--claims", str(claims)], capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0, checked.stderr
        assert "every quote found in its article" in checked.stdout

    return Setup(["check", str(article), "--claims", str(claims), "--draft", str(draft)], after=after)


def _slow_article(kind: str) -> Callable[[Path], Setup]:
    """An article to check whose text used to take quadratic time (the clause split, the Markdown rules)."""
    def build(root: Path) -> Setup:
        claims = _base(root, _good())
        if kind == "space-run":
            path = root / "a.txt"
            path.write_text("Pakistan's delegation of" + " " * 1_000_000 + "seven arrived on Saturday.\n", "utf-8")
        elif kind == "brackets":
            path = root / "a.md"
            path.write_text("# Talks\n\nPakistan's seven-member delegation arrived. " + "[" * 300_000 + " ![" * 100_000
                            + "](" * 100_000 + "\n", "utf-8")
        elif kind == "emphasis":
            path = root / "a.md"
            path.write_text("# Talks\n\n**Pakistan's** delegation arrived. " + "**a " * 200_000 + "__b " * 100_000
                            + "<!--" * 100_000 + "\n```x\n" * 20_000 + "#" + " " * 300_000 + "x\n", "utf-8")
        else:  # an HTML page with deep nesting and unclosed tags
            path = root / "a.html"
            path.write_text("<html><body><p>Pakistan's seven-member delegation arrived.</p>" + "<div>" * 50_000
                            + "</span>" * 50_000 + "<p<p" * 50_000 + "</body></html>", "utf-8")
        return Setup(["check", str(path), "--claims", str(claims)])
    return build


RUNS: list[Run] = [
    Run("cache/folder-writable-by-others", _refused_folder("writable"), 0, "is writable by group or others"),
    Run("cache/folder-is-a-link", _refused_folder("link"), 0, "is a symbolic link"),
    Run("cache/folder-of-another-user", _refused_folder("other user"), 0, "belongs to another user"),
    Run("cache/entry-is-a-fifo", _planted("entry:fifo", "conflicts"), 0, ""),
    Run("cache/companion-is-a-fifo", _planted("companion:fifo", "check"), 0, ""),
    Run("cache/passage-index-is-a-fifo", _planted("passages:fifo", "check"), 0, ""),
    Run("cache/entry-edited-in-place", _planted("entry:same-length-edit", "conflicts"), 0, ""),
    Run("cache/companion-edited-in-place", _planted("companion:same-length-edit", "check"), 0, ""),
    Run("cache/entry-is-a-link-to-a-forged-entry", _planted("entry:forged-link", "conflicts"), 0, ""),
    Run("cache/entry-is-a-pickle", _planted("entry:pickle", "conflicts"), 0, ""),
    Run("cache/pruning-keeps-files-not-claimchecks", _prune_foreign, 0, ""),
    Run("output/fifo-with-a-reader", _report_to("fifo-with-reader"), 0, "wrote"),
    Run("output/fifo-without-a-reader", _report_to("fifo"), 2, "cannot write the report: no process is reading this FIFO"),
    Run("output/dev-null", _report_to("/dev/null"), 0, "wrote /dev/null"),
    Run("output/dev-stdout", _report_to("/dev/stdout"), 0, "wrote /dev/stdout"),
    Run("output/dev-full", _report_to("/dev/full"), 2, "cannot write the report: No space left on device"),
    Run("output/link-to-a-file", _report_to("link"), 0, "wrote"),
    Run("output/long-name", _report_to("long-name"), 0, "wrote"),
    Run("output/stale-temporary-file", _report_to("stale-temp"), 0, "wrote"),
    Run("output/stdout-is-dev-full", _stdout_to("/dev/full"), 2, "error: cannot write the output: No space left on device"),
    Run("output/stdout-closed", _stdout_to("closed"), 2, "error: cannot write the output: standard output is closed"),
    Run("input/dev-zero-named", _named("dev-zero"), 2, "article is more than 10,485,760 bytes, over the 10,485,760-byte cap"),
    Run("input/endless-pipe-named", _named("endless-pipe"), 2, "article is more than 10,485,760 bytes"),
    Run("input/fifo-without-a-writer-named", _named("fifo-without-writer"), 2, "article is empty"),
    Run("input/stdin-over-the-cap", _named("stdin-over-cap"), 2, "article is over the 10,485,760-byte cap"),
    Run("input/codebook-dev-zero-named", _named("codebook"), 2, "codebook is more than 10,485,760 bytes"),
    *[Run(f"text/{name}", _hostile_text(c), 0, "") for name, c in (
        ("conflicts", ["conflicts"]), ("conflicts-verbose", ["conflicts", "--verbose"]),
        ("conflicts-json", ["conflicts", "--format", "json"]),
        ("report-md-on-stdout", ["report", "-o", "-", "--format", "md"]),
        ("report-csv-on-stdout", ["report", "-o", "-", "--format", "csv"]),
        ("report-json-on-stdout", ["report", "-o", "-", "--format", "json"]),
        ("report-html-on-stdout", ["report", "-o", "-", "--format", "html"]),
        ("report-md-file", ["report", "-o", "{out}/r.md"]), ("report-csv-file", ["report", "-o", "{out}/r.csv"]),
        ("report-html-file", ["report", "-o", "{out}/r.html"]), ("report-json-file", ["report", "-o", "{out}/r.json"]),
        ("validate", ["validate"]),
        ("check-json", ["check", "{out}/articles/a.txt", "--format", "json"]),
        ("check", ["check", "{out}/articles/a.txt"]), ("check-verbose", ["check", "{out}/articles/a.txt", "--verbose"]))],
    Run("text/check-draft-file", _hostile_draft, 0, ""),
    Run("slow/check-a-sentence-with-a-long-run-of-spaces", _slow_article("space-run"), 0, ""),
    Run("slow/check-markdown-with-many-brackets", _slow_article("brackets"), 0, ""),
    Run("slow/check-markdown-with-many-emphasis-marks", _slow_article("emphasis"), 0, ""),
    Run("slow/check-html-with-many-unclosed-tags", _slow_article("html"), 0, ""),
]
