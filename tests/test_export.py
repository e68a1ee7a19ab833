"""`python -m generator export`: the JSON contract (data/export.schema.json) and the CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import jsonschema
import pytest

from generator.atlas import load_atlas
from generator.cli import main
from generator.model import METHODS

from .conftest import DATA, FIXTURES, ROOT

SCHEMA = json.loads((ROOT / "data" / "export.schema.json").read_text(encoding="utf-8"))


def export(capsys, *args: str) -> str:
    assert main(["export", *args]) == 0
    return capsys.readouterr().out


def test_json_export_validates_against_its_published_schema(capsys):
    data = json.loads(export(capsys, "--format", "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_json_keys_come_in_the_documented_order(capsys):
    data = json.loads(export(capsys, "--format", "json"))
    # version 1 grew additively: new keys come after the first four, which keep their order
    assert list(data) == ["version", "sources", "classes", "codes", "scenarios", "grpc"]
    assert list(data["sources"][0])[:3] == ["id", "name", "short_name"]
    code = data["codes"][0]
    order = [
        "code",
        "class",
        "registry",
        "reason",
        "reference",
        "meaning",
        "cacheable",
        "retryable",
        "headers",
        "usage",
        "grpc",
        "scenarios",
    ]
    assert [k for k in code if k in order] == order
    usage = code["usage"][0]
    assert list(usage) == [
        "source",
        "reason_used",
        "meaning",
        "methods",
        "conditions",
        "action",
        "notes",
        "stance",
        "instead",
        "why",
        "url",
        "headers",
    ]
    assert list(usage["methods"]) == list(METHODS)


def test_json_holds_every_code_ascending_and_every_usage(capsys):
    data = json.loads(export(capsys, "--format", "json"))
    atlas = load_atlas(DATA)
    codes = [c["code"] for c in data["codes"]]
    assert codes == sorted(codes) == [c.code for c in atlas.codes]
    usages = sum(len(c["usage"]) for c in data["codes"]) + sum(
        len(k["usage"]) for k in data["classes"]
    )
    assert usages == sum(len(s.usage) for s in atlas.sources)
    google_2xx = data["classes"][1]["usage"]
    assert "google-actions-center" in [u["source"] for u in google_2xx]
    temporary = next(c for c in data["codes"] if c["code"] == 104)
    assert temporary["registry"] == "temporary" and temporary["expires"] == "2026-11-13"


def test_json_export_is_byte_identical_run_to_run(tmp_path):
    outputs = []
    for name in ("a.json", "b.json"):
        target = tmp_path / name
        subprocess.run(
            [sys.executable, "-m", "generator", "export", "--format", "json", "-o", str(target)],
            cwd=ROOT,
            check=True,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].endswith(b"\n")


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
def test_csv_has_one_row_per_usage_in_one_language(capsys, lang):
    text = export(capsys, "--format", "csv", "--lang", lang)
    rows = list(csv.DictReader(io.StringIO(text)))
    atlas = load_atlas(DATA)
    assert len(rows) == sum(len(s.usage) for s in atlas.sources)
    assert list(rows[0])[:6] == ["code", "class", "registry", "reason", "source", "reason_used"]
    row = next(r for r in rows if r["code"] == "201" and r["source"] == "open-finance-brasil")
    assert (row["POST"], row["GET"], row["PUT"]) == ("yes", "no", "unspecified")
    usage = atlas.usage("open-finance-brasil", 201)
    assert usage is not None and row["meaning"] == usage.meaning.get(lang)
    assert row["reason"] == atlas.code(201).reason.get(lang)


def test_csv_rows_follow_the_classes_each_rule_before_its_codes(capsys):
    rows = list(csv.DictReader(io.StringIO(export(capsys, "--format", "csv"))))
    labels = [r["code"] for r in rows]
    keys = [(int(label[0]), 0 if label.endswith("xx") else int(label)) for label in labels]
    assert keys == sorted(keys)
    class_rows = [i for i, label in enumerate(labels) if label == "2xx"]
    assert class_rows and class_rows == list(range(class_rows[0], labels.index("200")))


def test_csv_default_language_is_brazilian_portuguese(capsys):
    assert export(capsys, "--format", "csv") == export(capsys, "--format", "csv", "--lang", "pt-BR")


def test_export_to_a_file_writes_nothing_on_invalid_data(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 2\n", encoding="utf-8")
    target = tmp_path / "out.json"
    assert main(["export", "--data", str(broken), "-o", str(target)]) == 1
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [broken]
    assert "error: 'version' must be 1" in capsys.readouterr().err


def test_export_of_a_small_file(capsys):
    data = json.loads(export(capsys, "--data", str(FIXTURES / "minimal.yaml")))
    assert [c["code"] for c in data["codes"]] == [200, 422]
    usage = data["codes"][1]["usage"][0]
    assert usage["conditions"] == [
        {
            "methods": ["PATCH"],
            "en": "When the patch breaks a rule.",
            "pt-BR": "Quando o patch viola uma regra.",
        }
    ]
    assert usage["reason_used"] == "Unprocessable Entity"
