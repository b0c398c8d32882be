"""How every command reports the library's errors: one line on stderr, the documented code."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import typer

from i18n.errors import I18nError

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def reported_errors() -> Iterator[None]:
    """Print an I18nError as ``error: file:line: message`` and exit with its code."""
    try:
        yield
    except I18nError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(error.exit_code) from None


def reports_errors(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """A typer command that reports errors with :func:`reported_errors`."""

    @functools.wraps(command)  # typer reads the wrapped signature
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with reported_errors():
            return command(*args, **kwargs)

    return run
