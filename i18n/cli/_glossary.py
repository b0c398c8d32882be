"""``digest-i18n glossary …``: thin typer commands over the glossary library.

Errors are :class:`i18n.errors.I18nError`, reported as one line with their exit code.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from i18n.cli._errors import command_group
from i18n.config import command_dir, load_config
from i18n.errors import OutputError, UsageError
from i18n.glossary import (
    EXPORTERS,
    Glossary,
    SuggestOptions,
    Term,
    add_term,
    glossary_file_path,
    glossary_rows_csv,
    import_tbx,
    lint_glossary,
    load_glossary,
    remove_term,
    suggest_terms,
    suggestion_rows,
)
from i18n.reviewed import (
    ReviewedCatalogs,
    review_suggestion_rows,
    reviewed_dir,
    suggest_from_reviews,
)

app = command_group(
    "The glossary of fixed terms (glossary/*.csv: ko,en,ja,note): check, edit, exchange."
)

DirOption = Annotated[Path | None, typer.Option("--dir", help="Glossary directory (holds *.csv).")]
FileOption = Annotated[
    str | None,
    typer.Option("--file", help="Glossary file: a name inside --dir, or a path."),
]


class ExportFormat(StrEnum):
    """Formats ``export`` writes."""

    tbx = "tbx"
    csv = "csv"
    tsv = "tsv"


def _existing(directory: Path) -> Path:
    if not directory.is_dir():
        raise UsageError("no glossary directory here (use --dir)", file=directory)
    return directory


@app.command()
def lint(directory: DirOption = None) -> None:
    """Report problems as file:line: code: message; exit 1 if there are any.

    Example: digest-i18n glossary lint --dir glossary
    """
    directory = command_dir(directory, "glossary")
    problems = lint_glossary(_existing(directory))
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    terms = len(load_glossary(directory).terms)
    typer.echo(f"{directory}: {terms} terms, no problems", err=True)


def _row(term: Term, languages: tuple[str, ...]) -> str:
    return "\t".join([term.source, *(term.target(lang) for lang in languages), term.note])


@app.command("list")
def list_terms(
    directory: DirOption = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only this target language's rules.")
    ] = None,
    grep: Annotated[
        str | None,
        typer.Option("--grep", help="Only terms where a cell matches this regular expression."),
    ] = None,
) -> None:
    """Print the terms as tab-separated columns (ko, targets, note).

    Example: digest-i18n glossary list --lang ja --grep 모델
    """
    directory = command_dir(directory, "glossary")
    glossary = load_glossary(_existing(directory))
    languages = (lang,) if lang else glossary.languages
    try:
        pattern = re.compile(grep, re.IGNORECASE) if grep else None
    except re.error as exc:
        raise UsageError(f"--grep is not a valid regular expression: {exc}") from exc
    typer.echo("\t".join(["ko", *languages, "note"]))
    for term in _selected(glossary, lang, pattern):
        typer.echo(_row(term, languages))


def _selected(glossary: Glossary, lang: str | None, pattern: re.Pattern[str] | None) -> list[Term]:
    return [
        term
        for term in glossary.terms
        if (lang is None or term.target(lang))
        and (
            pattern is None
            or any(pattern.search(c) for c in (term.source, *term.targets.values(), term.note))
        )
    ]


@app.command()
def add(
    source: Annotated[str, typer.Argument(help="The Korean term.")],
    en: Annotated[str, typer.Option("--en", help="English target term.")] = "",
    ja: Annotated[str, typer.Option("--ja", help="Japanese target term.")] = "",
    target: Annotated[
        list[str] | None,
        typer.Option("--target", help="Another language's term as LANG=TERM (repeatable)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Note for maintainers.")] = "",
    keep: Annotated[
        bool, typer.Option("--keep", help="Never translate: every target is the source term.")
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Rewrite the row if the term is already listed.")
    ] = False,
    directory: DirOption = None,
    file: FileOption = None,
) -> None:
    """Add a term, in sorted position, keeping the file's formatting.

    Example: digest-i18n glossary add 확산 모델 --en "diffusion model" --ja 拡散モデル
    """
    directory = command_dir(directory, "glossary", write=True)
    targets = {"en": en, "ja": ja}
    for item in target or []:
        lang, sep, value = item.partition("=")
        if not sep or not lang.strip():
            raise UsageError(f"--target {item!r}: expected LANG=TERM")
        targets[lang.strip().lower()] = value
    result = add_term(directory, source, targets, note, file=file, replace=replace, keep=keep)
    typer.echo(f"{result.action} {source.strip()!r} in {result.path}")


@app.command()
def remove(
    source: Annotated[str, typer.Argument(help="The Korean term.")],
    directory: DirOption = None,
    file: FileOption = None,
) -> None:
    """Remove a term's row(s), keeping the files' formatting.

    Example: digest-i18n glossary remove 확산 모델
    """
    directory = command_dir(directory, "glossary", write=True)
    for result in remove_term(_existing(directory), source, file=file):
        typer.echo(f"removed {source.strip()!r} from {result.path} ({result.rows} row(s))")


@app.command()
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", help="tbx (CAT tools, Weblate), csv or tsv.")
    ] = ExportFormat.tbx,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    directory: DirOption = None,
) -> None:
    """Write the whole glossary as one TBX, CSV or TSV file (spreadsheet-safe).

    Example: digest-i18n glossary export --format tbx --output terms.tbx
    """
    directory = command_dir(directory, "glossary")
    glossary = load_glossary(_existing(directory))
    text = EXPORTERS[format.value](glossary)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", file=output) from exc
    typer.echo(f"wrote {len(glossary.terms)} terms to {output}", err=True)


@app.command("import")
def import_(
    tbx: Annotated[Path, typer.Argument(help="A TBX file (from a CAT tool or Weblate).")],
    directory: DirOption = None,
    file: FileOption = None,
) -> None:
    """Merge a TBX file's terms into a glossary file: new ones sorted in, changed ones
    rewritten.

    Example: digest-i18n glossary import terms.tbx
    """
    directory = command_dir(directory, "glossary", write=True)
    report = import_tbx(tbx, glossary_file_path(directory, file))
    typer.echo(
        f"{report.path}: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged"
    )
    if report.skipped_entries:
        typer.echo(f"skipped {report.skipped_entries} entries without a ko term", err=True)
    if report.skipped_languages:
        skipped = ", ".join(report.skipped_languages)
        typer.echo(f"skipped languages without a column in the file: {skipped}", err=True)


@app.command()
def suggest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Posts, or directories of *.md posts (not with --from-reviews)."),
    ] = None,
    directory: DirOption = None,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Occurrences for a frequent phrase.")
    ] = 3,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Most frequent phrases.")] = 40,
    from_reviews: Annotated[
        bool,
        typer.Option(
            "--from-reviews",
            help="Instead: term substitutions reviewers made in two or more units.",
        ),
    ] = False,
) -> None:
    """Print candidate terms as ko,en,ja,note CSV rows: glossed terms, then frequent phrases.

    Glossed terms are written like 추측적 디코딩(speculative decoding) in the posts; frequent
    phrases are Hangul noun phrases the glossary does not have yet. With --from-reviews, the
    candidates are what reviewers wrote instead of the machine's words, with counts.

    Example: digest-i18n glossary suggest _posts --min-count 3
    """
    if from_reviews:
        config = load_config(Path.cwd())
        found = suggest_from_reviews(ReviewedCatalogs(reviewed_dir(config)), config.targets)
        typer.echo(glossary_rows_csv(review_suggestion_rows(found)), nl=False)
        return
    if not paths:
        raise UsageError("give posts to suggest terms from, or --from-reviews")
    directory = command_dir(directory, "glossary")
    options = SuggestOptions(min_count=min_count, limit=limit)
    suggestions = suggest_terms(paths, load_glossary(directory), options)
    typer.echo(glossary_rows_csv(suggestion_rows(suggestions)), nl=False)


@app.command()
def sync(
    directory: DirOption = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            "-t",
            help="Another target language (repeat); the configured targets are always in, so "
            "every job names the same glossary.",
        ),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Also delete this tool's older glossaries made for other terms (only when no "
            "job may still use them).",
        ),
    ] = False,
) -> None:
    """Make the DeepL glossary match these terms: reuse it when unchanged, else create it.

    Example: digest-i18n glossary sync --to en --to ja --prune
    """
    from i18n.config import check_language
    from i18n.engines._base import LanguagePair
    from i18n.engines._registry import deepl_engine

    directory = command_dir(directory, "glossary")
    config = load_config(Path.cwd())
    wanted = dict.fromkeys([*config.targets, *(check_language(lang) for lang in to or [])])
    targets = [lang for lang in wanted if lang != config.source]
    engine = deepl_engine(config)
    glossary = load_glossary(directory)
    pairs = [LanguagePair(config.source, lang) for lang in targets]
    glossary_id = engine.sync_glossary(glossary.terms_by_pair(pairs), prune=prune)
    outcome = engine.last_sync
    if glossary_id is None or outcome is None:
        typer.echo("no terms for these languages: no DeepL glossary is needed")
        return
    how = "created" if outcome.created else "reused"
    typer.echo(
        f"DeepL glossary {outcome.name!r} ({glossary_id}) {how} for {', '.join(targets)}"
        + (f"; older glossaries deleted: {len(outcome.deleted)}" if prune else "")
    )
