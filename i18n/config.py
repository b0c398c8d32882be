"""``digest-i18n.toml``: found upward from the working directory; flags override it.

Every key is known and typed; an unknown or ill-typed key is an error naming the key, the
file and the line, because a typo in a CI config must not silently fall back to a default.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from i18n.errors import ConfigError, UsageError
from i18n.markdown import check_dialect, site_dialect

CONFIG_NAME = "digest-i18n.toml"
# The one list of language codes: what DeepL translates into, lower-case, plus the regional
# variants it names (``en`` itself maps through ``[deepl] english``). Config keys, ``--to``,
# glossary columns and catalogs all check against it.
LANGUAGES = frozenset(
    [
        "ar",
        "bg",
        "cs",
        "da",
        "de",
        "el",
        "en",
        "es",
        "et",
        "fi",
        "fr",
        "he",
        "hu",
        "id",
        "it",
        "ja",
        "ko",
        "lt",
        "lv",
        "nb",
        "nl",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sv",
        "th",
        "tr",
        "uk",
        "vi",
        "zh",
        "en-gb",
        "en-us",
        "es-419",
        "pt-br",
        "pt-pt",
        "zh-hans",
        "zh-hant",
    ]
)
ENGLISH_VARIANTS = ("EN-US", "EN-GB")
FORMALITIES = ("default", "less", "more", "prefer_less", "prefer_more")


@dataclass(frozen=True, slots=True)
class LinkRewrite:
    """Replace a link-destination prefix, per target language."""

    prefix: str
    """What a destination starts with in the source."""
    replacements: Mapping[str, str]
    """Target language → the prefix to put instead."""


@dataclass(frozen=True, slots=True)
class DeepLOptions:
    """Settings of the ``deepl`` engine (the config file's ``[deepl]`` table)."""

    english: str = "EN-US"
    """DeepL target code that target ``en`` maps to (``EN-US`` or ``EN-GB``)."""
    formality: Mapping[str, str] = field(default_factory=dict)
    """Target language code -> DeepL formality (``{"ja": "more"}``)."""
    glossary_namespace: str = "digest-i18n"
    """Prefix of the remote glossaries' names; older ones under it are deleted on sync."""
    max_retries: int = 5
    """Client retries on 429, 5xx and dropped connections before giving up."""
    timeout: float = 10.0
    """Minimum seconds the client waits for one HTTP answer."""

    def problem(self) -> tuple[str, str] | None:
        """The first invalid setting as (its key, what is wrong), or None: the one validator
        the config file and the engine share."""
        if self.english.upper() not in ENGLISH_VARIANTS:
            return "english", f"'deepl.english' must be EN-US or EN-GB, not {self.english!r}"
        for lang, value in self.formality.items():
            if not isinstance(value, str) or value.lower() not in FORMALITIES:
                choices = ", ".join(FORMALITIES)
                return "formality", f"'deepl.formality.{lang}' must be one of {choices}"
        if self.max_retries < 0:
            return "max_retries", "'deepl.max_retries' must be ≥ 0"
        if self.timeout <= 0:
            return "timeout", "'deepl.timeout' must be > 0"
        return None


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one project, after defaults, file and flags."""

    root: Path
    """Directory of the config file, or the working directory when there is none."""
    file: Path | None = None
    """The config file, if one was found."""
    source: str = "ko"
    """Source language."""
    targets: tuple[str, ...] = ("en", "ja")
    """Target languages."""
    output: str | None = None
    """Output path template relative to ``root`` ({lang} {dir} {subdir} {stem} {suffix} {name})."""
    front_matter_keys: tuple[str, ...] = ("title", "description", "excerpt", "summary")
    """Front-matter keys whose values are translated."""
    engine: str = "deepl"
    """Default engine."""
    cache_dir: Path | None = None
    """Translation-memory directory (``DIGEST_I18N_CACHE_DIR`` wins)."""
    glossary_dir: Path | None = None
    """Glossary directory; None means the project's ``glossary/`` or the bundled one."""
    locales_dir: Path | None = None
    """Catalog directory; None means the project's ``locales/`` or the bundled one."""
    deepl: DeepLOptions = field(default_factory=DeepLOptions)
    """DeepL settings."""
    link_rewrites: tuple[LinkRewrite, ...] = ()
    """Per-language link-destination rewrites."""
    markdown: str = "commonmark"
    """Dialect posts are parsed in (``kramdown``, ``goldmark``, ``commonmark``): the config's
    ``markdown`` key, else the site's renderer found upward from the working directory."""

    def resolved_cache_dir(self, environ: Mapping[str, str] = os.environ) -> Path:
        """``DIGEST_I18N_CACHE_DIR``, else ``cache_dir``, else ``.digest-i18n-cache/``."""
        if environ.get("DIGEST_I18N_CACHE_DIR"):
            return Path(environ["DIGEST_I18N_CACHE_DIR"])
        return self.cache_dir or self.root / ".digest-i18n-cache"

    def resolved_glossary_dir(self) -> Path:
        """The configured, project or bundled glossary directory."""
        return self.glossary_dir or _project_or_bundled(self.root, "glossary")

    def resolved_locales_dir(self) -> Path:
        """The configured, project or bundled catalog directory."""
        return self.locales_dir or _project_or_bundled(self.root, "locales")

    def url_rewriter(self, lang: str) -> Callable[[str], str] | None:
        """The link rewrite function for ``lang`` (None when no rule names it)."""
        rules = [
            (r.prefix, r.replacements[lang]) for r in self.link_rewrites if lang in r.replacements
        ]
        if not rules:
            return None

        def rewrite(url: str) -> str:
            for prefix, new in rules:
                if url.startswith(prefix):
                    return new + url[len(prefix) :]
            return url

        return rewrite


def _project_or_bundled(root: Path, name: str) -> Path:
    for base in (root, Path.cwd()):
        if (base / name).is_dir() and _holds_data(base / name, name):
            return base / name
    bundled = resources.files("i18n") / "_data" / name
    if bundled.is_dir():
        return Path(str(bundled))
    # an editable install: the repository's own data next to the package
    return Path(__file__).resolve().parent.parent / name


def _holds_data(directory: Path, name: str) -> bool:
    """A project ``locales/`` holding only reviewed translations (``reviewed.po``, written by
    ``learn``) has no vocabulary of its own: the bundled catalogs still apply."""
    if name != "locales":
        return True
    return any(path.name != "reviewed.po" for path in directory.rglob("*.po*"))


def find_config(start: Path) -> Path | None:
    """The nearest ``digest-i18n.toml`` in ``start`` or above."""
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def is_language(code: str) -> bool:
    """``code`` (lower-case) is a language code the tool knows."""
    return code in LANGUAGES


def check_language(code: str, what: str = "language") -> str:
    """A known language code, lower-cased; else a usage error."""
    lang = code.strip().lower()
    if not is_language(lang):
        raise UsageError(
            f"unknown {what} '{code}': use a two-letter code such as en, ja, de "
            f"(known: {', '.join(sorted(LANGUAGES))})"
        )
    return lang


def check_engine(name: str) -> str:
    """An installed engine's name (entry-point group ``digest_i18n.engines``); else a usage
    error listing the installed ones."""
    from i18n.engines._plugins import engine_names  # the engines package imports this module

    names = engine_names()
    if name not in names:
        raise UsageError(f"unknown engine '{name}': choose one of {', '.join(names)}")
    return name


def load_config(cwd: Path | None = None, file: Path | None = None) -> Config:
    """Defaults, overridden by the config file found upward from ``cwd`` (or ``file``)."""
    cwd = cwd or Path.cwd()
    path = file or find_config(cwd)
    if path is None:
        return Config(root=cwd, markdown=site_dialect(cwd))
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except OSError as error:
        raise ConfigError(f"cannot read the config: {error.strerror}", file=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        found = re.search(r"line (\d+)", str(error))
        raise ConfigError(
            f"not valid TOML: {str(error).split(' (at', 1)[0]}",
            file=path,
            line=int(found.group(1)) if found else None,
        ) from None
    config = _from_table(data, path, raw)
    return config if "markdown" in data else replace(config, markdown=site_dialect(cwd))


def _line_of(raw: str, key: str) -> int | None:
    found = re.search(rf"^\s*\[*\s*{re.escape(key)}\b", raw, re.M)
    return raw.count("\n", 0, found.start()) + 1 if found else None


def _expect(value: Any, kind: type | tuple[type, ...], key: str, path: Path, raw: str) -> Any:
    if not isinstance(value, kind):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(
            f"'{key}' must be a {name}", file=path, line=_line_of(raw, key.split(".")[-1])
        )
    return value


def _strings(value: Any, key: str, path: Path, raw: str) -> tuple[str, ...]:
    items = _expect(value, list, key, path, raw)
    return tuple(_expect(item, str, key, path, raw) for item in items)


_TOP = {
    "source",
    "targets",
    "output",
    "front_matter_keys",
    "engine",
    "cache_dir",
    "glossary_dir",
    "locales_dir",
    "deepl",
    "links",
    "markdown",
}


def _only_known(
    table: Mapping[str, Any], known: set[str], prefix: str, path: Path, raw: str
) -> None:
    for key in table:
        if key not in known:
            raise ConfigError(
                f"unknown key '{prefix}{key}' (known: {', '.join(sorted(known))})",
                file=path,
                line=_line_of(raw, key),
            )


def _from_table(data: Mapping[str, Any], path: Path, raw: str) -> Config:
    root = path.parent
    _only_known(data, _TOP, "", path, raw)
    config = Config(root=root, file=path)
    changes: dict[str, Any] = {}
    checked = (
        ("source", lambda value: check_language(_expect(value, str, "source", path, raw))),
        (
            "targets",
            lambda value: tuple(check_language(t) for t in _strings(value, "targets", path, raw)),
        ),
        ("engine", lambda value: check_engine(_expect(value, str, "engine", path, raw))),
        ("markdown", lambda value: check_dialect(_expect(value, str, "markdown", path, raw))),
    )
    for key, check in checked:
        if key in data:
            try:
                changes[key] = check(data[key])
            except UsageError as error:  # the line of the key that is wrong
                raise ConfigError(error.message, file=path, line=_line_of(raw, key)) from None
    if "output" in data:
        changes["output"] = _expect(data["output"], str, "output", path, raw)
    if "front_matter_keys" in data:
        changes["front_matter_keys"] = _strings(
            data["front_matter_keys"], "front_matter_keys", path, raw
        )
    for key in ("cache_dir", "glossary_dir", "locales_dir"):
        if key in data:
            changes[key] = root / _expect(data[key], str, key, path, raw)
    if "deepl" in data:
        changes["deepl"] = _deepl(_expect(data["deepl"], dict, "deepl", path, raw), path, raw)
    if "links" in data:
        changes["link_rewrites"] = _links(
            _expect(data["links"], dict, "links", path, raw), path, raw
        )
    return replace(config, **changes)


def _deepl(table: Mapping[str, Any], path: Path, raw: str) -> DeepLOptions:
    known = {"english", "formality", "glossary_namespace", "max_retries", "timeout"}
    _only_known(table, known, "deepl.", path, raw)
    english = _expect(table.get("english", "EN-US"), str, "deepl.english", path, raw).upper()
    formality = _expect(table.get("formality", {}), dict, "deepl.formality", path, raw)
    namespace = _expect(
        table.get("glossary_namespace", "digest-i18n"), str, "deepl.glossary_namespace", path, raw
    )
    retries = _expect(table.get("max_retries", 5), int, "deepl.max_retries", path, raw)
    timeout = _expect(table.get("timeout", 10.0), (int, float), "deepl.timeout", path, raw)
    options = DeepLOptions(english, dict(formality), namespace, retries, float(timeout))
    problem = options.problem()
    if problem is not None:
        raise ConfigError(problem[1], file=path, line=_line_of(raw, problem[0]))
    return options


def _links(table: Mapping[str, Any], path: Path, raw: str) -> tuple[LinkRewrite, ...]:
    _only_known(table, {"rewrite"}, "links.", path, raw)
    rules = []
    for entry in _expect(table.get("rewrite", []), list, "links.rewrite", path, raw):
        entry = _expect(entry, dict, "links.rewrite", path, raw)
        prefix = _expect(entry.get("prefix"), str, "links.rewrite.prefix", path, raw)
        replacements = {}
        for lang, value in entry.items():
            if lang == "prefix":
                continue
            if not is_language(lang):
                raise ConfigError(
                    f"unknown key 'links.rewrite.{lang}': use 'prefix' and language codes",
                    file=path,
                    line=_line_of(raw, lang),
                )
            replacements[lang] = _expect(value, str, f"links.rewrite.{lang}", path, raw)
        rules.append(LinkRewrite(prefix, replacements))
    return tuple(rules)


def command_dir(directory: Path | None, name: str, *, write: bool = False) -> Path:
    """A ``glossary``/``locales`` command's directory: ``--dir``, else the configured one;
    else, for reading, the project's or the bundled one, and for writing the project's own
    (never the installed package's data)."""
    if directory is not None:
        return directory
    config = load_config(Path.cwd())
    configured = {"glossary": config.glossary_dir, "locales": config.locales_dir}[name]
    if configured is not None:
        return configured
    return config.root / name if write else _project_or_bundled(config.root, name)


def resolve_targets(values: Sequence[str] | None, config: Config) -> tuple[str, ...]:
    """``--to`` values (else the configured targets), checked and without repeats."""
    chosen = list(values or config.targets)
    targets = tuple(dict.fromkeys(check_language(v, "target language") for v in chosen))
    if config.source in targets:
        raise UsageError(f"target language '{config.source}' is the source language")
    return targets
