"""Word output: coprod's Markdown dialect -> .docx in a house-style shell.

This package is the only code that imports docx, docxtpl or lxml.

`WordRenderer` loads the shell (``templates/word/house-style.docx``) once and renders each document's
Markdown into it: real heading styles with multi-level clause numbering, lists, tables, checkboxes,
cross-references as REF fields, drafting notes as comments. See ``docs/house-style.md``.
"""

from coprod.rendering.word.images import Image
from coprod.rendering.word.renderer import DEFAULT_SHELL, WordRenderer

__all__ = ["DEFAULT_SHELL", "Image", "WordRenderer"]
