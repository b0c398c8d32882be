"""``digest-i18n.toml``: each wrong key is named at its own line; one language list and one
DeepL validator serve the config, the engine, the command line and the glossary."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n.cli import app
from i18n.config import DeepLOptions, load_config, resolve_targets
from i18n.engines.deepl import DeepLEngine
from i18n.errors import ConfigError, UsageError
from i18n.glossary import load_glossary


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('source = "xx"\n', "source"),
        ('engine = "babelfish"\n', "engine"),
        ('targets = ["en", "qq"]\n', "targets"),
    ],
)
def test_an_error_cites_the_line_of_its_own_key(tmp_path: Path, line: str, key: str) -> None:
    others = {"source": 'source = "ko"\n', "targets": 'targets = ["en"]\n'}
    after = "".join(text for name, text in others.items() if name != key)
    config = 'output = "{lang}/{name}"\n# a comment\n' + line + after
    (tmp_path / "digest-i18n.toml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.line == 3, str(raised.value)


@pytest.mark.parametrize(
    ("table", "key", "line"),
    [
        ('[deepl]\nenglish = "EN-US"\nformality = { ja = "polite" }\n', "formality", 3),
        ("[deepl]\nmax_retries = 2\ntimeout = 0\n", "timeout", 3),
        ('[deepl]\nenglish = "EN-AU"\n', "english", 2),
    ],
)
def test_deepl_settings_are_checked_by_one_validator(
    tmp_path: Path, table: str, key: str, line: int
) -> None:
    (tmp_path / "digest-i18n.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.line == line and f"deepl.{key}" in str(raised.value)
    bad = {
        "formality": DeepLOptions(formality={"ja": "polite"}),
        "timeout": DeepLOptions(timeout=0),
        "english": DeepLOptions(english="EN-AU"),
    }[key]
    assert DeepLOptions().problem() is None
    with pytest.raises(UsageError, match=f"deepl.{key}"):
        DeepLEngine("key:fx", bad, "http://127.0.0.1:9")


def test_a_regional_language_is_one_language_everywhere(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "terms.csv").write_text(
        "ko,en,pt-br,note\n모델,model,modelo,\n", encoding="utf-8"
    )
    glossary = load_glossary(tmp_path / "glossary")
    assert "pt-br" in glossary.languages
    config = load_config(tmp_path)
    assert resolve_targets(["pt-BR"], config) == ("pt-br",)
    (tmp_path / "glossary" / "bad.csv").write_text("ko,xx-yy\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown column 'xx-yy'"):
        load_glossary(tmp_path / "glossary")


def test_glossary_add_keeps_the_file_mode(tmp_path: Path) -> None:
    terms = tmp_path / "terms.csv"
    terms.write_text("ko,en,ja,note\n모델,model,モデル,\n", encoding="utf-8")
    terms.chmod(0o664)
    where = ["--dir", str(tmp_path), "--file", "terms.csv"]
    result = CliRunner().invoke(app, ["glossary", "add", "확산 모델", "--en", "model", *where])
    assert result.exit_code == 0, result.output
    assert "확산 모델" in terms.read_text(encoding="utf-8")
    assert stat.S_IMODE(terms.stat().st_mode) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == ["terms.csv"]  # no temporary file left
