"""Draw the artist impression the large example names (``impressie-wijkhart.png``).

A flat illustration of a village core in 2031: a village hall with solar panels, houses
round a green courtyard, a mobility hub with shared electric cars, a bus stop and a cycle
route along the fields. Drawn here with Pillow, so the picture is ours and the same on every
run:

    python examples/draw_impression.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
HORIZON = 330
OUT = Path(__file__).resolve().parent / "impressie-wijkhart.png"


def _sky(draw: ImageDraw.ImageDraw) -> None:
    for y in range(HORIZON):
        shade = y / HORIZON
        draw.line([(0, y), (WIDTH, y)], fill=(int(150 + 80 * shade), int(200 + 40 * shade), 245))
    draw.ellipse([980, 50, 1070, 140], fill=(255, 226, 120))


def _fields(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle([0, HORIZON, WIDTH, HEIGHT], fill=(122, 176, 96))
    for index, x in enumerate(range(-200, WIDTH, 160)):
        colour = (196, 176, 96) if index % 2 else (150, 190, 100)
        draw.polygon([(x, HORIZON), (x + 160, HORIZON), (x + 260, 420), (x + 60, 420)], fill=colour)
    # The cycle route along the fields, and the road to the village core.
    draw.polygon([(0, 470), (WIDTH, 440), (WIDTH, 475), (0, 510)], fill=(196, 84, 70))
    draw.polygon([(0, 560), (WIDTH, 520), (WIDTH, 600), (0, 650)], fill=(110, 110, 115))
    for x in range(20, WIDTH, 90):
        y = 605 - x * 45 // WIDTH
        draw.line([(x, y), (x + 45, y - 2)], fill=(240, 240, 240), width=4)


def _tree(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    draw.rectangle([x - size // 10, y - size // 2, x + size // 10, y], fill=(110, 80, 50))
    draw.ellipse(
        [x - size // 2, y - size * 3 // 2, x + size // 2, y - size // 3], fill=(60, 130, 70)
    )


def _house(
    draw: ImageDraw.ImageDraw, x: int, y: int, width: int, colour: tuple[int, int, int]
) -> None:
    height = width * 3 // 4
    draw.rectangle([x, y - height, x + width, y], fill=colour)
    draw.polygon(
        [
            (x - 8, y - height),
            (x + width // 2, y - height - width // 2),
            (x + width + 8, y - height),
        ],
        fill=(150, 60, 50),
    )
    draw.rectangle([x + width // 2 - 9, y - 34, x + width // 2 + 9, y], fill=(90, 60, 40))
    for wx in (x + 10, x + width - 28):
        draw.rectangle([wx, y - height + 14, wx + 18, y - height + 34], fill=(220, 235, 250))


def _village_hall(draw: ImageDraw.ImageDraw) -> None:
    left, base = 430, 430
    draw.rectangle([left, base - 120, left + 260, base], fill=(222, 205, 170))
    draw.polygon(
        [(left - 15, base - 120), (left + 130, base - 215), (left + 275, base - 120)],
        fill=(90, 90, 100),
    )
    # Solar panels on the roof, in rows.
    for row in range(3):
        for col in range(5 - row):
            x = left + 40 + row * 28 + col * 40
            y = base - 135 - row * 24
            draw.polygon(
                [(x, y), (x + 34, y), (x + 30, y - 18), (x - 4, y - 18)],
                fill=(40, 70, 130),
                outline=(200, 210, 230),
            )
    draw.rectangle([left + 110, base - 60, left + 150, base], fill=(120, 80, 50))
    for wx in (left + 25, left + 190):
        draw.rectangle([wx, base - 90, wx + 45, base - 50], fill=(220, 235, 250))


def _mobility_hub(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle([780, 470, 1130, 500], fill=(180, 180, 185))
    draw.rectangle([790, 390, 1120, 400], fill=(70, 70, 80))
    for x in (800, 1105):
        draw.rectangle([x, 400, x + 8, 470], fill=(70, 70, 80))
    for x, colour in ((820, (240, 240, 240)), (940, (90, 160, 200))):
        draw.rounded_rectangle([x, 430, x + 100, 470], radius=12, fill=colour)
        draw.rounded_rectangle([x + 18, 410, x + 80, 436], radius=8, fill=colour)
        for wheel in (x + 20, x + 80):
            draw.ellipse([wheel - 10, 462, wheel + 10, 482], fill=(30, 30, 30))
        draw.rectangle([x + 104, 420, x + 110, 470], fill=(60, 170, 90))
    # The bus stop beside it.
    draw.rectangle([1060, 420, 1064, 480], fill=(60, 60, 60))
    draw.rectangle([1050, 405, 1074, 425], fill=(250, 200, 40))


def _cyclist(draw: ImageDraw.ImageDraw, x: int, y: int, colour: tuple[int, int, int]) -> None:
    for wheel in (x, x + 34):
        draw.ellipse([wheel - 12, y - 12, wheel + 12, y + 12], outline=(40, 40, 40), width=3)
    draw.line([(x, y), (x + 17, y - 14), (x + 34, y)], fill=(40, 40, 40), width=3)
    draw.line([(x + 17, y - 14), (x + 14, y - 38)], fill=colour, width=7)
    draw.ellipse([x + 7, y - 56, x + 23, y - 40], fill=(230, 190, 160))


def draw() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    pen = ImageDraw.Draw(image)
    _sky(pen)
    _fields(pen)
    for x, size in ((60, 90), (150, 110), (330, 100), (730, 120), (1150, 90)):
        _tree(pen, x, HORIZON + 40, size)
    # Houses round the green courtyard.
    pen.ellipse([90, 420, 400, 470], fill=(100, 170, 90))
    for x, colour in ((80, (230, 220, 200)), (170, (210, 190, 160)), (260, (235, 225, 210))):
        _house(pen, x, 430, 80, colour)
    _village_hall(pen)
    _mobility_hub(pen)
    for x, colour in ((140, (40, 90, 170)), (420, (200, 60, 60)), (700, (240, 160, 40))):
        _cyclist(pen, x, 480 - x * 30 // WIDTH, colour)
    return image


if __name__ == "__main__":
    draw().save(OUT, format="PNG", optimize=True)
    print(OUT)
