"""The checks behind ``digest-i18n check``: parse, align, compare, report.

``outline`` parses a document once; ``model`` holds findings and the aligned pair;
``structure``, ``inline``, ``content`` and ``meta`` are the checks; ``registry`` is their
table; ``report`` formats a report. The entry points live in :mod:`i18n.checks._entry`.
"""
