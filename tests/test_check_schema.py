"""`leafletgen schema`: a JSON Schema generated from the model, as editors would apply it."""

from __future__ import annotations

import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from leafletgen.bodyart import regions
from leafletgen.lint.schema import leaflet_schema
from leafletgen.load.blocks import BLOCK_KINDS
from leafletgen.load.leaflet import OPTIONAL, REQUIRED
from conftest import MINIMAL, REPO, SAMPLE


class EditorLoader(yaml.SafeLoader):
    """YAML as a language server sees it: an unquoted date stays text (YAML 1.2)."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = leaflet_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(yaml.load(text, Loader=EditorLoader))]


def test_the_sample_and_the_docs_example_are_valid(validator):
    assert errors(validator, SAMPLE.read_text()) == []
    docs = (REPO / "docs" / "format.md").read_text()
    example = re.search(r"## A complete example.*?```yaml\n(.*?)```", docs, re.S)[1]
    assert errors(validator, example) == []
    assert errors(validator, MINIMAL) == []


def test_fields_come_from_the_model_and_the_loader():
    schema = leaflet_schema()
    assert schema["required"] == list(REQUIRED)
    assert list(schema["properties"]) == list(REQUIRED + OPTIONAL)
    blocks = schema["$defs"]["Block"]["oneOf"]
    assert [next(iter(b["properties"])) for b in blocks[1:]] == list(BLOCK_KINDS)
    by_view = {rule["if"]["properties"]["view"]["const"]:
               rule["then"]["properties"]["highlight"]["items"]["enum"]
               for rule in schema["$defs"]["BodyMap"]["allOf"]}
    assert by_view == {"front": list(regions("front")), "back": list(regions("back"))}
    assert schema["$defs"]["Contact"]["required"] == ["name"]


@pytest.mark.parametrize("old, new, words", [
    ("title: A test leaflet", "titel: A test leaflet", "'titel' was unexpected"),
    ('version: "1.0"', "version: 1.10", "is not of type 'string'"),
    ("published: 2026-01-10", "published: 10/01/2026", "does not match"),
    ("id: TEST-01", "id: test-01", "does not match"),
    ("      - Some text.", "      - lst: [a, b]", "is not valid under any of the given schemas"),
    ("      - Some text.", "      - bodymap: {view: front, highlight: [livr], alt: x}",
     "is not valid under any of the given schemas"),
    ("      - Some text.", "      - image: {file: a.png}", "is not valid under any"),
    ("owner: Test team\n", "", "'owner' is a required property"),
])
def test_mistakes_are_flagged_as_the_author_types(validator, old, new, words):
    assert old in MINIMAL
    found = errors(validator, MINIMAL.replace(old, new))
    assert any(words in message for message in found), found


def test_regions_are_checked_per_view(validator):
    def body(view: str, region: str) -> str:
        return MINIMAL.replace("      - Some text.", f"      - bodymap: {{view: {view}, "
                               f"highlight: [{region}], alt: A body outline.}}")
    assert errors(validator, body("front", "liver")) == []
    assert errors(validator, body("side", "liver")) != []
    assert errors(validator, body("front", "elbow")) != []


@pytest.mark.parametrize("change, found", [
    (("title: A test leaflet", "title: " + "Long " * 70), "is too long"),
    (("owner: Test team", "owner: Test team\norder: 100000"), "is greater than the maximum"),
    (("owner: Test team", "owner: Test team\norder: -1"), "is less than the minimum"),
    (('version: "1.0"', 'version: "\uff11.\uff10"'), "does not match"),
])
def test_the_loaders_limits_are_in_the_schema(validator, change, found):
    """An editor refuses what the loader refuses: a 300-character title, order out of range,
    a version in full-width digits."""
    text = MINIMAL.replace(*change)
    assert text != MINIMAL
    assert any(found in message for message in errors(validator, text))
