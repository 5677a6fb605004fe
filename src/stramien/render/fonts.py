"""The fonts a PDF is set in: Libertinus Serif, and fallback fonts for everything else.

Libertinus Serif (built into typst) sets all text; it covers Latin, Greek, Cyrillic and
Hebrew. A character it lacks is set in the first of :data:`FALLBACK_FAMILIES` that has
it. Those are Noto fonts (SIL Open Font License 1.1), installed with pip like every other
dependency and read from the installed packages, never downloaded (and, for Arabic,
DejaVu Sans Mono, built into typst):

* ``manimgx-fonts``: Noto Sans (upright and italic), Noto Sans for Arabic, Armenian,
  Bengali, Devanagari, Ethiopic, Georgian, Gujarati, Gurmukhi, Hebrew, Kannada, Khmer,
  Lao, Malayalam, Myanmar, Oriya, Sinhala, Tamil, Telugu and Thai, Noto Sans Symbols and
  the monochrome Noto Emoji: outline fonts, which PDF/A can embed (colour emoji fonts
  are bitmaps or layered glyphs).
* ``manimgx-fonts-cjk``: Noto Sans CJK (Chinese, Japanese and Korean; 33 MB).

They are variable fonts: typst sets bold text with their bold instance. typst reads them
only for a document that has a character Libertinus Serif lacks (``pdf.py`` decides per
document), so every other document costs nothing extra. A character none of the fonts has
becomes a replacement mark in the PDF, and :func:`stramien.render.pdf.unshowable` names
the fields that hold one.

typst ranks fonts in the order it finds them, and finds the files of one folder in the
order the file system lists them, which differs between machines. To rank them the same
everywhere (an SVG figure's text falls back on that order), each file is offered in a
folder of its own, in the order of :func:`font_files`, through a link in a temporary
folder; where no link can be made (Windows without the right to make one) the package
folders are offered as they are.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import logging
import os
import tempfile
from pathlib import Path

import typst

__all__ = [
    "FALLBACK_DISTRIBUTIONS",
    "FALLBACK_FAMILIES",
    "PRIMARY_FAMILY",
    "font_files",
    "typst_fonts",
]

log = logging.getLogger(__name__)

#: The family every text is set in (built into typst).
PRIMARY_FAMILY = "Libertinus Serif"

#: Where a character Libertinus Serif lacks is looked for, in this order. Noto Sans first
#: (Latin, Greek and Cyrillic beyond Libertinus Serif's, and combining marks), then the
#: scripts, Chinese/Japanese/Korean (simplified Chinese forms first: Noto Sans CJK has
#: every character in each of its faces, they differ in the shapes), symbols and emoji.
#: Arabic last, and DejaVu Sans Mono (built into typst) before it: Noto Sans Arabic draws
#: a letter's dots as glyphs of their own, and text copied from the PDF then has such
#: letters twice; DejaVu Sans Mono does not (Noto Sans Arabic serves what it lacks).
FALLBACK_FAMILIES: tuple[str, ...] = (
    "Noto Sans",
    "Noto Sans Hebrew",
    "Noto Sans Armenian",
    "Noto Sans Georgian",
    "Noto Sans Ethiopic",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Gurmukhi",
    "Noto Sans Gujarati",
    "Noto Sans Oriya",
    "Noto Sans Tamil",
    "Noto Sans Telugu",
    "Noto Sans Kannada",
    "Noto Sans Malayalam",
    "Noto Sans Sinhala",
    "Noto Sans Thai",
    "Noto Sans Lao",
    "Noto Sans Myanmar",
    "Noto Sans Khmer",
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans Symbols",
    "Noto Emoji",
    "DejaVu Sans Mono",
    "Noto Sans Arabic",
)

#: Import name -> distribution name of the packages that ship the fallback fonts. Their
#: versions are part of the render cache's fingerprint (``_cache._ENGINES``).
_PACKAGES = {"manimgx_fonts": "manimgx-fonts", "manimgx_fonts_cjk": "manimgx-fonts-cjk"}
FALLBACK_DISTRIBUTIONS: tuple[str, ...] = tuple(_PACKAGES.values())
_FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})


@functools.cache
def font_files() -> tuple[Path, ...]:
    """The fallback font files, sorted by package and name (empty when not installed)."""
    files: list[Path] = []
    for module in _PACKAGES:
        spec = importlib.util.find_spec(module)
        locations = spec.submodule_search_locations if spec is not None else None
        for location in sorted(locations or ()):
            folder = Path(location)
            try:
                found = [p for p in folder.iterdir() if p.suffix.lower() in _FONT_SUFFIXES]
            except OSError as exc:  # pragma: no cover - a broken installation
                log.warning("fallback fonts in %s cannot be read: %s", folder, exc)
                continue
            files += sorted((p for p in found if p.is_file()), key=lambda p: p.name)
    return tuple(files)


@functools.cache
def typst_fonts(*, fallback: bool) -> typst.Fonts:
    """The fonts built into typst (never the system's), with the fallback fonts or not.

    Found once per process and shared by every compile, so that each one does not search
    and load them again.
    """
    if not fallback:
        return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)
    files = font_files()
    if not files:
        log.warning("the fallback fonts (%s) are not installed", ", ".join(_PACKAGES.values()))
        return typst_fonts(fallback=False)
    fonts = _in_fixed_order(files)
    if fonts is None:
        folders = sorted({str(path.parent) for path in files})
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=True, font_paths=folders
        )
    return fonts


def _in_fixed_order(files: tuple[Path, ...]) -> typst.Fonts | None:
    """The fonts found through one folder per file, in the order of ``files``; None when
    the links cannot be made or typst would read the fonts through them later."""
    with tempfile.TemporaryDirectory(prefix="stramien-fonts-") as tmp:
        folders: list[str] = []
        for index, file in enumerate(files):
            folder = Path(tmp, f"{index:03d}")
            try:
                folder.mkdir()
                (folder / file.name).symlink_to(file.resolve())
            except (OSError, NotImplementedError) as exc:
                log.debug("fallback fonts: no link to %s (%s)", file, exc)
                return None
            folders.append(str(folder))
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=True, font_paths=folders
        )
        # typst notes the file a link points to and reads it when a font is first used:
        # the links may go. Should it note the link instead (or not follow links), the
        # package folders are used.
        paths = [info.path for info in fonts.fonts() if info.path]
        temporary = (tmp, os.path.realpath(tmp))
        if any(path.startswith(temporary) for path in paths):
            return None
        found = {os.path.realpath(path) for path in paths}
        if not all(os.path.realpath(file) in found for file in files):
            return None
    return fonts
