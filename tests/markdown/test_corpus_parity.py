"""Render parity on the evaluation corpus: real posts, in the sites they come from.

Each repository's posts go into a site of its kind (a Jekyll ``_config.yml`` or a Hugo
``hugo.toml``), and all of them once more into a folder with no site at all; ``digest-i18n
translate`` runs from inside each, as a user's run would, into English and Japanese: once with
``pseudo`` and once with ``deepl`` through the official client to the fake DeepL, which
reorders Japanese the way DeepL does. Sources and translations go through the real kramdown,
Hugo and cmark-gfm, one batch each.

- In a site, a translation must render like its source in the site's renderer, and in the
  other one wherever the source renders alike in both (issue 12's rule): the whole page where
  the whole source renders alike, else each top-level block that does.
- With no site the post is CommonMark: it must render like its source in cmark-gfm, and in
  kramdown or Goldmark wherever that renderer reads the source as cmark-gfm does (the same
  way: the page, else each block).

The corpus is evaluation data beside the repository (``../shared/eval/corpus``); without it
these tests skip. They read it in place and copy it only into temporary directories.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from corpus_sites import (
    CORPUS,
    LANGS,
    RENDERER,
    build_site,
    site_kinds,
    translate_site,
    translation_of,
)
from fake_deepl import FakeDeepL
from renderers import cmark_html, goldmark_html, kramdown_html, skeleton, top_level_skeletons

pytestmark = pytest.mark.skipif(
    not (CORPUS / "MANIFEST.tsv").exists(), reason="the evaluation corpus is not beside the repo"
)

ENGINES = ("pseudo", "deepl", "deepl-moved", "deepl-last-first")
SITES = ("jekyll", "hugo", "none")
FRAGMENTS = "fragments that resolve"
Case = tuple[str, str, str, str, str]
"""(engine, site kind, corpus folder/post, language, renderer)"""

GANS = "greeksharifa__greeksharifa.github.io/2019-03-20-advanced-GANs.md"
EXCEPTIONS: dict[Case, str] = {
    (engine, "none", GANS, lang, renderer): "CommonMark and Goldmark have no math: the source's"
    " _ in two formulas of one line pair up as emphasis there, and the order of the formulas"
    " in the translation pairs other ones (the c_math case of test_render_parity)"
    for engine, lang in (
        ("pseudo", "ja"),
        ("deepl", "ja"),
        ("deepl-moved", "en"),
        ("deepl-last-first", "ja"),
    )
    for renderer in ("cmark", "goldmark")
}
"""Cases that do not render alike yet → why. Strict: a listed case that starts to hold fails
the test, so the list stays true."""

Skeleton = dict[str, list[str]]
Blocks = list[Skeleton] | None
Page = tuple[Skeleton, Blocks]
"""A rendering's skeleton, and each of its top-level blocks' (None: they do not nest)."""
RENDERERS: dict[str, Callable[[Sequence[str]], list[str]]] = {
    "kramdown": kramdown_html,
    "goldmark": goldmark_html,
    "cmark": cmark_html,
}


def _translate_corpus(work: Path) -> tuple[list[tuple[Case, str, str]], dict[str, str]]:
    """Every (case, source, translation) of every engine and site, and the runs' failures."""
    kinds = site_kinds()
    pairs: list[tuple[Case, str, str]] = []
    failures: dict[str, str] = {}
    for engine in ENGINES:
        # "deepl-moved": the fake also reverses every run of sibling elements, nested ones
        # too, and in English: orders that Japanese word order alone never makes;
        # "deepl-last-first": Japanese puts only the last element first
        orders = {
            "reorder_tags": engine == "deepl-moved",
            "japanese_order": engine != "deepl-last-first",
            "last_first": engine == "deepl-last-first",
        }
        with FakeDeepL(**orders) as fake:
            env = {
                "DEEPL_AUTH_KEY": fake.auth_key,
                "DEEPL_SERVER_URL": fake.url,
                "DIGEST_I18N_CACHE_DIR": str(work / f"cache-{engine}"),
                "NO_COLOR": "1",
            }
            for site_kind in SITES:
                site = work / engine / site_kind
                folders = [CORPUS / n for n, k in sorted(kinds.items()) if site_kind in (k, "none")]
                copies = build_site(site, site_kind, folders)
                done = translate_site(site, engine.split("-")[0], env)
                if done.returncode != 0:
                    failures[f"{engine}/{site_kind}"] = done.stderr[-2000:]
                renderers = (
                    ("cmark", "kramdown", "goldmark") if site_kind == "none" else RENDERER.values()
                )
                for copy in copies:
                    name = f"{copy.parent.name}/{copy.name}"
                    for lang in LANGS:
                        target = translation_of(site, copy, lang)
                        if not target.exists():
                            failures[f"{engine}/{site_kind}/{lang}/{name}"] = "not written"
                            continue
                        source, translation = (
                            p.read_text(encoding="utf-8") for p in (copy, target)
                        )
                        for renderer in renderers:
                            pairs.append(
                                ((engine, site_kind, name, lang, renderer), source, translation)
                            )
    return pairs, failures


def _differs(case: Case, source: str, translation: str, pages: dict[str, dict[str, Page]]) -> str:
    """What a reader of ``case``'s renderer gets differently; ``""`` when alike or exempt."""
    _, site_kind, _, _, renderer = case
    (before, _), (after, blocks) = pages[renderer][source], pages[renderer][translation]
    rule = "cmark" if site_kind == "none" else RENDERER[site_kind]
    if site_kind == "none":
        before, after = dict(before), dict(after)
        gained = set(before.pop(FRAGMENTS)) <= set(after.pop(FRAGMENTS))
        if renderer == "cmark" and not gained:
            return FRAGMENTS
    if renderer != rule:  # the other renderer counts where it reads the source alike
        reference, mine = pages[rule][source][0], pages[renderer][source][0]
        if site_kind == "none":
            reference, mine = _without_fragments(reference), _without_fragments(mine)
        if reference != mine:
            return _blocks_differ(pages[rule][source][1], pages[renderer][source][1], blocks)
    return next((k for k in before if before[k] != after.get(k)), "")


def _blocks_differ(reference: Blocks, source: Blocks, translation: Blocks) -> str:
    """Block by block, where the renderers read a source alike in some blocks only: each of
    those must read alike in the translation too."""
    if reference is None or source is None or len(reference) != len(source):
        return ""  # the renderers disagree on the blocks themselves: no place is alike
    alike = [n for n, block in enumerate(source) if block == reference[n]]
    if not alike:
        return ""
    if translation is None or len(translation) != len(source):
        return "blocks"
    differ = [n for n in alike if translation[n] != source[n]]
    if not differ:
        return ""
    block, translated = source[differ[0]], translation[differ[0]]
    return next(f"{k} (block {differ[0] + 1})" for k in block if block[k] != translated[k])


def _without_fragments(found: Skeleton) -> Skeleton:
    return {k: v for k, v in found.items() if k != FRAGMENTS}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[Case, str], dict[str, str]]:
    """Differing cases (→ what differs) and failed runs or files (→ why)."""
    pairs, failures = _translate_corpus(tmp_path_factory.mktemp("corpus"))
    pages: dict[str, dict[str, Page]] = {}
    for renderer, render in RENDERERS.items():
        texts = sorted({t for case, s, tr in pairs if case[4] == renderer for t in (s, tr)})
        if renderer != "cmark":  # the site rules compare with the other renderer's source too
            texts = sorted({*texts, *(s for _, s, _ in pairs)})
        html = render(texts)
        pages[renderer] = {
            text: (skeleton(page), top_level_skeletons(page))
            for text, page in zip(texts, html, strict=True)
        }
    differing = {}
    for case, source, translation in pairs:
        if what := _differs(case, source, translation, pages):
            differing[case] = what
    return differing, failures


def test_every_post_of_the_corpus_is_translated(
    results: tuple[dict[Case, str], dict[str, str]],
) -> None:
    assert results[1] == {}


@pytest.mark.parametrize("site_kind", SITES)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_translation_renders_like_its_source(
    engine: str, site_kind: str, results: tuple[dict[Case, str], dict[str, str]]
) -> None:
    differing = {c: what for c, what in results[0].items() if c[:2] == (engine, site_kind)}
    expected = {c for c in EXCEPTIONS if c[:2] == (engine, site_kind)}
    assert {f"{' '.join(c[2:])}: {what}" for c, what in differing.items()} == {
        f"{' '.join(c[2:])}: {results[0].get(c, 'renders alike now')}" for c in expected
    }


def test_a_block_both_renderers_read_alike_must_read_alike_in_the_translation() -> None:
    # kramdown and Goldmark read the second block apart, the first alike: only the first binds
    source_html = ("<p>가 <strong>나</strong></p>", "<p>다 <em>라</em></p>")
    other_html = ("<p>가 <strong>나</strong></p>", "<p>다 *라*</p>")
    source = top_level_skeletons("".join(source_html))
    reference = top_level_skeletons("".join(other_html))
    kept = top_level_skeletons("<p>ga <strong>na</strong></p><p>da ra</p>")
    lost = top_level_skeletons("<p>ga **na**</p><p>da <em>ra</em></p>")
    assert _blocks_differ(reference, source, kept) == ""
    assert _blocks_differ(reference, source, lost) == "inline (block 1)"
    assert _blocks_differ(reference, source, top_level_skeletons("<p>ga na da ra</p>")) == "blocks"
