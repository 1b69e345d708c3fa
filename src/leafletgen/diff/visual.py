"""The visual diff: both versions built in one format, rendered page by page, compared pixel
by pixel, with the changes painted over the new page.

The version stamp in the bottom margin differs on every page by design, so that strip is
masked; a pixel counts as changed only past a tolerance, so anti-aliasing is not a change.
This finds what the text diff cannot: text that reflows onto another line or page, a
changed picture file, a different font.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from importlib import resources

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from leafletgen import model
from leafletgen.load.theme import default_theme
from leafletgen.produce import BuildOptions, produce
from leafletgen.formats import FORMATS
from leafletgen.layout.styles import themed_format
from leafletgen import fonts
from leafletgen.theme import Theme

TOLERANCE = 48  # a colour channel must differ by more than this (of 255) to count
MIN_PIXELS = 4  # fewer changed pixels than this on a page is noise
REGION_GAP = 12  # changed rows closer than this (pixels) belong to one region
MARK = (214, 0, 28)  # the red of changes
GHOST = (70, 130, 220)  # the old page's ink where it changed
BOX_FILL = (255, 236, 236)  # behind a changed band
MASKED = (120, 140, 160)  # the tint over the masked stamp strip
LEGEND = ("Page {}: red = the new version where it differs; blue = what the old version had "
          "there; the stamp strip at the foot is not compared")
OLD_FILES = re.compile(r"page-\d{3}(-removed)?\.png")


@dataclass
class PageResult:
    page: int
    status: str  # "changed", "unchanged", "added" or "removed"
    image: str = ""  # file name in the output folder
    changed_pixels: int = 0
    fraction: float = 0.0  # of the compared area
    regions: list[tuple[int, int, int, int]] = field(default_factory=list)  # pt, from top left

    def describe(self) -> str:
        if self.status != "changed":
            return f"page {self.page}: {self.status}"
        spans = ", ".join(f"{_mm(r[1])}\u2013{_mm(r[3])} mm" for r in self.regions)
        if len(self.regions) > 3:
            spans = (f"{_mm(self.regions[0][1])}\u2013{_mm(self.regions[-1][3])} mm, in "
                     f"{len(self.regions)} places")
        share = f"{self.fraction:.1%}" if self.fraction >= 0.001 else "under 0.1%"
        return f"page {self.page}: changed ({share} of the page; from the top: {spans})"


@dataclass
class VisualResult:
    format: str
    dpi: int
    old_version: str
    new_version: str
    folder: str
    pages: list[PageResult]

    @property
    def changed(self) -> list[PageResult]:
        return [p for p in self.pages if p.status != "unchanged"]

    def lines(self) -> list[str]:
        old_pages = sum(p.status != "added" for p in self.pages)
        new_pages = sum(p.status != "removed" for p in self.pages)
        head = (f"Visual diff ({self.format}, {self.dpi} dpi, version stamp masked): version "
                f"{self.old_version} {_pages(old_pages)}, version {self.new_version} "
                f"{_pages(new_pages)}")
        lines = [head] + [f"  {p.describe()}" for p in self.pages]
        return lines + [f"  images and changes.txt in {self.folder}"]

    def summary(self) -> str:
        kinds = [(status, [str(p.page) for p in self.pages if p.status == status])
                 for status in ("changed", "added", "removed")]
        pages = "; ".join(f"{status}: {', '.join(numbers)}" for status, numbers in kinds if numbers)
        verb = "looks" if len(self.changed) == 1 else "look"
        return f"{len(self.changed)} of {_pages(len(self.pages))} {verb} different ({pages})"


def visual_diff(old: model.Leaflet, new: model.Leaflet, format_name: str, folder: Path,
                dpi: int = 100, theme: Theme | None = None) -> VisualResult:
    """Compare the two versions in one format; write an image per page and the lists."""
    theme = theme or default_theme()
    options = BuildOptions(theme=theme)
    before = render_pages(produce(old, format_name, options).data, dpi)
    after = render_pages(produce(new, format_name, options).data, dpi)
    fmt = themed_format(FORMATS[format_name].page, theme)  # a theme may move the margins
    mask_height = round(fmt.margin_bottom * dpi / 72)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        if OLD_FILES.fullmatch(stale.name):
            stale.unlink()
    pages = [_page(number, before, after, mask_height, dpi, folder)
             for number in range(1, max(len(before), len(after)) + 1)]
    result = VisualResult(format_name, dpi, old.version, new.version, str(folder), pages)
    (folder / "changes.txt").write_text("\n".join(result.lines()) + "\n", encoding="utf-8")
    (folder / "changes.json").write_text(json.dumps(asdict(result), indent=2) + "\n",
                                         encoding="utf-8")
    return result


def render_pages(data: bytes, dpi: int) -> list[Image.Image]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def _page(number: int, before: list[Image.Image], after: list[Image.Image], mask_height: int,
          dpi: int, folder: Path) -> PageResult:
    old = before[number - 1] if number <= len(before) else None
    new = after[number - 1] if number <= len(after) else None
    if old is None or new is None:
        status = "added" if old is None else "removed"
        name = f"page-{number:03d}" + ("-removed" if new is None else "") + ".png"
        legend = f"Page {number}: " + ("only in the new version" if old is None else
                                       "only in the old version (shown as it was)")
        with_legend(_framed(new or old), legend).save(folder / name)
        return PageResult(number, status, name)
    changed = changed_pixels(old, new, mask_height)
    count = changed.histogram()[255]
    name = f"page-{number:03d}.png"
    if count < MIN_PIXELS:
        image = overlay(old, new, None, mask_height)
        with_legend(image, f"Page {number}: unchanged (the stamp strip at the foot is not "
                           "compared)").save(folder / name)
        return PageResult(number, "unchanged", name)
    boxes = regions(changed)
    with_legend(overlay(old, new, changed, mask_height, boxes), LEGEND.format(number)).save(
        folder / name)
    compared = new.width * (new.height - mask_height)
    scale = 72 / dpi
    return PageResult(number, "changed", name, count, round(count / compared, 5),
                      [tuple(round(v * scale) for v in box) for box in boxes])


def changed_pixels(old: Image.Image, new: Image.Image, mask_height: int) -> Image.Image:
    """A mask (L, 0 or 255) of the pixels that differ past the tolerance, stamp strip excluded."""
    if old.size != new.size:
        return Image.new("L", new.size, 255)
    difference = ImageChops.difference(old, new)
    red, green, blue = difference.split()
    strongest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    changed = strongest.point(lambda v: 255 if v > TOLERANCE else 0)
    if mask_height:
        changed.paste(0, (0, new.height - mask_height, new.width, new.height))
    return changed


def regions(changed: Image.Image) -> list[tuple[int, int, int, int]]:
    """Boxes around the bands of changed rows, each as wide as its changes."""
    width = changed.width
    rows = [y for y in range(changed.height) if changed.crop((0, y, width, y + 1)).getbbox()]
    bands: list[list[int]] = []
    for y in rows:
        if bands and y - bands[-1][1] <= REGION_GAP:
            bands[-1][1] = y
        else:
            bands.append([y, y])
    boxes = []
    for top, bottom in bands:
        left, _, right, _ = changed.crop((0, top, changed.width, bottom + 1)).getbbox()
        boxes.append((left, top, right, bottom + 1))
    return boxes


def overlay(old: Image.Image, new: Image.Image, changed: Image.Image | None, mask_height: int,
            boxes: list[tuple[int, int, int, int]] = ()) -> Image.Image:
    """The new page, faded; where it changed, its ink in red over a ghost of the old ink in
    blue, a box round each changed band and a bar beside it; the stamp strip tinted."""
    page = Image.blend(new, Image.new("RGB", new.size, "white"), 0.55)
    draw = ImageDraw.Draw(page)
    for left, top, right, bottom in boxes:
        draw.rectangle((left - 4, top - 4, right + 4, bottom + 4), fill=BOX_FILL)
    if changed is not None:
        area = changed.filter(ImageFilter.MaxFilter(5))
        for image, colour, strength in ((old, GHOST, 0.7), (new, MARK, 1.0)):
            ink = ImageChops.multiply(ImageChops.invert(image.convert("L")), area)
            page = Image.composite(Image.new("RGB", new.size, colour), page,
                                   ink.point(lambda v: int(v * strength)))
    draw = ImageDraw.Draw(page)
    for left, top, right, bottom in boxes:
        draw.rectangle((left - 4, top - 4, right + 4, bottom + 4), outline=MARK, width=2)
        draw.rectangle((3, top - 4, 9, bottom + 4), fill=MARK)
    strip = (0, new.height - mask_height, new.width, new.height)
    tinted = Image.blend(page.crop(strip), Image.new("RGB", (new.width, mask_height), MASKED),
                         0.25)
    page.paste(tinted, strip[:2])
    return page


def with_legend(page: Image.Image, text: str) -> Image.Image:
    """The page image under a line saying what it shows."""
    size = max(11, page.width // 60)
    with resources.as_file(fonts.font_dir() / "NotoSans-Regular.ttf") as path:
        font = ImageFont.truetype(str(path), size)
    height = size * 2
    out = Image.new("RGB", (page.width, page.height + height), "white")
    out.paste(page, (0, height))
    draw = ImageDraw.Draw(out)
    draw.text((size // 2, size // 2), text, fill=(40, 40, 40), font=font)
    draw.line((0, height - 1, page.width, height - 1), fill=(160, 160, 160))
    return out


def _framed(page: Image.Image) -> Image.Image:
    """An added or removed page: the page with a thick red frame."""
    framed = Image.blend(page, Image.new("RGB", page.size, "white"), 0.3)
    ImageDraw.Draw(framed).rectangle((0, 0, page.width - 1, page.height - 1), outline=MARK,
                                     width=8)
    return framed


def _pages(n: int) -> str:
    return f"{n} page{'' if n == 1 else 's'}"


def _mm(points: float) -> int:
    return round(points * 25.4 / 72)
