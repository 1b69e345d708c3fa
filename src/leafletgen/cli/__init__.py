"""The command line: the only place that prints and picks exit codes.

Exit status: 0 success, 1 content errors (shown as file:line:column) or file-system trouble
(one line), 2 usage errors, 70 an internal error (a bug: one line, its traceback with
--debug), 130 interrupted. diff uses 1 for "changes" and 2 for any trouble.
Each command lives in a module of its own and imports the heavy modules it needs when it
runs, so that `leafletgen --help` stays fast.
"""

from __future__ import annotations

import click

import leafletgen
from leafletgen.cli.bodymap import bodymap
from leafletgen.cli.build import build
from leafletgen.cli.check import check, schema
from leafletgen.cli.console import report  # noqa: F401  (every command reports through it)
from leafletgen.cli.diff import diff
from leafletgen.cli.guard import GuardedGroup
from leafletgen.cli.translations import translations


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(leafletgen.__version__, prog_name="leafletgen")
@click.option("--debug", is_flag=True,
              help="Print the traceback of an internal error, for a bug report.")
def main(debug: bool) -> None:
    """Turn YAML leaflet definitions into print-ready patient information leaflets."""


for command in (build, check, diff, translations, schema, bodymap):
    main.add_command(command)
