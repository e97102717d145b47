"""The build stamp ``data/build/build.json``: what a build read and wrote, by digest, and how
``check`` finds stale built files with it."""

from __future__ import annotations

import hashlib
import json

import pytest

import claimgraph
from claimgraph import pipeline, stamp

from conftest import CLAIM_FILE, copy_project

STAMP = "data/build/build.json"
STALE = "built file is stale: it differs from what the claims, registry and ontology give now"


def _stale(report) -> list[tuple[str, str]]:
    return [(p.location.path, p.message) for p in report.problems if p.code == "stale"]


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_stamp_names_every_input_read_and_every_output_written(built):
    data = json.loads((built.root / STAMP).read_text(encoding="utf-8"))
    assert data["claimgraph"] == claimgraph.__version__ and data["format"] == stamp.OUTPUT_FORMAT
    assert sorted(data["inputs"]) == [CLAIM_FILE, "data/entities.yaml", "data/reference/places.yaml",
                                      "data/reference/sectors-capgemini-wns-2025.yaml",
                                      "data/reference/sectors-salesforce-informatica-2025.yaml",
                                      "data/reference/sectors.yaml", "ontology/claimgraph.ttl", "ontology/shapes.ttl",
                                      "seeds/techzine-2025-09-09-asml-mistral.nl.txt"]
    for path, digest in {**data["inputs"], **data["outputs"]}.items():
        assert _sha(built.root / path) == digest, path
    assert sorted(data["outputs"]) == ["data/build/asserted.ttl", "data/build/claimgraph.trig",
                                       "data/build/hypothetical.ttl", "data/build/inferred.ttl"]


def test_the_stamp_is_the_same_bytes_for_the_same_inputs_anywhere(tmp_path, built):
    other = copy_project(tmp_path / "elsewhere")
    (other / STAMP).unlink()
    assert claimgraph.build(other).wrote
    assert (other / STAMP).read_bytes() == (built.root / STAMP).read_bytes()
    assert (built.root / STAMP).read_bytes().endswith(b"}\n")


def test_check_with_a_trusted_stamp_makes_no_built_file_again(project, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("serialized although the stamp is trusted")

    monkeypatch.setattr(pipeline, "serialize_outputs", refuse)
    report = claimgraph.check(project.root, use_cache=False)
    assert report.ok and report.problems == []


def test_a_hand_edited_built_file_no_longer_has_its_digest(project):
    with open(project.root / "data/build/inferred.ttl", "a", encoding="utf-8") as built_file:
        built_file.write("# edited by hand\n")
    report = claimgraph.check(project.root, use_cache=False)
    assert _stale(report) == [("data/build/inferred.ttl", STALE)]


def test_a_missing_built_file_is_missing(project):
    (project.root / "data/build/hypothetical.ttl").unlink()
    report = claimgraph.check(project.root, use_cache=False)
    assert [(p.location.path, p.message) for p in report.problems] == [
        ("data/build/hypothetical.ttl", "built file is missing")]


def test_a_consistent_edit_of_a_file_and_its_digest_is_caught_only_by_verify_build(project):
    """The trust model the stamp's docstring states: the stamp is a built file too."""
    edited = project.root / "data/build/inferred.ttl"
    with open(edited, "a", encoding="utf-8") as built_file:
        built_file.write("# edited by hand\n")
    data = json.loads((project.root / STAMP).read_text(encoding="utf-8"))
    data["outputs"]["data/build/inferred.ttl"] = _sha(edited)
    (project.root / STAMP).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    assert claimgraph.check(project.root, use_cache=False).ok
    verified = claimgraph.check(project.root, use_cache=False, verify_build=True)
    assert _stale(verified) == [("data/build/inferred.ttl", STALE), (STAMP, STALE)]
    cli = project.run("check", "--verify-build", "--format", "json")
    assert cli.exit_code == 1
    assert [f["location"]["path"] for f in json.loads(cli.stdout)] == ["data/build/inferred.ttl", STAMP]


def test_a_changed_input_means_every_file_is_compared_byte_by_byte(project):
    project.edit(CLAIM_FILE, "    amount: 1,3 miljard euro", "    amount: 1,4 miljard euro")
    report = claimgraph.check(project.root, use_cache=False)
    assert [path for path, _ in _stale(report)] == ["data/build/asserted.ttl", "data/build/inferred.ttl",
                                                    "data/build/claimgraph.trig",
                                                    STAMP]


def test_a_stamp_of_another_version_is_not_trusted(project, monkeypatch):
    monkeypatch.setattr(stamp, "__version__", "99.0.0")
    report = claimgraph.check(project.root, use_cache=False)
    assert _stale(report) == [(STAMP, STALE)]  # every other file compared by bytes: the same


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"claimgraph": "0.1.0"}'])
def test_a_damaged_stamp_is_stale_and_the_files_are_compared_by_bytes(project, content):
    (project.root / STAMP).write_text(content, encoding="utf-8")
    report = claimgraph.check(project.root, use_cache=False)
    assert _stale(report) == [(STAMP, STALE)]
    assert claimgraph.build(project.root).wrote
    assert claimgraph.check(project.root, use_cache=False).ok
