"""Redlines between two drafts of a project's documents (``coprod compare``).

The comparison works on the structure coprod already knows: each document's Markdown is split into
clauses (by their labels, so a renumbered or moved clause is matched with itself), each clause into
blocks, and each changed block is compared word by word (table rows cell by cell). The result is written
as Markdown with CriticMarkup marks and as Word with real tracked changes.
"""
