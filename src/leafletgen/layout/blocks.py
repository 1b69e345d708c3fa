"""One function per block kind: model nodes to platypus flowables."""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, KeepTogether, ListFlowable, ListItem, Paragraph,
                                Spacer, Table, TableStyle)
from reportlab.platypus import Image as RasterImage

from leafletgen import inline, model
from leafletgen.document import Role, marked
from leafletgen.layout.styles import Styles
from leafletgen import fonts

IMAGE_MAX_HEIGHT = 100 * mm
PRINT_DPI = 300  # a picture with more pixels than this at its printed size is resampled


def text(value: str, style, s: Styles) -> Paragraph:
    markup = inline.to_markup(value, s.link_color, italic_as_bold=not s.fmt.italics)
    return Paragraph(markup, style)


def paragraph(block: model.Paragraph, s: Styles) -> list[Flowable]:
    return [marked(text(block.text, s.body, s), Role.PARAGRAPH)]


def bullet_list(block: model.BulletList, s: Styles) -> list[Flowable]:
    return [marked(_list(block.items, s, bulletType="bullet", start="\u2022"), Role.LIST)]


def steps(block: model.Steps, s: Styles) -> list[Flowable]:
    # Right to left the full stop follows the number leftwards, ".1", as a browser sets it.
    number = ".%s" if s.right_to_left else "%s."
    return [marked(_list(block.items, s, bulletType="1", bulletFormat=number), Role.STEPS)]


def _list(items: tuple[str, ...], s: Styles, **options) -> ListFlowable:
    size = s.fmt.body_size
    return ListFlowable(
        [marked(ListItem(text(item, s.item, s)), Role.LIST_ITEM) for item in items],
        bulletFontName=s.fonts.bold, bulletFontSize=size, bulletColor=s.palette.accent,
        spaceAfter=size * 0.6, **list_indent(s), **options,
    )


def list_indent(s: Styles) -> dict:
    """The indent that holds a list's bullets or numbers: on the left, or in a right-to-left
    leaflet on the right, each bullet flush with the column's right edge (mirrored)."""
    indent = s.fmt.body_size * 1.6
    if s.right_to_left:
        return dict(rightIndent=indent, bulletDir="rtl", bulletAlign="right")
    return dict(leftIndent=indent)


def note(block: model.Note, s: Styles) -> list[Flowable]:
    box = boxed([text(block.text, s.note, s)], s, s.palette.note_background, bar=True)
    return [marked(box, Role.NOTE)]


def boxed(content: list[Flowable], s: Styles, background, bar: bool = False) -> Table:
    """A tinted box the width of the column, optionally with an accent bar on the side the
    text starts from (its left; its right in a right-to-left leaflet), padded more there."""
    pad = s.fmt.body_size * 0.8
    start, end = ("RIGHTPADDING", "LEFTPADDING") if s.right_to_left else \
        ("LEFTPADDING", "RIGHTPADDING")
    commands = [
        ("BACKGROUND", (0, 0), (-1, -1), background),
        (start, (0, 0), (-1, -1), pad * 1.3), (end, (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    if s.palette.boxed:  # large print: a plain outline, no tint behind the text
        commands.append(("BOX", (0, 0), (-1, -1), 1.5, s.palette.rule))
    if bar and s.right_to_left:
        commands.append(("LINEAFTER", (-1, 0), (-1, -1), 4, s.palette.accent))
    elif bar:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), 4, s.palette.accent))
    table = styled_table([[content]], [s.fmt.frame_width], commands, font=s.fonts.regular)
    table.spaceBefore = s.fmt.body_size * 0.3
    table.spaceAfter = s.fmt.body_size * 0.9
    return table


def styled_table(rows: list, widths: list[float], commands: list, font: str = fonts.REGULAR,
                 **options) -> Table:
    """A Table whose cells default to our font: ReportLab's default would pull in Helvetica."""
    table = Table(rows, colWidths=widths, **options)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font)] + commands))
    return table


def columns_table(rows: list, widths: list[float], commands: list, s: Styles,
                  **options) -> Table:
    """A table of columns given in reading order: in a right-to-left leaflet the first
    column is at the right (the commands then count columns from the left as drawn)."""
    if not s.right_to_left:
        return styled_table(rows, widths, commands, font=s.fonts.regular, **options)
    table = RightToLeftTable([row[::-1] for row in rows], colWidths=widths[::-1], **options)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), s.fonts.regular)] + commands))
    return table


class RightToLeftTable(Table):
    """A table whose first column is at its right. Each row's cells are drawn from the right,
    so that a tagged file's TH and TD come in reading order (a Table draws from the left)."""

    def draw(self):
        self._row_cells = []
        super().draw()

    def _drawCell(self, cellval, cellstyle, pos, size):
        self._row_cells.append((cellval, cellstyle, pos, size))
        if len(self._row_cells) == self._ncols:  # a whole row (these tables span no cells)
            for cell in reversed(self._row_cells):
                super()._drawCell(*cell)
            self._row_cells = []


def bodymap(block: model.BodyMap, s: Styles, height: float = 0) -> list[Flowable]:
    from leafletgen.layout import bodymap as art  # svglib is imported only when a map is drawn

    colours = art.BodyMapColours(highlight=s.palette.highlight, neutral=s.palette.neutral,
                                 outline=s.palette.outline, text=s.palette.text)
    # Labels are read like captions; in large print they keep the body size.
    label_size = s.fmt.body_size if s.fmt.high_contrast else s.caption.fontSize

    labels = block.labels if s.words.english else _translated_labels(block, s)

    def draw_at(map_height: float):
        return art.bodymap_drawing(block.view, block.highlight, labels, s.fmt.frame_width,
                                   map_height, s.fonts.regular, label_size, colours,
                                   s.right_to_left, s.fonts.fallbacks)

    if height:  # the quick guide has sized it to the room on its one page
        drawing = draw_at(height)
        drawing.hAlign = "CENTER"
        return [marked(drawing, Role.FIGURE, block.alt)] + _caption(block.caption, s)
    tallest = s.fmt.bodymap_height
    return [FittedFigure(draw_at, _caption(block.caption, s), tallest, tallest * 0.7, block.alt)]


def _translated_labels(block: model.BodyMap, s: Styles) -> dict[str, str]:
    """The regions' names in the leaflet's language, where the author gave none."""
    from leafletgen.bodyart import region_label
    return {region: block.labels.get(region) or s.words(region_label(block.view, region))
            for region in block.highlight}


def figure_height(room: float, smallest: float, tallest: float) -> float:
    """The room, within bounds, rounded down to a 4 mm step: a library's maps then come in a
    few sizes, so each is drawn into PDF once (see render/artcache.py), not once per leaflet."""
    step = 4 * mm
    return max(smallest, min(tallest, (room // step) * step))


class FittedFigure(Flowable):
    """A figure that takes the room left on the page, between its smallest legible size
    and its full size, rather than leaving a gap by moving whole to the next page."""

    def __init__(self, draw_at, caption: list[Flowable], tallest: float, smallest: float,
                 alt: str):
        super().__init__()
        self.draw_at, self.caption, self.alt = draw_at, caption, alt
        self.tallest, self.smallest = tallest, smallest
        self.figure = None

    def wrap(self, available_width, available_height):
        caption_height = sum(f.wrap(available_width, available_height)[1] + f.getSpaceBefore()
                             + f.getSpaceAfter() for f in self.caption)
        room = available_height - caption_height
        # The drawing is the Figure (with the alt text); the caption is read after it.
        self.figure = marked(self.draw_at(figure_height(room, self.smallest, self.tallest)),
                             Role.FIGURE, self.alt)
        self.width = available_width
        self.height = self.figure.height + caption_height
        return self.width, self.height

    def draw(self):
        y = self.height - self.figure.height
        self.figure.drawOn(self.canv, (self.width - self.figure.width) / 2, y)
        for flowable in self.caption:
            y -= flowable.getSpaceBefore() + flowable.height
            flowable.drawOn(self.canv, 0, y)


def image(block: model.Image, s: Styles) -> list[Flowable]:
    figure = marked(picture(Path(block.path), s), Role.FIGURE, block.alt)
    return [KeepTogether([figure] + _caption(block.caption, s))]


def picture(path: Path, s: Styles, max_width: float = 0, max_height: float = IMAGE_MAX_HEIGHT,
            align: str = "CENTER") -> Flowable:
    """An SVG (as vector art) or raster picture, scaled to fit; CMYK in print-ready files."""
    max_width = max_width or s.fmt.frame_width
    if path.suffix.lower() == ".svg":
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(str(path), color_converter=_cmyk_converter if s.cmyk else None)
        scale = min(max_width / drawing.width, max_height / drawing.height, 1.0)
        drawing.scale(scale, scale)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        drawing.hAlign = align
        return drawing
    from PIL import Image as PillowImage

    with PillowImage.open(path) as original:  # reads the header only
        width, height = original.size
    scale = min(max_width / width, max_height / height)
    drawn = (width * scale, height * scale)
    wanted = tuple(math.ceil(points / 72 * PRINT_DPI) for points in drawn)
    if width > wanted[0] or height > wanted[1]:  # more than print shows: a smaller PDF
        stat = path.stat()
        source = io.BytesIO(_downsampled(str(path), stat.st_mtime_ns, stat.st_size, wanted, s.cmyk))
    else:
        source = _cmyk_copy(path) if s.cmyk else str(path)
    image = RasterImage(source)
    image.drawWidth, image.drawHeight = drawn
    image.hAlign = align
    return image


@lru_cache(maxsize=8)
def _downsampled(path: str, mtime: int, size: int, pixels: tuple[int, int], cmyk: bool) -> bytes:
    """The picture resampled to `pixels` (cached: every format of a build draws it): a JPEG
    stays a JPEG, anything else is stored losslessly; the same bytes on every run."""
    from PIL import Image as PillowImage

    with PillowImage.open(path) as picture:
        is_photo = picture.format in ("JPEG", "MPO")
        if picture.mode not in ("RGB", "RGBA", "L", "CMYK"):
            picture = picture.convert("RGBA" if picture.has_transparency_data else "RGB")
        smaller = picture.resize(pixels, PillowImage.Resampling.LANCZOS)
    data = io.BytesIO()
    if cmyk:  # as _cmyk_copy: print-ready files hold no RGB
        smaller.convert("CMYK").save(data, "TIFF")
    elif is_photo:
        smaller.save(data, "JPEG", quality=92)
    else:
        smaller.save(data, "PNG")
    return data.getvalue()


def _cmyk_converter(color):
    from leafletgen.paper import to_cmyk

    return to_cmyk(color) if color is not None else None


def _cmyk_copy(path: Path) -> io.BytesIO:
    """Print-ready files hold no RGB: convert the picture (losslessly stored, as TIFF)."""
    from PIL import Image as PillowImage

    with PillowImage.open(path) as picture:
        converted = picture.convert("CMYK")
    data = io.BytesIO()
    converted.save(data, "TIFF")
    data.seek(0)
    return data


def _caption(caption: str, s: Styles) -> list[Flowable]:
    if not caption:
        return [marked(Spacer(0, s.fmt.body_size * 0.8), Role.ARTIFACT)]
    return [marked(text(caption, s.caption, s), Role.CAPTION)]


RENDERERS = {
    model.Paragraph: paragraph,
    model.BulletList: bullet_list,
    model.Steps: steps,
    model.Note: note,
    model.BodyMap: bodymap,
    model.Image: image,
}


def block_flowables(block: model.Block, s: Styles) -> list[Flowable]:
    return RENDERERS[type(block)](block, s)
