"""The sample leaflet, mutated at random (issue 13): lines deleted, duplicated, swapped or
overwritten, odd bytes and YAML symbols inserted. The loader either gives a Leaflet or
raises LeafletError whose every diagnostic has a place in the file; nothing else, ever."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE
from leafletgen import model
from leafletgen.errors import LeafletError
from leafletgen.load import load_leaflet

LINES = SAMPLE.read_bytes().splitlines(keepends=True)

ODD = [b"\x00", b"\x1b", b"\xff", b"\xe9", b"\xc3", b"\t", b"\r", b"\x85", b"\x7f",
       "\u2028".encode(), "\ufeff".encode(), "\uff11".encode(), b"~", b"- ~", b"&a ", b"*a",
       b"*b", b"!!int ", b"!!binary ", b"!!python/object ", b": ", b"- ", b"[", b"]", b"{",
       b"}", b"'", b'"', b"#", b"|", b">-", b"? ", b"---\n", b"...\n", b"%YAML 1.1\n",
       b"2026-02-30", b"0000-00-00", b"9" * 5000, b"0x" + b"f" * 5000, b"1e999", b".nan",
       b"[x](javascript:alert(1))", b"[x](file:///etc/passwd)", b"image: {file: a.png, alt: x}",
       b"\n", b"  ", b"<<: *a", b"&a [*a]"]

line_index = st.integers(0, len(LINES) - 1)
mutation = st.one_of(
    st.tuples(st.just("delete"), line_index),
    st.tuples(st.just("duplicate"), line_index),
    st.tuples(st.just("move"), line_index, line_index),
    st.tuples(st.just("overwrite"), line_index, line_index),
    st.tuples(st.just("insert"), line_index, st.integers(0, 80), st.sampled_from(ODD)),
    st.tuples(st.just("replace-byte"), line_index, st.integers(0, 80), st.binary(min_size=1, max_size=3)),
)


def mutate(lines: list[bytes], change: tuple) -> list[bytes]:
    if not lines:
        return lines
    kind, where = change[0], change[1] % len(lines)
    lines, line = list(lines), lines[where]
    if kind == "delete":
        del lines[where]
    elif kind == "duplicate":
        lines.insert(where, line)
    elif kind == "move":
        del lines[where]
        lines.insert(change[2] % (len(lines) + 1), line)
    elif kind == "overwrite":
        lines[change[2] % len(lines)] = line
    else:
        at, odd = min(change[2], len(line)), change[3]
        end = at if kind == "insert" else at + len(odd)
        lines[where] = line[:at] + odd + line[end:]
    return lines


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(mutation, min_size=1, max_size=4))
def test_a_mutated_sample_loads_or_is_refused_with_located_diagnostics(library, changes):
    lines = list(LINES)
    for change in changes:
        lines = mutate(lines, change)
    path = library / "leaflets" / "mutated.yaml"
    path.write_bytes(b"".join(lines))
    try:
        leaflet = load_leaflet(path)
    except LeafletError as exc:
        assert exc.diagnostics
        for diagnostic in exc.diagnostics:
            assert diagnostic.span.file == str(path)
            assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1, str(diagnostic)
    else:
        assert isinstance(leaflet, model.Leaflet)
