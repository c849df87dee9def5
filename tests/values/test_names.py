"""Names a fact-checker can trust: romanisations and joined parts are one name, a remaining spelling
difference is its own finding (never hidden in `agree`), and declared entities and distinct pairs decide first."""

from __future__ import annotations

import json

import pytest

from claimcheck.compare import compare_claim_set
from claimcheck.claimset.load import load_claim_set
from claimcheck.model import Codebook, Entity
from claimcheck.values.namekeys import differing_parts, roman_key, roman_part
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, Names

CODEBOOK = """
honorifics: [Haji, Dr.]
entities:
  - name: AP
    aliases: [The Associated Press, Associated Press]
  - name: British
    aliases: [Britons, Briton, UK nationals]
distinct: []
topics:
  rescue.leader:
    type: person
    description: Who led the rescue.
  victims.nationalities:
    type: list
    description: The victims' nationalities.
"""


def names(sounds_alike=None, **kw) -> Names:
    return Names(Codebook(topics={}, honorifics=("Haji",), **kw), sounds_alike)


@pytest.mark.parametrize("a, b, reason", [
    ("Haji Najib", "Haji Najeeb", "same name in another romanisation: Najib / Najeeb"),
    ("Vishwash Kumar Ramesh", "Vishwashkumar Ramesh", "same name with its parts joined or split: Vishwash Kumar / Vishwashkumar"),
    ("Mohammed Yousuf", "Muhammad Yusuf", "same name in another romanisation: Mohammed Yousuf / Muhammad Yusuf"),
    ("Saddam Hussein", "Saddam Husayn", "same name in another romanisation: Hussein / Husayn"),
    ("Mustafa Kemal", "Mustapha Kemal", "same name in another romanisation: Mustafa / Mustapha"),
    ("Qasim Ali", "Kasim Ali", "same name in another romanisation: Qasim / Kasim"),
    ("Abdullah Abdullah", "Abdulla Abdulla", "same name in another romanisation: Abdullah Abdullah / Abdulla Abdulla"),
])
def test_one_name_in_two_spellings_is_the_same_name(a, b, reason):
    r = names().relate(a, b)
    assert (r.kind, r.reason) == (SAME, reason)
    assert names().key(a) == names().key(b) or reason.startswith("same name with its parts")


@pytest.mark.parametrize("a, b, parts", [
    ("Maria Delgado", "Mario Delgado", "Maria / Mario"),
    ("John Smith", "Jon Smith", "John / Jon"),
    ("Ali Khan", "Ali Kahn", "Khan / Kahn"),
])
def test_a_close_spelling_is_a_spelling_difference_never_the_same(a, b, parts):
    r = names().relate(a, b)
    assert r.kind == COMPATIBLE
    assert r.reason.startswith(f"spelled differently: {parts} (similarity 0.")
    assert r.reason.endswith("if they are one person, declare them one entity in the codebook's `entities`; "
                             "if two, declare the pair `distinct`")


def test_parts_that_sound_alike_are_a_spelling_difference_not_two_people():
    r = names().relate("Muammar Gaddafi", "Moammar Kadafi")  # ratio alone would call them different
    assert r.kind == COMPATIBLE and "(they sound alike)" in r.reason
    assert names(sounds_alike=False).relate("Muammar Gaddafi", "Moammar Kadafi").kind == DIFFERENT


def test_different_people_stay_different():
    r = names().relate("Haji Najib", "Rahmatullah Mujib")
    assert (r.kind, r.reason) == (DIFFERENT, "different names, similarity 0.36; closest parts 'najib' ~ 'mujib' 0.60")
    assert names().relate("Rahmatullah Najib", "Rahmatullah Mujib").kind == DIFFERENT


def test_declared_distinct_overrides_every_fold():
    n = names(distinct=(("Haji Najib", "Haji Najeeb"), ("Maria Delgado", "Mario Delgado")))
    assert n.key("Haji Najib") != n.key("Haji Najeeb")  # not even one bucket
    for a, b in (("Haji Najib", "Haji Najeeb"), ("Maria Delgado", "Mario Delgado")):
        assert n.relate(a, b) .reason == "declared different people in the codebook"


def test_declared_entity_overrides_every_fold():
    n = names(entities=(Entity("Maria Delgado", ("Mario Delgado",)), Entity("Haji Najib", ("Najibullah",))))
    r = n.relate("Maria Delgado", "Mario Delgado")
    assert (r.kind, r.reason) == (SAME, "alias in the codebook: Maria Delgado = Mario Delgado")
    assert n.relate("Najeeb", "Najibullah").kind == SAME  # an alias is found through its romanisation too


def test_roman_key_folds_only_what_romanisation_varies():
    assert roman_key("najeeb mahmood yousuf hussein") == "najib mahmud yusuf husain"
    assert roman_part("maria") != roman_part("mario") and roman_part("john") != roman_part("jon")
    assert roman_part("نجیب") == "نجیب"  # another script is kept as it is
    assert differing_parts("Maria Delgado", "Mario Delgado") == ("Maria", "Mario")


def _leaders(story, *values):
    s = story(CODEBOOK)
    for i, v in enumerate(values):
        s.source(f"s{i}", [("rescue.leader", v, f"The rescue was led by {v}.")])
    return s


def test_conflicts_shows_a_spelling_difference_as_partial_with_both_spellings_and_sources(story, run):
    s = _leaders(story, "Maria Delgado", "Mario Delgado")
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "partial"
    assert [(c.display, c.sources) for c in g.clusters] == [("Maria Delgado", ("s0",)), ("Mario Delgado", ("s1",))]
    out = run("conflicts", "--claims", s.claims).stdout
    assert out.startswith("PARTIAL  rescue.leader  (2 claims, 2 sources)\n  = Maria Delgado  [s0]\n")
    assert "  = Mario Delgado  [s1]\n" in out
    assert "why: Maria Delgado vs Mario Delgado: spelled differently: Maria / Mario (similarity 0.92); if they are one person" in out
    doc = json.loads(run("conflicts", "--claims", s.claims, "--format", "json").stdout)
    (rel,) = doc["groups"][0]["relations"]
    assert rel["relation"] == "compatible" and rel["reason"].startswith("spelled differently: Maria / Mario")


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_every_report_shows_the_spelling_difference(story, run, tmp_path, fmt):
    s = _leaders(story, "Maria Delgado", "Mario Delgado")
    out = tmp_path / f"r.{fmt}"
    assert run("report", "--claims", s.claims, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Mario Delgado" in text and "Maria Delgado" in text
    if fmt != "csv":
        assert "spelled differently" in text
    if fmt == "csv":
        assert "partial" in text and "conflict" not in text.split("\n", 1)[1]


def test_romanisations_and_joined_parts_agree_and_say_why(story):
    s = _leaders(story, "Haji Najib", "Haji Najeeb", "Najib")
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "agree"
    assert any("same name in another romanisation: Najib / Najeeb" in m for m in g.clusters[0].merged)
    s = _leaders(story, "Vishwash Kumar Ramesh", "Vishwashkumar Ramesh")
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "agree" and "parts joined or split" in g.clusters[0].merged[0]


def test_check_reads_a_spelling_difference_as_partial_support(story, run, tmp_path):
    s = story(CODEBOOK.replace("    description: Who led the rescue.", "    description: Who led the rescue.\n    cues: [led by]"))
    s.source("s0", [("rescue.leader", "Maria Delgado", "The rescue was led by Maria Delgado.")])
    art = tmp_path / "new.txt"
    art.write_text("The rescue was led by Mario Delgado, officials said.", encoding="utf-8")
    doc = json.loads(run("check", art, "--claims", s.claims, "--format", "json", "--published", "2025-03-29").stdout)
    (f,) = [x for x in doc["findings"] if x["topic"] == "rescue.leader"]
    assert (f["value"], f["verdict"], f["partial"]) == ("Mario Delgado", "supports", True)
    assert "spelled differently: Mario / Maria" in f["reason"]


def test_independent_origins_fold_declared_aliases(story, run, tmp_path):
    s = story(CODEBOOK)
    s.source("s0", [("rescue.leader", "Maria Delgado", "The rescue was led by Maria Delgado.", {"attributed_to": "police", "via": "AP"})])
    s.source("s1", [("rescue.leader", "Maria Delgado", "The rescue was led by Maria Delgado.",
                     {"attributed_to": "police", "via": "The Associated Press"})])
    doc = json.loads(run("conflicts", "--claims", s.claims, "--format", "json").stdout)
    (value,) = doc["groups"][0]["values"]
    assert (value["independent_origins"], value["origins"]) == (1, ["AP"])
    out = tmp_path / "r.json"
    assert run("report", "--claims", s.claims, "-o", out).exit_code == 0
    (prov,) = json.loads(out.read_text())["provenance"]["values"]
    assert prov["independent_origins"] == 1 and prov["repeated"] == ["AP"]
    assert prov["origins"] == [{"origin": "AP", "own_voice": False, "sources": ["s0", "s1"]}]
    db = tmp_path / "r.sqlite"
    assert run("report", "--claims", s.claims, "-o", db).exit_code == 0
    import sqlite3

    with sqlite3.connect(db) as con:
        assert con.execute("SELECT origin, sources FROM origins").fetchall() == [("AP", 2)]


def test_matrix_folds_aliases(story, tmp_path, run):
    s = story(CODEBOOK)
    for i, items in enumerate((["British", "French"], ["Britons", "French"], ["UK nationals", "French"])):
        s.source(f"s{i}", [("victims.nationalities", items, f"The victims were {' and '.join(items)}.")])
    out = tmp_path / "r.json"
    assert run("report", "--claims", s.claims, "-o", out).exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["summary"]["agree"] == 1
    assert {r["source"]: r["cells"]["victims.nationalities"] for r in doc["matrix"]["rows"]} == \
        {"s0": "agrees", "s1": "agrees", "s2": "agrees"}


def test_quote_visibility_warning_folds_aliases(story, run):
    s = story(CODEBOOK)
    s.source("s0", [("victims.nationalities", ["British"], "Among the dead were 53 Britons."),
                    ("rescue.leader", "Haji Najib", "The rescue was led by Haji Najeeb."),
                    ("victims.nationalities", ["German"], "Among the dead were 53 Britons, too.")])
    result = run("validate", "--claims", s.claims)
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if "cannot be seen" in line]
    assert len(warnings) == 1 and "['German']" in warnings[0]  # British is seen as 'Britons', Najib as 'Najeeb'
