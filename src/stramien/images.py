"""Pictures a user hands us (the artist impression): which ones we take, and a clean copy.

A file is an image when Pillow decodes every pixel of it as PNG or JPEG, not when its first
bytes look like one: a PNG signature followed by a zip or an SVG is refused. What is kept is
a copy Stramien wrote itself (:func:`normalise`), so nothing the uploader added beside the
pixels (metadata, a second file behind the image) is stored or served. Renderers ask
:func:`displayable_type` before they embed a picture, so a bad attachment can never stop a
document from being made.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass

#: The formats we accept: Pillow's name -> (file extension, content type).
ALLOWED = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg")}
#: The content types Stramien serves an attachment with; anything else is a download.
CONTENT_TYPES = frozenset(content_type for _ext, content_type in ALLOWED.values())
#: Larger files are refused before they are decoded.
MAX_BYTES = 5 * 1024 * 1024
#: Larger pictures are refused: decoding them would take too much memory (a small file can
#: hold a huge, highly compressed picture).
MAX_PIXELS = 40_000_000
_JPEG_QUALITY = 92
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_END = b"\xff\xd9"


class ImageError(ValueError):
    """The file is not a picture we accept; the message is Dutch and meant for the user.

    ``code`` says why (``too_big``, ``too_many_pixels``, ``not_an_image``, ``damaged``), so an
    interface in another language can say it in its own words.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Picture:
    """A decoded, accepted picture: the bytes to keep and what they are."""

    data: bytes
    extension: str
    content_type: str
    width: int
    height: int


def _decode(data: bytes) -> tuple[str, int, int]:
    """Pillow's format name and the size, after decoding every pixel; ImageError otherwise."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ImageError("Het bestand is te groot: hoogstens 5 MB.", "too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(ALLOWED)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageError(
                        f"De afbeelding is te groot: {width} x {height} beeldpunten "
                        f"(hoogstens {MAX_PIXELS // 1_000_000} miljoen).",
                        "too_many_pixels",
                    )
                image.load()
                kind = str(image.format)
    except ImageError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(
            "Dit bestand is geen afbeelding in PNG- of JPEG-formaat die kan worden gelezen.",
            "not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        # A truncated or damaged file: the header was fine, the pixels are not.
        raise ImageError(
            "De afbeelding is beschadigd of onvolledig en kan niet worden gelezen; "
            "sla haar opnieuw op als PNG of JPEG en probeer het nog eens.",
            "damaged",
        ) from None
    if kind not in ALLOWED:  # pragma: no cover - Image.open was limited to ALLOWED
        raise ImageError(
            "Alleen afbeeldingen in PNG- of JPEG-formaat worden aanvaard.", "not_an_image"
        )
    return kind, width, height


def check(data: bytes) -> Picture:
    """The picture as it is, when it decodes completely as PNG or JPEG."""
    kind, width, height = _decode(data)
    extension, content_type = ALLOWED[kind]
    return Picture(data, extension, content_type, width, height)


def _clean(data: bytes, kind: str) -> bool:
    """Nothing follows the image's own end (no second file appended to it)."""
    return data.endswith(_PNG_END if kind == "PNG" else _JPEG_END)


def normalise(data: bytes, *, rewrite: bool = True) -> Picture:
    """A copy of the picture written by Stramien: pixels only, no metadata, nothing after it.

    The orientation a camera noted is applied to the pixels first. With ``rewrite=False`` a
    picture that already ends where its format ends is kept byte for byte (an archive made
    by Stramien holds such copies: importing it again keeps their hashes), anything else is
    rewritten.
    """
    from PIL import Image, ImageOps

    kind, width, height = _decode(data)
    extension, content_type = ALLOWED[kind]
    if not rewrite and _clean(data, kind):
        return Picture(data, extension, content_type, width, height)
    with Image.open(io.BytesIO(data), formats=[kind]) as opened:
        image = ImageOps.exif_transpose(opened)
        out = io.BytesIO()
        if kind == "PNG":
            if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
                image = image.convert("RGBA")
            image.save(out, "PNG")
        else:
            if image.mode not in ("L", "RGB", "CMYK"):
                image = image.convert("RGB")
            image.save(out, "JPEG", quality=_JPEG_QUALITY)
        width, height = image.size
    return Picture(out.getvalue(), extension, content_type, width, height)


class _Answers:
    """What a file decodes as, remembered by its sha256 (a render asks for every version)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, str | None] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, data: bytes) -> str | None:
        key = hashlib.sha256(data).hexdigest()
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        try:
            answer: str | None = ALLOWED[_decode(data)[0]][1]
        except ImageError:
            answer = None
        with self.lock:
            self.items[key] = answer
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return answer


_ANSWERS = _Answers(256)


def displayable_type(data: bytes, name: str = "") -> str | None:
    """The content type of ``data`` when a document may embed it, otherwise ``None``: a PNG
    or JPEG that decodes completely, or (for a file named ``.svg`` beside a YAML file) an
    SVG document, which the renderers draw themselves."""
    if name.lower().endswith(".svg"):
        return SVG_TYPE if _is_svg(data) else None
    return _ANSWERS.get(data)


SVG_TYPE = "image/svg+xml"


def _is_svg(data: bytes) -> bool:
    """Well-formed XML whose root is an SVG element (no DTD: no entities to expand)."""
    from xml.etree import ElementTree

    if len(data) > MAX_BYTES or b"<!DOCTYPE" in data[:4096].upper():
        return False
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return False
    return root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")
