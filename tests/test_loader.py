"""The loader: every bad input gives its diagnostic at the right line, with a rule id."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from leafletgen import scripts
from leafletgen.errors import LeafletError
from leafletgen.load import load_leaflet, load_library
from conftest import MINIMAL, SAMPLE, write_leaflet


def problems(library, text: str) -> list:
    path = write_leaflet(library, "bad.yaml", text)
    with pytest.raises(LeafletError) as caught:
        load_leaflet(path)
    return caught.value.diagnostics


def replace(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


# (leaflet text, expected line, rule id, words the message must contain)
BAD_INPUTS = [
    (replace("title: A test leaflet", "titel: A test leaflet"), 2, "format.unknown-key",
     "did you mean 'title'"),
    (replace('version: "1.0"', "version: 1.10"), 3, "format.version", "quotes"),
    (replace('version: "1.0"', 'version: "one"'), 3, "format.version", "MAJOR.MINOR"),
    (replace("id: TEST-01", "id: test 01"), 1, "format.id-pattern", "not a valid leaflet id"),
    (replace("review: 2027-01-10", "review: 2025-01-10"), 5, "format.date-order",
     "not after published"),
    (replace("published: 2026-01-10", "published: 10/01/2026"), 4, "format.date",
     "YEAR-MONTH-DAY"),
    (replace("owner: Test team\n", ""), 1, "format.missing-field", "'owner'"),
    (replace("owner: Test team", "owner: Test team\nowner: Other team"), 7,
     "format.duplicate-key", "first given at line 6"),
    (replace("      - Some text.", "      - lst: [a, b]"), 10, "format.unknown-key",
     "did you mean 'list'"),
    (replace("      - Some text.", "      - bodymap: {view: front, highlight: [livr], alt: x}"),
     10, "format.bodymap-region", "did you mean 'liver'"),
    (replace("      - Some text.", "      - bodymap: {view: side, highlight: [], alt: x}"),
     10, "format.bodymap-view", "front"),
    (replace("      - Some text.", "      - bodymap: {view: front, highlight: [liver]}"),
     10, "format.missing-field", "'alt'"),
    (replace("      - Some text.", "      - image: {file: ../secret.png, alt: x}"),
     10, "format.asset-path", "outside the assets folder"),
    (replace("      - Some text.", "      - image: {file: missing.png, alt: x}"),
     10, "format.asset-path", "does not exist"),
    (replace("sections:\n", "order: first\nsections:\n"), 7, "format.type", "whole number"),
    (replace("title: A test leaflet", "title: [a, b]"), 2, "format.type", "must be text"),
    (replace("      - Some text.", "      - Some text.\n     bad: indent"), 11,
     "format.yaml-syntax", "not valid YAML"),
    ("", 1, "format.empty", "empty"),
    ("- just\n- a list\n", 1, "format.type", "mapping"),
]


@pytest.mark.parametrize("text, line, code, words", BAD_INPUTS)
def test_bad_input_is_reported_at_its_line(library, text, line, code, words):
    found = problems(library, text)
    matching = [d for d in found if d.code == code]
    assert matching, [str(d) for d in found]
    assert matching[0].span.line == line, str(matching[0])
    assert words in str(matching[0])
    assert str(matching[0]).startswith(f"{library / 'leaflets' / 'bad.yaml'}:{line}:")


def test_several_problems_in_one_file_are_all_reported(library):
    text = replace("titel", "x") if False else MINIMAL.replace("title:", "titel:").replace(
        '"1.0"', "1.0").replace("id: TEST-01", "id: t")
    codes = {d.code for d in problems(library, text)}
    assert {"format.unknown-key", "format.version", "format.id-pattern",
            "format.missing-field"} <= codes


def test_alias_bomb_is_refused(library):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ",".join([f"*{previous}"] * 10) + "]\n"
    found = problems(library, bomb)
    assert [d.code for d in found] == ["format.alias"]


def test_a_long_file_without_aliases_is_not_an_alias_bomb(library):
    items = "".join(f"          - item {n}\n" for n in range(30_000))  # 30,000 values
    leaflet = load_leaflet(write_leaflet(library, "long.yaml", MINIMAL + "      - list:\n" + items))
    assert len(leaflet.sections[0].body[1].items) == 30_000


def test_a_recursive_alias_is_refused(library):
    found = problems(library, MINIMAL.replace("      - Some text.", "      - &a [*a]"))
    assert [d.code for d in found] == ["format.alias"]
    assert "refers to itself" in found[0].message


def test_nesting_as_deep_as_yaml_allows_is_a_diagnostic(library):
    deep = "".join("  " * level + "-\n" for level in range(998))
    found = problems(library, MINIMAL.replace("      - Some text.", "      - x\n" + deep))
    assert found and all(d.span.line >= 1 for d in found)


def test_a_file_over_the_size_limit_has_its_own_message(library):
    (found,) = problems(library, MINIMAL + "#" * 1_000_001 + "\n")
    assert found.code == "format.file-size"
    assert "MB, larger than any leaflet" in found.message


@pytest.mark.parametrize("text, code, words", [
    ("published: 2026-04-31", "format.date", "April 2026 has 30 days"),
    ("published: 2026-00-10", "format.date", "there is no month 0"),
    ("published: 2026-01-10 24:61:00", "format.date", "is not a date"),
    ('published: "2026-02-30"', "format.date", "must be a date like"),
])
def test_every_impossible_date_is_a_date_error(library, text, code, words):
    found = problems(library, replace("published: 2026-01-10", text))
    assert [(d.code, d.span.line) for d in found] == [(code, 4)]
    assert words in str(found[0])


def test_python_tags_are_refused(library):
    found = problems(library, MINIMAL + "x: !!python/object/apply:os.system ['echo hi']\n")
    assert found[0].code == "format.yaml-syntax"


def test_duplicate_ids_in_a_library_fail_both(library):
    first = write_leaflet(library, "one.yaml", MINIMAL)
    second = write_leaflet(library, "sub/two.yaml", MINIMAL)
    loaded = load_library([first, second])
    assert loaded.leaflets == []
    for path in (first, second):
        (diagnostic,) = loaded.failures[str(path)]
        assert diagnostic.code == "format.duplicate-id"
        assert diagnostic.span.line == 1


def test_sample_leaflet_loads_into_the_model():
    leaflet = load_leaflet(SAMPLE)
    assert leaflet.id == "SBC-01"
    assert leaflet.version == "1.0"
    assert leaflet.series == "Secondary breast cancer"
    assert leaflet.review > leaflet.published
    assert leaflet.quick_guide and leaflet.quick_guide.points
    assert leaflet.contacts and leaflet.further_reading
    lists = [b for s in leaflet.sections for b in s.body if type(b).__name__ == "BulletList"]
    assert ("the bones", "the liver", "the lungs") in [b.items for b in lists]


# Property tests: any leaflet the contract allows loads back to what was written: any
# text the tool has a font for (a character none has is refused: test_scripts.py).
drawable = st.characters(blacklist_categories=("Cs", "Cc")).filter(
    lambda ch: not scripts.undrawable(ch))
safe_text = st.text(drawable, min_size=1,
                    max_size=40).map(lambda t: " ".join(t.split())).filter(bool)


@settings(max_examples=60, deadline=None)
@given(title=safe_text, owner=safe_text, paragraphs=st.lists(safe_text, min_size=1, max_size=4),
       major=st.integers(0, 99), minor=st.integers(0, 99),
       published=st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)),
       days=st.integers(1, 4000))
def test_any_valid_leaflet_round_trips(tmp_path_factory, title, owner, paragraphs, major,
                                       minor, published, days):
    folder = tmp_path_factory.mktemp("lib")
    data = {"id": "PROP-1", "title": title, "version": f"{major}.{minor}",
            "published": published, "review": published + dt.timedelta(days=days),
            "owner": owner, "sections": [{"heading": title, "body": paragraphs}]}
    path = folder / "p.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    leaflet = load_leaflet(path)
    assert (leaflet.title, leaflet.owner, leaflet.version) == (title, owner, f"{major}.{minor}")
    assert [b.text for b in leaflet.sections[0].body] == paragraphs


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_leaflet_or_diagnostics_never_a_crash(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("junk") / "j.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_leaflet(path)
    except LeafletError as exc:
        assert exc.diagnostics
        assert all(d.span.file == str(path) for d in exc.diagnostics)
