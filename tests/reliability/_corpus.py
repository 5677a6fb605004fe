"""The hostile corpus: seeded, deterministic inputs that try to break Stramien.

* documents: YAML/JSON bombs, other encodings, control characters, and the small example
  with an injection string in every free-text field (typst, XML, HTML, CSV, Markdown);
* images for the artist impression upload (fakes and two real ones as controls);
* archives for the import, made from a real export (see ``archives``).

Every input is made the same way on every run (``SEED``). ``COUNTS`` tells how many of each
kind there are.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import random
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED = 20250611
SMALL = (EXAMPLES / "small.yaml").read_bytes()
MINIMAL = "programme:\n  name: Café Coöperatie – Zuid €\n  region: Oost, ’s-Hertogenbosch\n"

DocPath = tuple[Any, ...]


@dataclass(frozen=True)
class Document:
    kind: str  # bomb, encoding, control, injection
    label: str
    filename: str
    data: bytes
    #: For an injection document: the payload placed in every free-text field.
    payload: str = ""
    family: str = ""


@dataclass(frozen=True)
class ImageInput:
    label: str
    filename: str
    content_type: str
    data: bytes
    #: True: a real, decodable PNG or JPEG, the upload must take it; False: not a picture,
    #: it must be refused; None: pixels intact but something around them (either answer is
    #: fine, and if taken only a clean picture is served).
    real: bool | None


@dataclass(frozen=True)
class ArchiveInput:
    label: str
    data: bytes
    #: "ok": a sound archive (the import must take it); "refuse": it must be refused;
    #: "any": either, as long as the answer is orderly.
    expect: str
    #: What the archive tries (for the report): checksum, container, bomb, traversal, ...
    family: str


# --- Injection strings -------------------------------------------------------------------------

PAYLOADS: dict[str, tuple[str, ...]] = {
    "typst": (
        '#read("/etc/passwd")',
        '#import "/etc/passwd": *',
        '#include "/etc/hostname"',
        '#image("/etc/passwd")',
        "#set page(width: 1cm, height: 1cm)",
        "#let x = 1; #x",
        '#eval("1 + 1")',
        "$x^2 + sum_(i=0)^n i$",
        '] #panic("stuk") [',
        "*vet* _schuin_ `rauw` @label <label> // commentaar /* blok",
        '#link("file:///etc/passwd")[klik]',
        "\\ # $ ] [ { } \\#\\$",
    ),
    "xml": (
        "<w:t>tekst</w:t></w:r><w:r><w:t>",
        '</text:p><text:p text:style-name="x">',
        "]]> <![CDATA[ x ]]>",
        "&amp; &lt; &#x0; &#xD800; &unknown; & < >",
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
        "<w:p><w:r><w:t>ingevoegd</w:t></w:r></w:p>",
        '"\' <x a="1"> </office:text>',
    ),
    "html": (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "' onmouseover='alert(1)' x='",
        '" autofocus onfocus="alert(1)" x="',
        "</textarea><script>alert(1)</script>",
        "</title></style></pre><script>alert(1)</script>",
        '<a href="javascript:alert(1)">klik</a>',
        '<iframe src="https://example.org"></iframe>',
        "<style>body{display:none}</style><!--",
        "{{ request.user }} {% debug %} ${7*7}",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ),
    "csv": (
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-2+3",
        "@SUM(1+1)",
        '=HYPERLINK("https://example.org","klik")',
        "\t=1+1",
    ),
    "markdown": (
        "[klik](javascript:alert(1))",
        "![beeld](https://example.org/volg.png)",
        "# Kop\n\n---\n\n| a | b |\n",
        "```\ncode\n```",
        "<details open ontoggle=alert(1)>",
    ),
    "unicode": (
        "\u202eevil\u202c gnp.exe",
        "nul\u200bbreedte\u2060woord\ufeff",
        "🚲🌱 مرحبا بالعالم 中文 Ελληνικά",
        "e\u0301\u0301\u0301\u0301 Z\u0351\u0352\u0353\u0354\u0355",
        "x" * 290,
    ),
}
MARKUP_FAMILIES = ("html", "markdown")


def payloads() -> list[tuple[str, str]]:
    return [(family, text) for family, texts in PAYLOADS.items() for text in texts]


# --- The free-text fields of the agreement -----------------------------------------------------


def _string_paths(value: Any, path: DocPath = ()) -> list[DocPath]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _string_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _string_paths(v, (*path, i))]
    return [path] if isinstance(value, str) else []


def set_at(document: Any, path: DocPath, value: Any) -> None:
    for part in path[:-1]:
        document = document[part]
    document[path[-1]] = value


def get_at(document: Any, path: DocPath) -> Any:
    for part in path:
        document = document[part]
    return document


@cache
def base_document() -> dict[str, Any]:
    from stramien.io import loads_agreement

    return loads_agreement(SMALL, "small.yaml").model_dump(mode="json")


@cache
def free_text_paths() -> tuple[DocPath, ...]:
    """Every string of the small example that takes any text: found by walking the document
    and asking the model (ids, references, dates, choices and file names refuse a sentence)."""
    from stramien.model import Agreement

    document = base_document()
    candidates = {p for p in _string_paths(document) if p != ("schema_version",)}
    probe = "Vrije tekst met <tekens> & #dingen"
    while True:
        trial = copy.deepcopy(document)
        for path in candidates:
            set_at(trial, path, probe)
        try:
            Agreement.model_validate(trial)
        except ValidationError as exc:
            refused = set()
            for error in exc.errors():
                location = tuple(error["loc"])
                refused |= {
                    p
                    for p in candidates
                    if p[: len(location)] == location or location[: len(p)] == p
                }
            if not refused:
                raise
            candidates -= refused
            continue
        return tuple(sorted(candidates, key=str))


def poisoned(payload: str, document: dict[str, Any] | None = None) -> dict[str, Any]:
    """The small example with ``payload`` in every free-text field (long ones keep their text
    after it, short ones are only the payload)."""
    result = copy.deepcopy(document or base_document())
    for path in free_text_paths():
        set_at(result, path, payload)
    return result


# --- Documents ---------------------------------------------------------------------------------


def _laughs(levels: int, width: int, flow: bool) -> bytes:
    lines = ['l0: &l0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * width)
        if flow:
            lines.append(f"l{level}: &l{level} [{refs}]")
        else:
            items = "\n".join(f"  - *l{level - 1}" for _ in range(width))
            lines.append(f"l{level}: &l{level}\n{items}")
    lines.append(f"programme:\n  name: Lachen\n  summary: *l{levels}")
    return ("\n".join(lines) + "\n").encode()


def _bombs() -> list[Document]:
    found: list[Document] = []

    def add(label: str, data: bytes, filename: str = "bom.yaml") -> None:
        found.append(Document("bomb", label, filename, data))

    for levels, width in ((3, 10), (6, 9), (9, 9), (10, 10), (12, 4), (20, 2)):
        add(f"billion-laughs-flow-{levels}x{width}", _laughs(levels, width, True))
        add(f"billion-laughs-block-{levels}x{width}", _laughs(levels, width, False))
    merge = ["m0: &m0 {a: 1, b: 2}"]
    for level in range(1, 12):
        merge.append(f"m{level}: &m{level} {{<<: [{', '.join([f'*m{level - 1}'] * 8)}]}}")
    add("merge-key-bomb", ("\n".join(merge) + "\nprogramme: {name: x}\n").encode())
    big = "x" * 100_000
    add(
        "alias-to-huge-string",
        (
            f"s: &s {big}\nprogramme:\n  name: x\n  summary: [" + ", ".join(["*s"] * 5000) + "]\n"
        ).encode(),
    )
    add("recursive-alias", b"a: &a [*a, *a]\nprogramme: {name: x, summary: *a}\n")
    add("recursive-mapping", b"a: &a {b: *a}\nprogramme: *a\n")
    for depth in (65, 1000, 100_000):
        add(f"deep-flow-list-{depth}", b"programme:\n  name: " + b"[" * depth + b"]" * depth)
        add(f"deep-flow-map-{depth}", b"programme: " + b"{a: " * depth + b"1" + b"}" * depth)
        add(
            f"deep-json-{depth}",
            b'{"programme": {"name": ' + b"[" * depth + b"]" * depth + b"}}",
            "bom.json",
        )
    block = "".join(f"{' ' * i}k{i}:\n" for i in range(300)) + " " * 300 + "v: 1\n"
    add("deep-block-mapping-300", ("programme:\n  name: x\nextra:\n" + block).encode())
    add(
        "deep-block-list-300",
        (
            "programme:\n  name: x\nx:\n" + "".join(f"{'  ' * i}- \n" for i in range(300)) + "\n"
        ).encode(),
    )
    add("huge-name-1mb", b"programme:\n  name: " + b"a" * 1_000_000 + b"\n")
    add(
        "huge-statement-5mb",
        b"programme:\n  name: x\nambition:\n  statement: " + b"woord " * 900_000 + b"\n",
    )
    add("over-10mb", b"programme:\n  name: x\n# " + b"#" * (10 * 1024 * 1024 + 10) + b"\n")
    add("huge-key", b"programme:\n  name: x\n" + b"k" * 500_000 + b": 1\n")
    add(
        "many-keys",
        (
            "programme:\n  name: x\n" + "".join(f"onbekend{i}: {i}\n" for i in range(60_000))
        ).encode(),
    )
    add("many-items", b"programme:\n  name: x\n  summary: [" + b"1, " * 300_000 + b"1]\n")
    digits = "9" * 100_000
    for field, text in (
        ("risk-likelihood", "risks:\n  items:\n  - id: r1\n    title: t\n    likelihood: {n}\n"),
        (
            "participation",
            "partnership:\n  partners:\n  - id: p1\n    name: P\n    participation_level: {n}\n",
        ),
        ("exit-months", "appendices:\n  exit_clause:\n    notice_period_months: {n}\n"),
        ("budget", "finance:\n  contributions:\n  - partner: p1\n    amount: {n}\n"),
        ("name", ""),
    ):
        body = "programme:\n  name: " + ("{n}" if field == "name" else "x") + "\n" + text
        add(f"digits-100000-{field}", body.replace("{n}", digits).encode())
        add(f"digits-100000-negative-{field}", body.replace("{n}", "-" + digits).encode())
    add(
        "float-1e100000",
        b"programme:\n  name: x\nrisks:\n  items:\n  - {id: r1, title: t, likelihood: 1e100000}\n",
    )
    add(
        "decimal-100000-places",
        b"programme:\n  name: x\nfinance:\n  contributions:\n"
        b"  - {partner: p1, amount: 0." + b"1" * 100_000 + b"}\n",
    )
    add(
        "hex-100000",
        b"programme:\n  name: x\nrisks:\n  items:\n  - {id: r1, title: t,"
        b" likelihood: 0x" + b"f" * 100_000 + b"}\n",
    )
    add(
        "underscored-digits",
        b"programme:\n  name: x\nrisks:\n  items:\n  - {id: r1, title: t,"
        b" likelihood: 1" + b"_000" * 30_000 + b"}\n",
    )
    add(
        "json-digits-100000",
        b'{"programme": {"name": "x"}, "risks": {"items": [{"id": "r1",'
        b' "title": "t", "likelihood": ' + digits.encode() + b"}]}}",
        "bom.json",
    )
    add(
        "json-float-1e400",
        b'{"programme": {"name": "x"}, "risks": {"items": [{"id": "r1",'
        b' "title": "t", "likelihood": 1e400}]}}',
        "bom.json",
    )
    for tag in (
        "!!python/object/apply:os.system ['echo gehackt']",
        "!!python/name:os.system",
        "!!python/object/new:subprocess.Popen [['true']]",
        "!!binary " + base64.b64encode(b"\x00" * 300_000).decode(),
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!eigen waarde",
        "!!timestamp 2025-13-45",
    ):
        add(f"tag-{tag[:24]}", f"programme:\n  name: {tag}\n".encode())
    add("many-documents", b"programme: {name: x}\n---\n" * 2000)
    add("json-duplicate-keys", b'{"programme": {"name": "a", "name": "b"}}', "bom.json")
    add("json-trailing-garbage", b'{"programme": {"name": "a"}} {"x": 1}', "bom.json")
    return found


def _encodings() -> list[Document]:
    rng = random.Random(SEED + 1)
    found: list[Document] = []
    small_text = SMALL.decode("utf-8")
    small_json = json.dumps(base_document(), ensure_ascii=False)
    minimal_json = json.dumps(
        {"programme": {"name": "Café Coöperatie – Zuid €", "region": "’s-Hertogenbosch"}},
        ensure_ascii=False,
    )
    for codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        for label, text, filename in (
            ("small-yaml", small_text, "doc.yaml"),
            ("small-json", small_json, "doc.json"),
            ("minimal-yaml", MINIMAL, "doc.yaml"),
            ("minimal-json", minimal_json, "doc.json"),
        ):
            found.append(Document("encoding", f"{codec}-{label}", filename, text.encode(codec)))
    found.append(Document("encoding", "utf-8-bom-yaml", "doc.yaml", MINIMAL.encode("utf-8-sig")))
    found.append(
        Document("encoding", "utf-8-bom-json", "doc.json", minimal_json.encode("utf-8-sig"))
    )
    latin = MINIMAL.replace("€", "EUR").replace("–", "-").replace("’", "'")
    for codec in ("latin-1", "cp1252", "mac-roman", "cp850"):
        found.append(Document("encoding", f"{codec}-yaml", "doc.yaml", latin.encode(codec)))
    found.append(Document("encoding", "cp1252-euro-yaml", "doc.yaml", MINIMAL.encode("cp1252")))
    found.append(
        Document(
            "encoding",
            "shift-jis",
            "doc.yaml",
            "programme:\n  name: 日本語のプログラム\n".encode("shift_jis"),
        )
    )
    for number in range(12):
        at = rng.randrange(len(SMALL))
        found.append(
            Document(
                "encoding", f"nul-byte-{number}@{at}", "doc.yaml", SMALL[:at] + b"\x00" + SMALL[at:]
            )
        )
    for name, bad in (
        ("overlong-slash", b"\xc0\xaf"),
        ("overlong-nul", b"\xc0\x80"),
        ("lone-continuation", b"\x80"),
        ("truncated-euro", b"\xe2\x82"),
        ("cesu-surrogate", b"\xed\xa0\x80"),
        ("five-byte", b"\xf8\x88\x80\x80\x80"),
        ("ff-fe-inside", b"\xff\xfe"),
        ("beyond-unicode", b"\xf4\x90\x80\x80"),
    ):
        at = SMALL.index(b"Zonnehof-Oost wordt")
        found.append(
            Document("encoding", f"invalid-utf8-{name}", "doc.yaml", SMALL[:at] + bad + SMALL[at:])
        )
        found.append(
            Document(
                "encoding",
                f"invalid-utf8-json-{name}",
                "doc.json",
                b'{"programme": {"name": "Oost' + bad + b'west"}}',
            )
        )
    found.append(
        Document(
            "encoding", "binary-noise", "doc.yaml", bytes(rng.randrange(256) for _ in range(4096))
        )
    )
    found.append(Document("encoding", "empty", "doc.yaml", b""))
    found.append(Document("encoding", "only-bom", "doc.yaml", b"\xef\xbb\xbf"))
    found.append(Document("encoding", "only-whitespace", "doc.json", b" \n\t\r\n "))
    return found


CONTROL = [chr(c) for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0D)] + [
    "\x7f",
    "\x85",
    "\x9b",
    "\x9f",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u202e",
    "\u200b",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
]


def _controls() -> list[Document]:
    rng = random.Random(SEED + 2)
    paths = free_text_paths()
    found: list[Document] = []
    for char in CONTROL:
        code = f"U+{ord(char):04X}"
        # Literally in the YAML text (most are refused by the reader, with a place).
        found.append(
            Document(
                "control",
                f"raw-{code}",
                "doc.yaml",
                f"programme:\n  name: Oost{char}west\n".encode("utf-8", "surrogatepass"),
            )
        )
        # Escaped, so the text reaches the model (and everything that shows it).
        document = copy.deepcopy(base_document())
        for path in rng.sample(paths, 8):
            set_at(document, path, f"voor{char}na {get_at(document, path)}"[:300])
        found.append(
            Document(
                "control",
                f"json-escaped-{code}",
                "doc.json",
                json.dumps(document, ensure_ascii=True).encode(),
            )
        )
    found.append(
        Document(
            "control",
            "json-lone-surrogate",
            "doc.json",
            b'{"programme": {"name": "Oost\\ud800west"}}',
        )
    )
    found.append(
        Document("control", "yaml-escaped-nul", "doc.yaml", b'programme:\n  name: "Oost\\0west"\n')
    )
    found.append(
        Document("control", "yaml-escaped-bell", "doc.yaml", b'programme:\n  name: "Oost\\awest"\n')
    )
    # Every control character but NUL, which is refused at its field (json-escaped-U+0000).
    controls = "".join(char for char in CONTROL if char != "\x00")
    every = copy.deepcopy(base_document())
    for path in paths:
        set_at(every, path, (controls + " " + str(get_at(every, path)))[:300])
    found.append(
        Document(
            "control",
            "every-control-in-every-field",
            "doc.json",
            json.dumps(every, ensure_ascii=True).encode(),
        )
    )
    return found


#: Where a payload stands in a field: the whole text, inside a sentence, or on a line of its
#: own (typst, Markdown and CSV treat the start of a line differently from its middle).
PLACES = (
    ("", "{}"),
    ("-in-zin", "Zie {} voor de aanpak van de wijk."),
    ("-eigen-regel", "Eerste regel van de tekst.\n{}\nLaatste regel."),
)


def _injections() -> list[Document]:
    found: list[Document] = []
    for number, (family, text) in enumerate(payloads()):
        for place, (suffix, frame) in enumerate(PLACES):
            document = poisoned(frame.format(text))
            if (number + place) % 2:
                data = json.dumps(document, ensure_ascii=False).encode()
                filename = "overeenkomst.json"
            else:
                data = yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode()
                filename = "overeenkomst.yaml"
            label = f"{family}-{number:02d}{suffix}"
            found.append(Document("injection", label, filename, data, text, family))
    return found


@cache
def documents() -> tuple[Document, ...]:
    return (*_bombs(), *_encodings(), *_controls(), *_injections())


# --- Images ------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png(width: int = 2, height: int = 2, *, idat: bytes | None = None, seed: int = 0) -> bytes:
    """A PNG of random colours (so its pixel data does not compress away)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if idat is None:
        rng = random.Random(seed)
        rows = b"".join(
            b"\x00" + bytes(rng.randrange(256) for _ in range(3 * width)) for _ in range(height)
        )
        idat = zlib.compress(rows)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


# A 2x2 JPEG (baseline, quality 50).
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a1816"
    "16183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d7179706478"
    "5c656763ffdb0043011112121815182f1a1a2f6342384263636363636363636363636363636363636363"
    "63636363636363636363636363636363636363636363636363636363636363ffc000110800020002"
    "03012200021101031101ffc4001f0000010501010101010100000000000000000102030405060708090a0b"
    "ffc400b5100002010303020403050504040000017d0102030004110512213141061351610722711432819"
    "1a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748"
    "494a535455565758595a636465666768696a737475767778797a838485868788898a9293949596979899"
    "9aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5"
    "e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f01000301010101010101010100000000000001020304050"
    "60708090a0bffc400b5110002010204040304070504040001027700010203110405213106124151076171"
    "1322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a43"
    "4445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a9293"
    "9495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9"
    "dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffda000c03010002110311003f00c7a28a2b84fa83ffd9"
)
SVG_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
    b'<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src=x onerror=alert(3)>'
    b"</body></foreignObject></svg>"
)
HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@cache
def images() -> tuple[ImageInput, ...]:
    good = png(16, 16, seed=1)
    # Where the pixel data ends: a cut before it loses pixels, whatever the decoder.
    pixels_end = len(good) - 12 - 4
    found = [
        ImageInput("real-png", "impressie.png", "image/png", good, True),
        ImageInput("real-jpeg", "impressie.jpg", "image/jpeg", JPEG, True),
        ImageInput("real-png-declared-html", "impressie.png", "text/html", png(3, 3, seed=2), True),
        ImageInput(
            "real-png-odd-name",
            '../../"x\r\nSet-Cookie: a=b.png',
            "image/png",
            png(4, 4, seed=3),
            True,
        ),
        ImageInput(
            "real-png-then-html", "impressie.png", "image/png", png(5, 5, seed=4) + HTML_PAGE, None
        ),
        ImageInput(
            "real-png-then-zip",
            "impressie.png",
            "image/png",
            png(6, 6, seed=5) + _zip_bytes({"a.html": HTML_PAGE}),
            None,
        ),
        ImageInput("png-without-iend", "beeld.png", "image/png", png(7, 7, seed=6)[:-12], None),
        ImageInput(
            "png-signature-then-zip",
            "beeld.png",
            "image/png",
            PNG_SIGNATURE + _zip_bytes({"a.txt": b"zip"}),
            False,
        ),
        ImageInput(
            "png-signature-then-svg", "beeld.png", "image/png", PNG_SIGNATURE + SVG_SCRIPT, False
        ),
        ImageInput(
            "png-signature-then-html", "beeld.png", "image/png", PNG_SIGNATURE + HTML_PAGE, False
        ),
        ImageInput("png-signature-only", "beeld.png", "image/png", PNG_SIGNATURE, False),
        ImageInput(
            "png-bad-header-crc",
            "beeld.png",
            "image/png",
            good[:29] + bytes([good[29] ^ 0xFF]) + good[30:],
            False,
        ),
        ImageInput(
            "png-idat-not-zlib", "beeld.png", "image/png", png(idat=b"geen zlib-gegevens"), False
        ),
        ImageInput(
            "png-pixel-bomb-100000x100000",
            "beeld.png",
            "image/png",
            png(100_000, 100_000, idat=zlib.compress(b"\x00" * 1000)),
            False,
        ),
        ImageInput(
            "jpeg-magic-then-html", "beeld.jpg", "image/jpeg", b"\xff\xd8\xff" + HTML_PAGE, False
        ),
        ImageInput("jpeg-magic-only", "beeld.jpg", "image/jpeg", b"\xff\xd8\xff", False),
        ImageInput("jpeg-without-end", "beeld.jpg", "image/jpeg", JPEG[: len(JPEG) // 2], False),
        ImageInput("svg-with-script", "beeld.svg", "image/svg+xml", SVG_SCRIPT, False),
        ImageInput("svg-named-png", "beeld.png", "image/png", SVG_SCRIPT, False),
        ImageInput("html-named-png", "beeld.png", "image/png", HTML_PAGE, False),
        ImageInput("zip-named-png", "beeld.png", "image/png", _zip_bytes({"a": b"b"}), False),
        ImageInput("gif", "beeld.gif", "image/gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", False),
        ImageInput("pdf-named-png", "beeld.png", "image/png", b"%PDF-1.4\n%%EOF\n", False),
        ImageInput("empty", "beeld.png", "image/png", b"", False),
        ImageInput("over-5mb", "groot.png", "image/png", good + b"\x00" * (5 * 1024 * 1024), False),
    ]
    rng = random.Random(SEED + 3)
    for number in range(8):
        cut = rng.randrange(9, pixels_end - 40)
        found.append(
            ImageInput(f"png-truncated-{number}@{cut}", "beeld.png", "image/png", good[:cut], False)
        )
    for number in range(4):
        cut = rng.randrange(4, len(JPEG) - 40)
        found.append(
            ImageInput(
                f"jpeg-truncated-{number}@{cut}", "beeld.jpg", "image/jpeg", JPEG[:cut], False
            )
        )
    return tuple(found)


# --- Archives ----------------------------------------------------------------------------------


def _rewrite(data: dict[str, Any]) -> bytes:
    from stramien.archive import write_archive

    return write_archive(data)


def _rechain(data: dict[str, Any]) -> dict[str, Any]:
    """Recompute every revision's hash after a change (a forger can do that too)."""
    from stramien.revisions.hashing import canonical_json

    parent = ""
    for row in data["revisions"]:
        row["parent_hash"] = parent
        fields = {
            "author": row["author_name"],
            "content_hash": row["content_hash"],
            "created": row["created_at"],
            "message": row["message"],
            "parent_hash": parent,
        }
        # By hand, as a forger would: the project's own function refuses a bad time.
        row["hash"] = hashlib.sha256(canonical_json(fields)).hexdigest()
        parent = row["hash"]
    return data


def _with_body(
    manifest: dict[str, Any] | bytes, body: bytes, extra: dict[str, bytes] | None = None
) -> bytes:
    members = {
        "manifest.json": manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode(),
        "programme.json": body,
        **(extra or {}),
    }
    return _zip_bytes(members)


def _manifest(body: bytes, **changes: Any) -> dict[str, Any]:
    return {
        "format": 1,
        "schema_version": "1.0",
        "sha256": hashlib.sha256(body).hexdigest(),
        "revisions": 1,
        **changes,
    }


def _patched_sizes(raw: bytes, member: str, size: int) -> bytes:
    """The zip with the uncompressed size of ``member`` changed in both of its headers."""
    data = bytearray(raw)
    name = member.encode()
    at = 0
    while True:
        at = data.find(b"PK\x03\x04", at)
        if at < 0:
            break
        length = struct.unpack("<H", data[at + 26 : at + 28])[0]
        if data[at + 30 : at + 30 + length] == name:
            data[at + 22 : at + 26] = struct.pack("<I", size)
        at += 4
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        length = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + length] == name:
            data[at + 24 : at + 28] = struct.pack("<I", size)
        at += 4
    return bytes(data)


def archives(exported: dict[str, Any]) -> list[ArchiveInput]:
    """Hostile archives made from ``exported`` (``archives.selectors.export_data`` of a
    programme with comments, an attachment and an approval round)."""
    from stramien.archive import b64

    rng = random.Random(SEED + 4)
    found: list[ArchiveInput] = []

    def add(label: str, data: bytes, expect: str, family: str) -> None:
        found.append(ArchiveInput(label, data, expect, family))

    def variant(change: Any, *, rechain: bool = False) -> bytes:
        data = copy.deepcopy(exported)
        change(data)
        return _rewrite(_rechain(data) if rechain else data)

    sound = _rewrite(copy.deepcopy(exported))
    add("sound", sound, "ok", "control")
    body = json.dumps(exported, ensure_ascii=False, sort_keys=True, indent=1).encode()
    manifest = _manifest(body, revisions=len(exported["revisions"]))
    # Checksums and the manifest.
    for number in range(6):
        at = rng.randrange(len(body))
        flipped = body[:at] + bytes([body[at] ^ 0x01]) + body[at + 1 :]
        add(
            f"checksum-flipped-byte-{number}@{at}",
            _with_body(manifest, flipped),
            "refuse",
            "checksum",
        )
    add("checksum-space-added", _with_body(manifest, body + b" "), "refuse", "checksum")
    add(
        "checksum-missing",
        _with_body({k: v for k, v in manifest.items() if k != "sha256"}, body),
        "refuse",
        "checksum",
    )
    add("checksum-not-text", _with_body({**manifest, "sha256": [1, 2]}, body), "refuse", "checksum")
    add("manifest-format-99", _with_body({**manifest, "format": 99}, body), "refuse", "manifest")
    add("manifest-format-text", _with_body({**manifest, "format": "1"}, body), "refuse", "manifest")
    add("manifest-not-json", _with_body(b"{kapot", body), "refuse", "manifest")
    add("manifest-a-list", _with_body(b"[1, 2]", body), "refuse", "manifest")
    add("manifest-deep", _with_body(b"[" * 100_000 + b"]" * 100_000, body), "refuse", "manifest")
    deep = b"[" * 100_000 + b"]" * 100_000
    add("data-deep-nesting", _with_body(_manifest(deep), deep), "refuse", "bomb")
    digits = b'{"schema_version": "1.0", "revisions": [' + b"9" * 100_000 + b"]}"
    add("data-100000-digits", _with_body(_manifest(digits), digits), "refuse", "bomb")
    add("data-schema-99", variant(lambda d: d.update(schema_version="99.0")), "refuse", "manifest")
    # The container.
    add("not-a-zip", b"Dit is geen zip-bestand.", "refuse", "container")
    add("empty-file", b"", "refuse", "container")
    add("png-not-zip", png(), "refuse", "container")
    for number in range(4):
        cut = rng.randrange(10, len(sound) - 1)
        add(f"truncated-{number}@{cut}", sound[:cut], "refuse", "container")
    add("zip-without-manifest", _zip_bytes({"programme.json": body}), "refuse", "container")
    add("zip-extra-member", _with_body(manifest, body, {"extra.txt": b"x"}), "refuse", "container")
    # Zip bombs.
    add(
        "bomb-declared-600mb",
        _patched_sizes(sound, "programme.json", 600 * 1024 * 1024),
        "refuse",
        "bomb",
    )
    big = b" " * (50 * 1024 * 1024)
    lying = _patched_sizes(_with_body(_manifest(big), big), "programme.json", 1024)
    add("bomb-lying-header-50mb", lying, "refuse", "bomb")
    spaces = b" " * (120 * 1024 * 1024) + body
    add(
        "bomb-120mb-of-spaces",
        _with_body(_manifest(spaces, revisions=len(exported["revisions"])), spaces),
        "any",
        "bomb",
    )
    add("bomb-many-members", _zip_bytes({f"m{i}": b"" for i in range(20_000)}), "refuse", "bomb")
    # Path traversal in the container and in the data.
    for name in ("../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini", "a/../../b"):
        add(
            f"traversal-member-{name}",
            _with_body(manifest, body, {name: b"x"}),
            "refuse",
            "traversal",
        )
    for name in (
        "../../etc/passwd",
        "/tmp/x.png",
        "..\\x.png",
        "sub/dir.png",
        "",
        'x"\r\nSet-Cookie: a=b.png',
        "a" * 5000 + ".png",
    ):

        def rename(d: dict[str, Any], name: str = name) -> None:
            d["attachments"][0]["name"] = name

        add(f"traversal-attachment-{name[:30]!r}", variant(rename), "refuse", "traversal")
    # Attachments that are not what they say.
    page = b"<html><script>alert(document.cookie)</script></html>"
    for kind in (
        "text/html",
        "image/svg+xml",
        "application/xhtml+xml",
        "text/html; charset=utf-8",
        "application/octet-stream",
    ):

        def html_attachment(d: dict[str, Any], kind: str = kind) -> None:
            d["attachments"][0].update(
                content_type=kind,
                data=b64(page),
                sha256=hashlib.sha256(page).hexdigest(),
                size=len(page),
            )

        add(f"attachment-content-type-{kind}", variant(html_attachment), "refuse", "attachment")

    def wrong_sha(d: dict[str, Any]) -> None:
        d["attachments"][0]["sha256"] = "0" * 64

    add("attachment-wrong-sha256", variant(wrong_sha), "refuse", "attachment")

    def not_base64(d: dict[str, Any]) -> None:
        d["attachments"][0]["data"] = "dit is geen base64!"

    add("attachment-data-not-base64", variant(not_base64), "refuse", "attachment")

    def png_is_html(d: dict[str, Any]) -> None:
        d["attachments"][0].update(data=b64(page), sha256=hashlib.sha256(page).hexdigest())

    add("attachment-png-that-is-html", variant(png_is_html), "refuse", "attachment")

    # Data a forger can give a valid checksum and chain, but the app would never write.
    def bad_time(d: dict[str, Any]) -> None:
        d["revisions"][-1]["created_at"] = "gisteren om drie uur"

    add("revision-time-not-a-time", variant(bad_time, rechain=True), "refuse", "forged")

    def drop_key(d: dict[str, Any]) -> None:
        del d["comments"][0]["section"]

    add("comment-without-section", variant(drop_key), "refuse", "forged")

    def audit_without_action(d: dict[str, Any]) -> None:
        del d["audit"][0]["action"]

    add("audit-without-action", variant(audit_without_action), "refuse", "forged")

    def unknown_role(d: dict[str, Any]) -> None:
        d["people"][0]["role"] = "superbeheerder"

    # The archive's people only name historical authors (no memberships come from them).
    add("person-unknown-role", variant(unknown_role), "any", "forged")

    def person_without_username(d: dict[str, Any]) -> None:
        del d["people"][0]["username"]

    add("person-without-username", variant(person_without_username), "any", "forged")

    def revision_gap(d: dict[str, Any]) -> None:
        d["revisions"][-1]["number"] = 99

    add("revision-number-gap", variant(revision_gap, rechain=True), "refuse", "forged")

    def message_changed(d: dict[str, Any]) -> None:
        d["revisions"][0]["message"] = "Anders"

    add("revision-message-changed", variant(message_changed), "refuse", "forged")
    return found


COUNTS: Counter[str] = Counter()


def count(kind: str, number: int = 1) -> None:
    """Note inputs run through a channel (printed at the end of the run)."""
    COUNTS[kind] += number


def mixed(*families: str) -> dict[str, Any]:
    """The small example with the payloads of ``families`` dealt out over the free-text
    fields in turn (each payload lands in every n-th field)."""
    texts = [text for family in families for text in PAYLOADS[family]]
    result = copy.deepcopy(base_document())
    for index, path in enumerate(free_text_paths()):
        set_at(result, path, texts[index % len(texts)])
    return result
