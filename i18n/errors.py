"""One exception root for everything the library raises on purpose.

Each subclass carries the file, the line and what the user should do, and maps to one of
the documented exit codes. Only the CLI turns these into text; nothing below it prints.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_ENGINE = 3


class I18nError(Exception):
    """Root of every error digest-i18n raises on purpose."""

    exit_code = EXIT_USAGE

    def __init__(
        self, message: str, *, file: str | Path | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line

    def location(self) -> str:
        """``file:line`` (or ``file``, or empty) for the one-line error report."""
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class UsageError(I18nError):
    """Bad flags or arguments: unknown language, unknown engine, bad combination."""


class ConfigError(I18nError):
    """The configuration file is unreadable or holds unknown or ill-typed keys."""


class InputError(I18nError):
    """A source file cannot be used: missing, not UTF-8, binary, broken front matter."""


class OutputError(I18nError):
    """A target path is unsafe or collides with another, or a target may not be overwritten."""


class GlossaryError(I18nError):
    """A glossary file is malformed."""


class CatalogError(I18nError):
    """A gettext catalog is malformed."""


class CacheError(I18nError):
    """The translation cache cannot be opened or holds something it must not."""


class EngineUnavailable(I18nError):
    """The engine cannot be reached or refuses us: auth, quota, network. Finished work is kept."""

    exit_code = EXIT_ENGINE


class TranslationFailed(I18nError):
    """An engine answered, but a unit could not be rebuilt (lost or duplicated tags)."""

    exit_code = EXIT_FINDINGS


class TextsRefused(TranslationFailed):
    """The engine refused a request for what its texts hold (DeepL's 400), not for the
    account: the batch is split until the refused texts are found, and only they fail."""
