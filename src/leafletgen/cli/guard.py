"""The one place an exception ends a command: ours as diagnostics, the file system's in one
line, Ctrl-C in one line, and anything else as a bug, said in one line with a pointer to
report it (the traceback only under --debug). Never a traceback otherwise."""

from __future__ import annotations

import traceback

import click

from leafletgen.cli.console import DEBUG, debugging, report
from leafletgen.errors import LeafletError
from leafletgen.files import file_system_error

EX_SOFTWARE = 70  # sysexits.h: an internal software error
INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
# The exit status of trouble (content or file system) for a command that uses 1 otherwise.
TROUBLE = {"diff": 2}
REPORT_IT = "this is a bug in leafletgen: please report it with the output of --debug"


class GuardedGroup(click.Group):
    """A click group that runs its commands through the guard, with a --debug flag."""

    def invoke(self, ctx: click.Context):
        ctx.meta[DEBUG] = ctx.params.get("debug", False)
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise  # click's own (usage errors, exits), and a closed pipe, which click ends quietly
        except LeafletError as exc:
            report(exc.diagnostics)
            ctx.exit(_trouble(ctx))
        except OSError as exc:
            report([file_system_error(exc)])
            ctx.exit(_trouble(ctx))
        except KeyboardInterrupt:
            click.echo("leafletgen: interrupted", err=True)
            ctx.exit(INTERRUPTED)
        except Exception as exc:  # anything else is a bug of ours
            _internal_error(exc)
            ctx.exit(EX_SOFTWARE)


def _trouble(ctx: click.Context) -> int:
    return TROUBLE.get(ctx.invoked_subcommand or "", 1)


def _internal_error(exc: Exception) -> None:
    if debugging():
        click.echo("".join(traceback.format_exception(exc)).rstrip("\n"), err=True)
    message = str(exc).splitlines()[0] if str(exc) else ""
    click.echo(f"leafletgen: internal error: {type(exc).__name__}: {message} ({REPORT_IT})",
               err=True)

