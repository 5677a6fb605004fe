"""Which files are pictures: decoded completely, never judged by their first bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

import picture_files
from stramien import images
from stramien.io import load_agreement
from stramien.render import clear_caches, render

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

FAKES = {
    "png-then-zip": b"\x89PNG\r\n\x1a\n" + b"PK\x03\x04" + bytes(300),
    "png-then-svg": b"\x89PNG\r\n\x1a\n<svg xmlns='http://www.w3.org/2000/svg'></svg>",
    "truncated-png": picture_files.png(80, 80)[:70],
    "jpeg-header-only": b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64),
    "html": b"<html><script>alert(1)</script></html>",
    "gif": b"GIF89a" + bytes(40),
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(FAKES))
def test_what_only_looks_like_a_picture_is_refused(name: str) -> None:
    with pytest.raises(images.ImageError) as caught:
        images.check(FAKES[name])
    assert "PNG" in str(caught.value) or "beschadigd" in str(caught.value)
    assert images.displayable_type(FAKES[name]) is None


def test_real_pictures_are_taken_with_their_type() -> None:
    assert images.check(picture_files.png()).content_type == "image/png"
    assert images.check(picture_files.jpeg()).extension == "jpg"
    assert images.displayable_type(picture_files.jpeg()) == "image/jpeg"


def test_the_copy_keeps_the_pixels_and_drops_what_follows() -> None:
    original = picture_files.png(5, 2)
    polyglot = original + b"PK\x03\x04secret"
    copy = images.normalise(polyglot, rewrite=False)
    assert not copy.data.endswith(b"secret")
    with Image.open(io.BytesIO(copy.data)) as a, Image.open(io.BytesIO(original)) as b:
        assert a.tobytes() == b.tobytes()
    # A clean picture from an archive stays byte for byte; an upload is always rewritten.
    assert images.normalise(copy.data, rewrite=False).data == copy.data


def test_the_copy_drops_metadata_and_applies_the_orientation() -> None:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the camera was held upright
    exif[0x010E] = "GPS 52.09, 5.12"
    Image.new("RGB", (6, 2), (10, 200, 10)).save(out, "JPEG", exif=exif.tobytes())
    copy = images.normalise(out.getvalue())
    assert (copy.width, copy.height) == (2, 6)
    with Image.open(io.BytesIO(copy.data)) as image:
        assert not image.getexif()


def test_a_picture_with_too_many_pixels_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # small file, 48 million pixels
    with pytest.raises(images.ImageError) as caught:
        images.check(out.getvalue())
    assert caught.value.code == "too_many_pixels"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt", "html"])
def test_a_bad_attachment_never_stops_a_document(fmt: str) -> None:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    image = agreement.realisation.artist_impression
    assert image is not None
    clear_caches()
    data = render(agreement, fmt, None, {image.file: FAKES["png-then-zip"]})
    assert len(data) > 1000
    if fmt == "html":
        assert "geen leesbaar beeld" in data.decode("utf-8")
        assert "data:image/png" not in data.decode("utf-8")
