"""The bad-input corpus: each case builds a claim set (or an input file) in a folder and says
what a user must see. Small cases are files beside this one; large ones are generated here."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
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
]
