"""The fast YAML reader gives exactly what the full reader gives, or hands the file over."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.claimset import yamlread_fast as yamlfast, yamlread
from claimcheck.errors import InvalidData

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted([*ROOT.glob("claims/*.yaml"), *ROOT.glob("tests/**/*.yaml"), *ROOT.glob("tests/**/*.yml")])


def same_as_full(text: str) -> bool:
    """True when the fast reader read the text; fails the test if it differs from the full reader."""
    fast = yamlfast.parse(text)
    if fast is None:
        return False
    try:
        full = yamlread.parse_full(text, "x.yaml")
    except InvalidData as exc:  # pragma: no cover - the failure being tested for
        pytest.fail(f"the fast reader accepted what the full reader refuses ({exc}):\n{text}")
    assert fast[0] == full.data and repr(fast[0]) == repr(full.data)
    assert fast[1] == full.marks
    assert fast[2] == full.key_marks
    light = yamlfast.parse(text, light=True)  # the marks it keeps are the full reader's, at least the top ones
    assert light is not None and light[0] == full.data
    for kept, every in ((light[1], full.marks), (light[2], full.key_marks)):
        assert kept.items() <= every.items()
        assert all(p in kept for p in every if len(p) < 3 or p[-1] == "id")
    return True


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_files(path: Path):
    same_as_full(path.read_text(encoding="utf-8-sig"))


def test_bundled_claim_files_take_the_fast_path():
    for path in ROOT.glob("claims/*.yaml"):
        assert yamlfast.parse(path.read_text(encoding="utf-8")) is not None, path


def test_generated_files_take_the_fast_path(tmp_path: Path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    claims = generate(tmp_path, sources=20, claims_per_source=8, seed=3)
    for path in claims.glob("*.yaml"):
        assert same_as_full(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # duplicate key
    "a: &x 1\nb: *x\n",  # anchors
    "a: !!python/name:os.system x\n",
    "a: |\n  block\n",
    "a: plain\n  continued\n",
    'a: "open\n  closed"\n',
    "a:\tb\n",
    "---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "- a\n- b\n",
    "a: b: c\n",
    "a: [x,]\n",
    "a: 2025-02-30\n",
    "on: 1\n",
    "a:\nb: 1\n",
    "",
    "# only a comment\n",
])
def test_hands_over(text: str):
    assert yamlfast.parse(text) is None


def test_resolves_like_yaml():
    data, marks, keys = yamlfast.parse('a: 7\nb: 2025-10-19\nc: null\nd: "7"\ne: [Qatar, "Türkiye", 2025-10-17]\n'
                                       "f: yes\ng: 1.5\nh: ~\ni: 'it''s'\nj: a#not a comment\nk: x # a comment\n")
    import datetime as dt

    assert data == {"a": 7, "b": dt.date(2025, 10, 19), "c": None, "d": "7", "e": ["Qatar", "Türkiye", dt.date(2025, 10, 17)],
                    "f": True, "g": 1.5, "h": None, "i": "it's", "j": "a#not a comment", "k": "x"}
    assert marks[("e", 1)] == (5, 12) and keys[("k",)] == (11, 1)


_KEYS = ["id", "value", "quote", "a.b", "x-y", "on", "null", "k1", "Key", "1a", "a b", '"q"']
_VALUES = [
    "plain", "two words", "7", "-5", "0x1F", "1_000", "1e3", ".inf", "~", "null", "yes", "2025-10-19", "2025-13-45",
    "2025-10-19 10:00:00", "2025-10", '"dq"', '"a \\" b"', '"\\u00e9"', '"\\x41"', '"\\/"', '"tab\\tx"', "'sq'", "'it''s'",
    '"unclosed', "'unclosed", "[a, b]", "[a,]", "[]", "[ ]", '["x", \'y\']', "[-a, b c]", "[a: b]", "[[a]]", "[a, [b]]",
    "{a: 1}", "|", ">", "&a x", "*a", "!!str x", "@x", "%x", "`x", ": x", "a: b", "a:b", "a #c", "a#c", "a # c", "x:",
    "'a' b", '"a"b', '"a" # c', "Türkiye", "“curly”", "-", "- x", "-member", "?x", "? x", ",x", "a, b", "http://x/y",
]

_COMMON = ["plain", "two words", "7", "2025-10-19", '"dq"', '"a \\" b"', "'it''s'", "[a, b]", "[]", '["x", \'y\']',
           "a#c", "a # c", "Türkiye", "“curly”", "-member", "http://x/y", "null", "1.5", "-5", "yes"]


@st.composite
def yamlish(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 3, 4, 4, 6]))
        kind = draw(st.sampled_from(["kv", "kv", "kv", "key", "item", "item_kv", "comment", "blank", "marker"]))
        value = draw(st.sampled_from(_VALUES))
        key = draw(st.sampled_from(_KEYS))
        tail = draw(st.sampled_from(["", "", " ", " # c", "  #c"]))
        lines.append({
            "kv": f"{indent}{key}: {value}{tail}", "key": f"{indent}{key}:{tail}", "item": f"{indent}- {value}{tail}",
            "item_kv": f"{indent}- {key}: {value}{tail}", "comment": f"{indent}# note", "blank": indent,
            "marker": draw(st.sampled_from(["---", "...", "%YAML 1.1", "-", "- "])),
        }[kind])
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def block_doc(draw) -> str:
    """A well-formed block document of mappings and lists, sometimes with one line disturbed."""
    lines: list[str] = []
    value = st.sampled_from(_COMMON) if draw(st.integers(0, 2)) else st.sampled_from(_VALUES)

    def mapping(indent: int, first_prefix: str | None, depth: int) -> None:
        names = ["id", "value", "quote", "a.b", "x-y", "k1", "Key"] if draw(st.integers(0, 4)) else _KEYS
        keys = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=draw(st.integers(0, 4)) > 0))
        for n, key in enumerate(keys):
            pad = first_prefix if n == 0 and first_prefix is not None else " " * indent
            shape = draw(st.sampled_from(["scalar", "scalar", "scalar", "list", "map"] if depth < 3 else ["scalar"]))
            tail = draw(st.sampled_from(["", "", " # c"]))
            if shape == "scalar":
                lines.append(f"{pad}{key}: {draw(value)}{tail}")
            elif shape == "map":
                lines.append(f"{pad}{key}:{tail}")
                mapping(indent + draw(st.sampled_from([1, 2, 4])), None, depth + 1)
            else:
                lines.append(f"{pad}{key}:{tail}")
                sequence(indent + draw(st.sampled_from([0, 2, 3])), depth + 1)
            if draw(st.booleans()):
                lines.append(draw(st.sampled_from(["", "# c", "   # c", "  "])))

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            gap = draw(st.sampled_from([1, 1, 2]))
            if depth < 3 and draw(st.booleans()):
                mapping(indent + 1 + gap, " " * indent + "-" + " " * gap, depth + 1)
            else:
                lines.append(f"{' ' * indent}-{' ' * gap}{draw(value)}")

    mapping(draw(st.sampled_from([0, 0, 2])), None, 0)
    if draw(st.integers(0, 3)) == 0:  # disturb one line: indent, delete or repeat it
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["indent", "dedent", "delete", "repeat"]))
        if how == "indent":
            lines[i] = " " + lines[i]
        elif how == "dedent" and lines[i].startswith(" "):
            lines[i] = lines[i][1:]
        elif how == "delete" and len(lines) > 1:
            del lines[i]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines) + "\n"


@settings(max_examples=2000)
@given(yamlish())
def test_differential_lines(text: str):
    same_as_full(text)


@settings(max_examples=3000)
@given(block_doc())
def test_differential_documents(text: str):
    same_as_full(text)


def test_a_light_document_reads_again_for_a_place_it_did_not_mark():
    text = 'id: "s"\nclaims:\n  - id: "c1"\n    topic: t\n    value: [a, "b"]\n    quote: "q"\n'
    doc = yamlread.parse(text, "x.yaml", light=True)
    full = yamlread.parse(text, "x.yaml")
    assert doc.where(("claims", 0)) == (3, 5) and doc.where(("claims", 0, "id")) == (3, 9)
    assert doc.text is not None  # a valid file's claims are placed without reading it again
    assert doc.where(("claims", 0, "value", 1)) == full.where(("claims", 0, "value", 1)) == (5, 16)
    assert doc.where(("claims", 0, "quote"), key=True) == (6, 5) and doc.text is None
