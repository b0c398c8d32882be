"""``glossary suggest``: candidate terms mined from posts.

Two sources: a Korean term with its English gloss in parentheses (``추측적 디코딩(speculative
decoding)``, also the reverse ``MoE(혼합 전문가)``), and Hangul noun phrases that recur and
are not in the glossary yet. Plain heuristics: words are split on spaces, particles stripped
from the end of a word, and words that are verbs, adverbs or determiners end a phrase.
(kiwipiepy would tag morphemes, but needs a large model package and does not settle the hard
part either: which preceding nouns belong to a term.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from i18n.fileio import decode_utf8, read_bytes
from i18n.glossary._glossary import Glossary
from i18n.locales import from_engine_form
from i18n.markdown import parse_document
from i18n.translate import collect_sources


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _endings(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_TAGS = re.compile(r"<[^<>]*>")  # the engine-form tags of a unit
_KEYS: tuple[str, ...] = ()  # front matter is metadata, not prose to mine
_NOISE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^<>]*>|https?://\S+|\$[^$]*\$|\{[{%].*?[}%]\}")
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_GLOSS = re.compile(r"[A-Za-z][A-Za-z0-9 .,'’/&+\-]*\Z")
_KOREAN_PHRASE = re.compile(r"[가-힣]+(?:[ -][가-힣]+)*\Z")
_LATIN_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9\-]*)\s?\Z")
_HANGUL_WORD = re.compile(r"[가-힣]+(?:-[가-힣]+)*\Z")
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’·…)]}(["

# Endings that make a word a verb, adverb, determiner or a noun with a case particle: such a
# word ends the noun phrase before it. Single syllables that also end common nouns (결과,
# 길이, 평가) count only after a stem of two or more syllables; the exceptions follow.
_CLOSING_ENDINGS = _endings(
    "하는 되는 하고 되고 이고 하며 이며 하여 해서 하면 하게 하기 했다 한다 된다 이다 였다 "
    "있는 없는 있다 없다 적인 적으로 으로 에서 에게 까지 부터 보다 처럼 라는 위해 통해 대해 "
    "인해 의해 위한 통한 대한 따른 관한 같은 도록 지만 는데 으며"
)
_SAFE_PARTICLES = _endings("은 는 을 를 에 와 된 될 던 며 게 히 다 른 운")
_AMBIGUOUS_PARTICLES = _endings("의 과 로 가 이 인 한 할 들")
_NOUNS = _words(
    "전문가 도메인 파이프라인 베이스라인 가이드라인 온라인 오프라인 디자인 체인 추가 증가 "
    "대가 국가 평가 임베딩 프롬프트 시나리오"
)
_STRIP_PARTICLES = sorted(
    _words(
        "에서는 에서도 으로는 으로 에서 에게 까지 부터 보다 처럼 이라는 라는 에는 에도 과의 와의 "
        "들의 들은 들이 들을 들과 들에 들로 은 는 을 를 에 와 의 과 로 가 이 들"
    ),
    key=len,
    reverse=True,
)
_FUNCTION_WORDS = _words(
    "본 및 등 각 중 내 간 간의 위 후 전 시 수 것 점 때 더 이 그 즉 또는 또한 이를 이러한 해당 대비 "
    "기반 최대 최소 이상 이하 가지 개 총 약 두 세 네 다섯 여러 모든 일부 경우 동시 새로운 이후 "
    "이전 동안 관련 통한 대한 주로 특히 매우 크게 가장 이미 아직 다시 기존 향후 최신 최초 "
    "다양 실제 전체 주요 핵심 동일 상대"
)
# Words too general to be glossary terms on their own, or to start one.
_GENERIC = _words(
    "연구 논문 방법 방법론 기법 방식 제안 성능 향상 기존 결과 문제 문제점 과정 목표 목적 한계 "
    "한계점 필요 필요성 개선 분석 평가 실험 정보 단계 구조 활용 적용 달성 입증 확인 제시 개발 "
    "구축 모델 데이터 학습 효과 효율 효율성 정확도 비용 시간 영향 측면 관점 기여 역할 사용 "
    "생성 처리 수행 설계 구현 비교 지원 요소 특성 능력 품질 규모 크기 수준 기준 환경 작업 과제 "
    "동기 배경 의의 결론 요약 범위 차이 도입 이해 향후 추가 최적 최신 최초 새로 다양 실제 "
    "전체 일반 기본 주요 핵심 동일 유사 상대 가능 가능성 이론 실험적 방향"
)
_LEADING_STOP = _words("최적 일반 유사")


@dataclass(frozen=True, slots=True)
class SuggestOptions:
    """What ``suggest`` looks for."""

    min_count: int = 3
    """Occurrences a phrase needs to be suggested as frequent."""
    max_words: int = 3
    """Longest frequent phrase, in words."""
    limit: int = 40
    """Most frequent phrases listed (glossed terms are always all listed)."""
    languages: tuple[str, ...] = ("en", "ja")
    """Target languages: ``post.<lang>.md`` files are translations, not mined."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One candidate glossary row."""

    source: str
    """The Korean term."""
    en: str
    """The English gloss found in the text (empty for a frequent phrase)."""
    note: str
    """Where it was seen, for the maintainer who reviews it."""
    count: int
    """How often it was seen."""
    kind: str
    """``gloss`` (from parentheses) or ``frequent``."""


@dataclass(slots=True)
class _Seen:
    where: str
    count: int = 0


def suggest_terms(
    paths: Sequence[Path], glossary: Glossary, options: SuggestOptions | None = None
) -> list[Suggestion]:
    """Glossed terms (in order of first appearance), then frequent phrases (most frequent
    first), leaving out what the glossary already has."""
    options = options or SuggestOptions()
    glosses: dict[tuple[str, str], _Seen] = {}
    phrases: Counter[str] = Counter()
    first_seen: dict[str, str] = {}
    for source in collect_sources(paths, options.languages):
        for number, line in _text_lines(source.path):
            where = f"{source.path}:{number}"
            for ko, en in glosses_in(line):
                seen = glosses.setdefault((ko, en), _Seen(where=where))
                seen.count += 1
            for phrase in _phrases(_without_terms(line, glossary), options.max_words):
                phrases[phrase] += 1
                first_seen.setdefault(phrase, where)
    glossed = [
        Suggestion(ko, en, f"gloss seen at {seen.where}", seen.count, "gloss")
        for (ko, en), seen in glosses.items()
        if not _is_term(glossary, ko)
    ]
    known = {s.source for s in glossed}
    frequent = [
        Suggestion(p, "", f"{n} occurrences, first at {first_seen[p]}", n, "frequent")
        for p, n in _frequent(phrases, options)
        if p not in known and not _covered(glossary, p)
    ]
    return glossed + frequent[: options.limit]


def suggestion_rows(suggestions: Sequence[Suggestion]) -> list[list[str]]:
    """Rows for a ``ko,en,ja,note`` glossary file."""
    return [[s.source, s.en, "", s.note] for s in suggestions]


def _text_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Each unit's text (tags as spaces) and its line: the post as ``translate`` reads it, by
    the one reader and the one parser, so code, URLs and front-matter keys never count."""
    document = parse_document(decode_utf8(read_bytes(path), path), str(path), _KEYS)
    for unit in document.units:
        yield unit.line, _NOISE.sub(" ", from_engine_form(_TAGS.sub(" ", unit.text)))


def glosses_in(line: str) -> Iterator[tuple[str, str]]:
    """``(korean, english)`` pairs written as ``한국어(English)`` or ``English(한국어)``."""
    for paren in _PAREN.finditer(line):
        inside = paren.group(1).strip()
        before = line[: paren.start()]
        if _KOREAN_PHRASE.match(inside):
            latin = _LATIN_BEFORE.search(before)
            if latin and (latin.start() == 0 or not before[latin.start() - 1].isalnum()):
                yield inside, latin.group(1)
            continue
        parts = [p.strip() for p in inside.split(",")]
        if len(parts) > 2 or not all(_GLOSS.match(p) for p in parts):
            continue  # a list of examples, a number, a citation …
        korean = _korean_before(before, parts[0])
        if korean:
            yield korean, parts[0]


def _korean_before(before: str, gloss: str) -> str:
    if before.endswith("  ") or not before.rstrip() or not "가" <= before.rstrip()[-1] <= "힣":
        return ""
    letters = [c for c in gloss if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if " " not in gloss and capitals >= 2:  # an acronym: one word per capital, about
        fewest, most = capitals, len(letters) - (gloss.endswith("s") and capitals > 1)
    else:
        fewest, most = 1, len(gloss.split()) + 1
    words: list[str] = []
    for word in reversed(before.split()):
        pieces = len(word.split("-"))
        if not _HANGUL_WORD.match(word) or _closes_phrase(word):
            break
        if sum(len(w.split("-")) for w in words) + pieces > most:
            break
        words.insert(0, word)
    size = sum(len(w.split("-")) for w in words)
    return " ".join(words) if words and size >= fewest else ""


def _closes_phrase(word: str) -> bool:
    if word in _NOUNS:
        return False
    if word in _FUNCTION_WORDS or word.endswith(_CLOSING_ENDINGS):
        return True
    if word.endswith(_SAFE_PARTICLES) and len(word) >= 2:
        return True
    return word.endswith(_AMBIGUOUS_PARTICLES) and len(word) >= 3


def _stem(word: str) -> tuple[str, bool]:
    """``word`` without a trailing particle, and whether it had one."""
    if word in _NOUNS:
        return word, False
    for particle in _STRIP_PARTICLES:
        stem = word[: -len(particle)]
        if word.endswith(particle) and len(stem) >= (2 if len(particle) == 1 else 1):
            return stem, True
    return word, False


def _phrases(line: str, max_words: int) -> Iterator[str]:
    run: list[str] = []
    for raw in line.split():
        word = raw.strip(_EDGE_PUNCTUATION)
        if not _HANGUL_WORD.match(word) or word in _FUNCTION_WORDS:
            yield from _ngrams(run, max_words)
            run = []
            continue
        stem, had_particle = _stem(word)
        if stem in _FUNCTION_WORDS or _closes_phrase(stem) or stem.endswith(("하", "되")):
            yield from _ngrams(run, max_words)
            run = []
            continue
        run.append(stem)
        if had_particle or raw != word:
            yield from _ngrams(run, max_words)
            run = []
    yield from _ngrams(run, max_words)


def _ngrams(words: list[str], max_words: int) -> Iterator[str]:
    for size in range(1, max_words + 1):
        for start in range(len(words) - size + 1):
            yield " ".join(words[start : start + size])


def _frequent(phrases: Counter[str], options: SuggestOptions) -> list[tuple[str, int]]:
    candidates = {
        p: n
        for p, n in phrases.items()
        if n >= options.min_count
        and len(p.replace(" ", "")) >= 2
        and p not in _GENERIC
        and p.split()[0] not in _LEADING_STOP
        and not p.endswith("적")
    }
    # A phrase seen mostly inside a longer candidate is that candidate's fragment.
    kept = [
        (p, n)
        for p, n in candidates.items()
        if not any(4 * m >= 3 * n and f" {p} " in f" {q} " for q, m in candidates.items() if q != p)
    ]
    # Phrases of several words are likelier terms than single words seen as often.
    return sorted(kept, key=lambda item: (-item[1] * len(item[0].split()), item[0]))


def _without_terms(line: str, glossary: Glossary) -> str:
    # Words inside a known term are not counted on their own (지식 in 지식 증류).
    for match in reversed(glossary.find(line)):
        line = line[: match.start] + " | " + line[match.end :]
    return line


def _is_term(glossary: Glossary, phrase: str) -> bool:
    return any(m.start == 0 and m.end == len(phrase) for m in glossary.find(phrase))


def _covered(glossary: Glossary, phrase: str) -> bool:
    covered: set[int] = set()
    for match in glossary.find(phrase):
        covered.update(range(match.start, match.end))
    return all(i in covered for i, c in enumerate(phrase) if c != " ")
