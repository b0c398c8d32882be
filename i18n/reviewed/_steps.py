"""The review steps of a ``translate`` run: learn from edited targets, take reviewed units
first, retire reviews whose source is gone, write reviewed units, keep what was learned.

:class:`TranslateReviews` implements :class:`i18n.translate.ReviewSteps`; the pipeline builds
one per run (review builds on translate, so translate only knows the protocol).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from i18n.errors import CatalogError, OutputError
from i18n.reviewed._catalog import ReviewedCatalogs, reviewed_dir
from i18n.reviewed._history import remember_sources
from i18n.reviewed._learn import record, study
from i18n.reviewed._markup import writes
from i18n.reviewed._paths import post_name
from i18n.reviewed._replay import Knowledge, render_reviewed

# The pipeline's own state (review implements a step of it): its private module, on purpose.
from i18n.translate._run import Job, Run


class TranslateReviews:
    """Reviews as one translate run uses them."""

    def __init__(self, run: Run) -> None:
        self.run = run
        reviewed = ReviewedCatalogs(reviewed_dir(run.config))
        self.known = Knowledge(run.config, run.catalogs, run.glossary, reviewed, run.cache)

    def _post(self, path: Path) -> str:
        return post_name(self.run.config, path)

    def learn(self, job: Job) -> bool | None:
        """Learn the reviews in an edited target; True when it may be overwritten, None when
        there is nothing to learn from (no metadata)."""
        run, known = self.run, self.known
        learning = study(job.source.path, job.doc, job.digest, job.target, job.lang, known)
        if learning is None:
            return None
        run.summary.learned += record(learning, known, self._post(job.source.path))
        if learning.complete or run.options.force:
            return True
        for change in learning.changes:
            run.summary.failures.append(
                OutputError(
                    f"a reviewer changed the block structure here ({change.what}); nothing was "
                    "learned from this block and the file was not overwritten: give it the "
                    "source's structure (or change the source), then translate again, or use "
                    "--force to replace it",
                    file=job.target,
                    line=change.line,
                )
            )
        if learning.problem:
            run.summary.failures.append(
                OutputError(
                    f"was edited after machine translation, but {learning.problem}; not "
                    "overwritten: run `digest-i18n learn` where that source version or the "
                    "translation memory is, or use --force to replace it",
                    file=job.target,
                )
            )
        return False

    def take(self, job: Job) -> None:
        """Answer ``job``'s reviewed units from the catalog (before anything else does).

        Reviews learned from this post whose unit the source no longer has retire first (a
        changed unit gets the old review offered, to be reviewed again).
        """
        reviews = self.known.reviewed[job.lang]
        if not reviews:
            return
        reviews.retire(self._post(job.source.path), job.doc.units)
        for unit in job.doc.units:
            reviewed = reviews.lookup(unit)
            if reviewed is None:
                continue
            if not writes(unit, reviewed):
                raise CatalogError(
                    f"the reviewed translation of {unit.text!r} does not keep the source "
                    "unit's markup",
                    file=reviews.path,
                )
            job.reviewed[unit.index] = reviewed
        self.run.summary.from_review += len(job.reviewed)
        used = [job.doc.units[index] for index in job.reviewed]
        reviews.relocate(self._post(job.source.path), used)

    def render(
        self,
        job: Job,
        rewrite_url: Callable[[str], str] | None,
        metadata: tuple[str, Mapping[str, str]] | None,
    ) -> tuple[str, str]:
        """The translation, reviewed units written from the catalog: (head, body)."""
        return render_reviewed(
            job.doc, job.translations, job.reviewed, rewrite_url=rewrite_url, metadata=metadata
        )

    def finished(self, jobs: Sequence[Job]) -> None:
        """Keep what was learned before files are written, and the sources translated (so a
        later review of them can be learned after the source changed)."""
        if self.run.options.dry_run:
            return
        self.known.reviewed.save()
        if self.run.cache is not None:
            texts = {job.digest: job.doc.text for job in jobs if not job.missing}
            remember_sources(self.run.cache, texts)

    def close(self) -> None:
        """Keep what was learned (after a failure too)."""
        if not self.run.options.dry_run:
            self.known.reviewed.save()
