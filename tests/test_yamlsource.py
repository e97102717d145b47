from pathlib import Path

import pytest

from claimgraph.claims.yamlsource import YamlSourceError, YList, YMap, YNull, read_yaml


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "f.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_values_keep_their_line_and_column_and_stay_strings(tmp_path):
    doc = read_yaml(write(tmp_path, "a:\n  - no\n  - 2023\nb: ~\n"), "f.yaml")
    assert isinstance(doc, YMap) and isinstance(doc["a"], YList)
    assert doc["a"] == ["no", "2023"]
    assert str(doc["a"][1].loc) == "f.yaml:3:5"
    assert isinstance(doc["b"], YNull)
    assert str(doc.key_locs["b"]) == "f.yaml:4:1"


@pytest.mark.parametrize("text, where, message", [
    ("a: [1, 2\n", "f.yaml:2:1", "malformed YAML: while parsing a flow sequence expected ',' or ']', but got '<stream end>'"),
    ("a: &x [1]\nb: *x\n", "f.yaml:2:4", "YAML alias '*x' is not allowed"),
    ("a: 1\na: 2\n", "f.yaml:2:1", "duplicate key 'a'"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", "f.yaml:3:7", "YAML alias '*b' is not allowed"),
    ("---\na: 1\n---\nb: 2\n", "f.yaml:3:1", "malformed YAML: expected a single document in the stream but found another document"),
])
def test_bad_yaml_is_reported_with_its_location(tmp_path, text, where, message):
    with pytest.raises(YamlSourceError) as info:
        read_yaml(write(tmp_path, text), "f.yaml")
    assert (str(info.value.location), info.value.message) == (where, message)


def test_a_billion_laughs_document_is_refused_before_it_expands(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    with pytest.raises(YamlSourceError) as info:
        read_yaml(write(tmp_path, "\n".join(lines) + "\n"), "f.yaml")
    assert info.value.message == "YAML alias '*a' is not allowed"


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    with pytest.raises(YamlSourceError) as info:
        read_yaml(write(tmp_path, b"a: 1\nb: caf\xe9\n"), "f.yaml")
    assert (str(info.value.location), info.value.message) == ("f.yaml:2", "file is not valid UTF-8")


def test_a_missing_file(tmp_path):
    with pytest.raises(YamlSourceError) as info:
        read_yaml(tmp_path / "nope.yaml", "nope.yaml")
    assert (str(info.value.location), info.value.message) == ("nope.yaml", "file not found")


def _tree(value):
    """A value with every location, for comparing two readings of the same file."""
    if isinstance(value, dict):
        return ("map", value.loc, value.key_locs, [(k, _tree(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", value.loc, [_tree(v) for v in value])
    return (type(value).__name__, getattr(value, "loc", None), str(value) if isinstance(value, str) else None)


@pytest.mark.parametrize("relative", ["data/claims/techzine-2025-09-09-asml-mistral.yaml", "data/entities.yaml",
                                      "data/reference/places.yaml"])
def test_libyaml_and_the_python_loader_read_the_same_values_and_locations(relative, monkeypatch):
    from claimgraph.claims import yamlsource
    path = Path(__file__).resolve().parent.parent / relative
    assert yamlsource._compose_with_libyaml(path.read_text()) is not None  # the fast path is taken
    fast = read_yaml(path, relative)
    monkeypatch.setattr(yamlsource, "_compose_with_libyaml", lambda text: None)
    assert _tree(read_yaml(path, relative)) == _tree(fast)


def test_anchors_and_malformed_text_take_the_python_loader():
    from claimgraph.claims.yamlsource import _compose_with_libyaml
    assert _compose_with_libyaml("a: &x 1\n") is None
    assert _compose_with_libyaml("a: [1\n") is None
    assert _compose_with_libyaml("a: 1\n") is not None
