"""The mutated sample through the commands a user runs (issue 13): `leafletgen build` and
`leafletgen check` end in exit 0 or 1, every error is located at path:line:col with a
rule, and nothing is ever a traceback or an internal error."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from test_hostile_mutations import LINES, mutate, mutation

LOCATED = re.compile(r"^leaflets/mutated\.yaml:\d+:\d+: (error|warning): .+ \[[a-z-]+\.[a-z-]+\]$")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(mutation, min_size=1, max_size=3))
def test_build_and_check_of_a_mutated_sample_never_crash(library, monkeypatch, changes):
    lines = list(LINES)
    for change in changes:
        lines = mutate(lines, change)
    (library / "leaflets" / "mutated.yaml").write_bytes(b"".join(lines))
    monkeypatch.chdir(library)
    for args in (("build", "--format", "a4,quick", "--no-catalogue", "--quiet"),
                 ("check",)):
        result = run_cli(*args)
        output = result.output
        assert result.exit_code in (0, 1), (args, output)
        assert "Traceback" not in output and "internal error" not in output, output
        errors = [line for line in output.splitlines() if ": error: " in line]
        if result.exit_code == 1 and args[0] == "build":
            assert errors, output
        for line in errors:
            assert LOCATED.match(line), line
