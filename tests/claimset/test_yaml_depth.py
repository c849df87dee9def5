"""Deep input gets claimcheck's own located message, whichever layer stops it.

PyYAML 6.0.4 and later refuse input nested about 1,000 levels deep in the parser itself; earlier
releases parse it and our node walker refuses it at 50 levels. The user must see one message, at
one place, either way: the place is worked out from the text when the parser stops first.
"""

from __future__ import annotations

import pytest

from claimcheck.errors import InvalidData
from claimcheck.claimset.yamlread import MAX_DEPTH, _too_deep_at, parse_full


def _shapes(levels: int) -> dict[str, str]:
    return {
        "flow sequence under a key": "id: x\nnote: " + "[" * levels + "]" * levels + "\n",
        "flow mapping in a claim": "id: x\nclaims:\n  - topic: a\n    quote: " + "{a: " * levels + "1" + "}" * levels + "\n",
        "block mappings": "id: x\nnote:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, levels)) + "  " * levels + "v\n",
        "block sequences": "id: x\nnote:\n" + "".join("  " * i + "- \n" for i in range(1, levels)),
        "items holding keys": "id: x\nnote:\n" + "".join("  " * i + "- a: 1\n" + "  " * i + "  b:\n" for i in range(1, levels)),
        "quoted brackets do not count": "id: x\nnote: " + "[' [[ '," * levels + "]" * levels + "\n",
    }


def _message(text: str) -> str:
    with pytest.raises(InvalidData) as err:
        parse_full(text, "src.yaml")
    return str(err.value)


@pytest.mark.parametrize("shape", list(_shapes(60)))
def test_deep_input_message_is_the_same_when_the_parser_stops_it(shape):
    # 60 levels: every PyYAML parses it and our walker refuses it; 3,000: PyYAML >= 6.0.4 refuses it first.
    shallow, deep = _shapes(60)[shape], _shapes(3000)[shape]
    expected = _message(shallow)
    assert f"values nested more than {MAX_DEPTH} levels deep; claim files need only a few" in expected
    assert _message(deep) == expected


@pytest.mark.parametrize("shape", list(_shapes(60)))
def test_the_text_scan_finds_the_place_the_walker_names(shape):
    text = _shapes(60)[shape]
    message = _message(text)  # the walker's own place (60 levels is far below any parser limit)
    line, col = _too_deep_at(text)
    assert message.startswith(f"src.yaml:{line}:{col}: ")


def test_a_parser_depth_error_is_mapped_to_our_message(monkeypatch):
    """PyYAML 6.0.2 stops nothing itself: make the parser raise as 6.0.4 does and see the mapping."""
    import yaml

    import claimcheck.claimset.yamlread as yamlread

    class Refusing(yamlread._Loader):
        def get_single_node(self):
            mark = yaml.Mark("<unicode string>", 0, 1, 1005, None, None)
            raise yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)

    text = _shapes(60)["flow sequence under a key"]
    expected = _message(text)
    monkeypatch.setattr(yamlread, "_Loader", Refusing)
    assert _message(text) == expected == "src.yaml:2:57: values nested more than 50 levels deep; claim files need only a few"


def test_shallow_input_is_not_flagged():
    assert _too_deep_at(_shapes(MAX_DEPTH - 5)["block mappings"]) is None
    assert _too_deep_at("id: x\nclaims:\n  - topic: a\n    value: [1, 2]\n") is None
