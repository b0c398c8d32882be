"""Editing glossary files in place, and the exchange formats (CSV, TSV, TBX)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from i18n.errors import GlossaryError, UsageError
from i18n.glossary._csv import export_csv, export_tsv, read_glossary_file, sort_key
from i18n.glossary._edit import add_term, remove_term
from i18n.glossary._glossary import load_glossary
from i18n.glossary._tbx import export_tbx, import_tbx, read_tbx

FIXTURES = Path(__file__).parent.parent / "fixtures" / "glossary"


def copy(tmp_path: Path, *names: str) -> Path:
    directory = tmp_path / "glossary"
    directory.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, directory / Path(name).name)
    return directory


def test_add_keeps_sort_crlf_bom_and_quote_all(tmp_path: Path) -> None:
    directory = copy(tmp_path, "formats/crlf-bom-quoted.csv")
    path = directory / "crlf-bom-quoted.csv"
    add_term(directory, "초안 모델", {"en": "draft model", "ja": "ドラフトモデル"})
    assert path.read_bytes() == (
        b'\xef\xbb\xbf"ko","en","ja","note"\r\n'
        + '"지식 증류","knowledge distillation","知識蒸留",""\r\n'.encode()
        + '"초안 모델","draft model","ドラフトモデル",""\r\n'.encode()
        + '"확산 모델","diffusion model","拡散モデル",""\r\n'.encode()
    )
    remove_term(directory, "초안 모델")
    assert path.read_bytes() == (FIXTURES / "formats" / "crlf-bom-quoted.csv").read_bytes()


def test_add_at_the_end_keeps_a_missing_final_newline(tmp_path: Path) -> None:
    directory = copy(tmp_path, "formats/no-final-newline.csv")
    path = directory / "no-final-newline.csv"
    original = path.read_text(encoding="utf-8")
    add_term(directory, "희소 어텐션", {"en": "sparse attention"}, "note, with comma")
    text = path.read_text(encoding="utf-8")
    assert text == original + '\n희소 어텐션,sparse attention,,"note, with comma"'
    remove_term(directory, "희소 어텐션")
    assert path.read_text(encoding="utf-8") == original
    remove_term(directory, "확산 모델")
    assert (
        path.read_text(encoding="utf-8")
        == "ko,en,ja,note\n지식 증류,knowledge distillation,知識蒸留,"
    )


def test_add_follows_the_files_column_order(tmp_path: Path) -> None:
    directory = copy(tmp_path, "formats/columns-reordered.csv")
    add_term(directory, "MeanFlow", {}, keep=True)
    lines = (directory / "columns-reordered.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "note,ja,ko,en",
        ",,AdaSPEC,AdaSPEC",
        ",MeanFlow,MeanFlow,MeanFlow",
        ",知識蒸留,지식 증류,knowledge distillation",
    ]


def test_added_rows_stay_sorted(tmp_path: Path) -> None:
    directory = tmp_path / "glossary"
    for source in ["확산 모델", "AdaSPEC", "지식 증류", "adam", "초안 모델", "가중치"]:
        add_term(directory, source, {"en": source.upper()})
    rows = list(read_glossary_file(directory / "terms.csv").rows())
    assert [r.source for r in rows] == sorted((r.source for r in rows), key=sort_key)
    assert [r.source for r in rows][:2] == ["adam", "AdaSPEC"]


def test_add_refuses_a_listed_term_unless_replace(tmp_path: Path) -> None:
    directory = copy(tmp_path, "roundtrip/terms.csv")
    with pytest.raises(UsageError, match=r"already at .*terms\.csv:5"):
        add_term(directory, "초안 모델", {"en": "drafter"})
    add_term(directory, "초안 모델", {"en": "drafter"}, replace=True)
    rows = {r.source: r for r in read_glossary_file(directory / "terms.csv").rows()}
    assert rows["초안 모델"].targets == {"en": "drafter", "ja": "ドラフトモデル"}
    assert rows["초안 모델"].line == 5
    assert rows["초안 모델"].note == 'speculative decoding: the "small" model'


def test_add_rejects_bad_input(tmp_path: Path) -> None:
    directory = copy(tmp_path, "roundtrip/terms.csv")
    with pytest.raises(UsageError, match="at least one target"):
        add_term(directory, "새 용어", {"en": " "})
    with pytest.raises(UsageError, match="U\\+0007"):
        add_term(directory, "새 용어", {"en": "bell\x07"})
    with pytest.raises(UsageError, match="no 'de' column"):
        add_term(directory, "새 용어", {"de": "neu"})
    shutil.copy(FIXTURES / "formats" / "formula.csv", directory / "other.csv")
    with pytest.raises(UsageError, match="several glossary files"):
        add_term(directory, "새 용어", {"en": "new term"})


def test_remove_unknown_term(tmp_path: Path) -> None:
    directory = copy(tmp_path, "roundtrip/terms.csv")
    with pytest.raises(UsageError, match="not in the glossary"):
        remove_term(directory, "없는 용어")


def test_csv_to_tbx_to_csv_round_trip_is_unchanged(tmp_path: Path) -> None:
    directory = copy(tmp_path, "roundtrip/terms.csv")
    tbx = tmp_path / "glossary.tbx"
    tbx.write_text(export_tbx(load_glossary(directory)), encoding="utf-8")
    report = import_tbx(tbx, tmp_path / "back" / "terms.csv")
    assert (report.added, report.replaced, report.skipped_entries) == (6, 0, 0)
    original = (FIXTURES / "roundtrip" / "terms.csv").read_bytes()
    assert (tmp_path / "back" / "terms.csv").read_bytes() == original


def test_tbx_shape(tmp_path: Path) -> None:
    directory = copy(tmp_path, "roundtrip/terms.csv")
    text = export_tbx(load_glossary(directory))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif')
    assert '<martif type="TBX-Basic" xml:lang="ko">' in text
    assert '<langSet xml:lang="ja">\n' in text
    assert "<term>R&amp;D 조직</term>" in text
    assert '<descrip type="definition">escapes: &amp; &lt; &gt;</descrip>' in text
    assert '<descrip type="Translation needed">no</descrip>' in text  # AdaSPEC


def test_read_weblate_style_tbx() -> None:
    entries = read_tbx(FIXTURES / "tbx" / "weblate.tbx")
    assert [(e.source, dict(e.targets), e.note, e.keep_as_is) for e in entries] == [
        ("혼합 전문가", {"en": "mixture of experts", "de": "Mixture of Experts"}, "MoE", False),
        ("확산 모델", {"ja": "拡散モデル"}, "", False),
        ("FlashAttention", {}, "", True),
        ("", {"en": "orphan without Korean"}, "", False),
    ]


def test_read_tbx_v3() -> None:
    [entry] = read_tbx(FIXTURES / "tbx" / "v3.tbx")
    assert (entry.source, dict(entry.targets), entry.note) == (
        "양자화",
        {"en-us": "quantization", "ja": "量子化"},
        "bits per weight",
    )


def test_import_merges_into_an_existing_file(tmp_path: Path) -> None:
    directory = copy(tmp_path, "roundtrip/terms.csv")
    path = directory / "terms.csv"
    report = import_tbx(FIXTURES / "tbx" / "weblate.tbx", path)
    assert (report.added, report.replaced, report.unchanged) == (2, 0, 1)
    assert (report.skipped_entries, report.skipped_languages) == (1, ("de",))
    rows = {r.source: r for r in read_glossary_file(path).rows()}
    assert rows["FlashAttention"].targets == {"en": "FlashAttention", "ja": "FlashAttention"}
    assert rows["혼합 전문가"].targets == {"en": "mixture of experts", "ja": ""}
    assert rows["혼합 전문가"].note == "MoE"
    sources = [r.source for r in read_glossary_file(path).rows()]
    assert sources == sorted(sources, key=sort_key)


@pytest.mark.parametrize(("name", "words"), [("entity.tbx", "ENTITY"), ("broken.tbx", "XML")])
def test_unsafe_or_broken_tbx_is_refused(name: str, words: str) -> None:
    with pytest.raises(GlossaryError, match=words):
        read_tbx(FIXTURES / "tbx" / name)


def test_csv_export_neutralises_formulas_and_reads_back(tmp_path: Path) -> None:
    directory = copy(tmp_path, "formats/formula.csv")
    text = export_csv(load_glossary(directory))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["ko", "en", "ja", "note"],
        ["'=kept", "x", "y", "z"],
        ["'=SUM(A1)", "'@cmd", "'+1", "'-2"],
    ]
    back = tmp_path / "back"
    back.mkdir()
    (back / "exported.csv").write_text(text, encoding="utf-8")
    exported = {t.source: (dict(t.targets), t.note) for t in load_glossary(back).terms}
    original = {t.source: (dict(t.targets), t.note) for t in load_glossary(directory).terms}
    assert exported == original


def test_tsv_export(tmp_path: Path) -> None:
    directory = copy(tmp_path, "roundtrip/terms.csv")
    lines = export_tsv(load_glossary(directory)).splitlines()
    assert lines[0] == "ko\ten\tja\tnote"
    assert lines[3] == "지식 증류\tknowledge distillation\t知識蒸留\t"
    assert len(lines) == 7


def test_a_utf16_tbx_with_entities_is_refused_before_anything_expands(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<martif type="TBX-Basic"><text><body><termEntry>'
        '<langSet xml:lang="ko"><tig><term>모델</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>&b;</term></tig></langSet>'
        "</termEntry></body></text></martif>\n"
    )
    tbx = tmp_path / "bomb.tbx"
    tbx.write_bytes(bomb.encode("utf-16"))
    assert b"<!ENTITY" not in tbx.read_bytes()  # what the old byte check looked for
    with pytest.raises(GlossaryError, match="ENTITY"):
        read_tbx(tbx)
    target = tmp_path / "terms.csv"
    with pytest.raises(GlossaryError):
        import_tbx(tbx, target)
    assert not target.exists()


def test_our_own_tbx_with_its_doctype_reads_back(tmp_path: Path) -> None:
    glossary_dir = copy(tmp_path, "roundtrip/terms.csv")
    tbx = tmp_path / "out.tbx"
    tbx.write_text(export_tbx(load_glossary(glossary_dir)), encoding="utf-8")
    assert "<!DOCTYPE martif" in tbx.read_text(encoding="utf-8")
    assert read_tbx(tbx)
