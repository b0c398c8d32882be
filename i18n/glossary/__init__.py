"""The glossary: fixed terms, read from ``glossary/*.csv``, matched in units, exchanged as
TBX, linted, mined from posts, and synced to DeepL."""

from __future__ import annotations

from i18n.glossary._glossary import EMPTY_GLOSSARY, Glossary, Term, load_glossary

__all__ = ["EMPTY_GLOSSARY", "Glossary", "Term", "load_glossary"]
