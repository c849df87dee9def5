"""The SQLite report opened by Datasette with the metadata file written beside it: labels, search, descriptions."""

from __future__ import annotations

import asyncio
import json

import pytest

from conftest import CLAIMS

datasette_app = pytest.importorskip("datasette.app", reason="datasette is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The bundled set's SQLite report and its metadata, written by the command, opened by Datasette."""
    from typer.testing import CliRunner

    from claimcheck.cli.app import app

    folder = tmp_path_factory.mktemp("datasette")
    out = folder / "story.sqlite"
    result = CliRunner().invoke(app, ["report", "--claims", str(CLAIMS), "-o", str(out), "--title", "Istanbul talks",
                                      "--licence", "CC BY 4.0"])
    assert result.exit_code == 0, result.output
    meta_path = folder / "story.metadata.json"
    metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    ds = datasette_app.Datasette(files=[str(out)], metadata=metadata)

    def get(path: str):
        async def go():
            await ds.invoke_startup()
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])
            return response.json()
        return asyncio.run(go())

    return get, metadata


def test_metadata_names_the_report(served):
    get, metadata = served
    shown = get("/-/metadata.json")
    assert shown["title"] == "Istanbul talks" and shown["license"] == "CC BY 4.0"
    assert shown["source"].startswith("claim set git ") or shown["source"].startswith("claim set sha256 ")
    assert "5 sources claim about one event: 59 claims on 25 topics (4 conflict" in shown["description"]
    tables = shown["databases"]["story"]["tables"]
    assert tables["claims"]["columns"]["quote"].startswith("The article's words, verbatim")
    assert "pakistan_delegation.size: members" in tables["groups"]["columns"]["unit"]
    assert "border.length_km: km" in tables["groups"]["columns"]["unit"]


def test_sources_are_labelled_by_name_not_none(served):
    get, _ = served
    rows = get("/story/claims.json?_labels=on&_shape=array&topic=afghan_delegation.leader&_sort=id")
    assert [r["source_id"] for r in rows] == [
        {"value": "000-fa57", "label": "unknown outlet (000-fa57)"},
        {"value": "000-fa57", "label": "unknown outlet (000-fa57)"},
        {"value": "001-71e8", "label": "unknown outlet (001-71e8)"}]
    assert rows[0]["cluster_id"]["label"] == "Haji Najib"


def test_quotes_and_notes_are_searchable(served):
    get, _ = served
    najib = get("/story/claims.json?_search=Najib&_shape=array")
    assert sorted(r["id"] for r in najib) == ["000-fa57#10", "000-fa57#11", "000-fa57#12", "000-fa57#13"]
    in_notes = get("/story/claims.json?_search=inferred&_shape=array")  # words only a curator's note holds
    assert in_notes and all("inferred" in (r["note"] or "") for r in in_notes)
