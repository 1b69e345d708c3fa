"""Body maps: the art has the contract's regions, highlights land on them, labels behave."""

import io
import re
import subprocess
import sys
from itertools import combinations

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import String
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from leafletgen.bodyart import VIEWS, region_label, regions
from leafletgen.layout.bodymap import BodyMapColours, bodymap_drawing, preview
from leafletgen.fonts import REGULAR, register_fonts

pdfium = pytest.importorskip("pypdfium2")

FRONT = ("brain", "thyroid", "lungs", "heart", "breast", "liver", "stomach", "pancreas",
         "kidneys", "bowel", "bladder", "bones", "spine", "skin", "lymph_nodes",
         "lymph_nodes.neck", "lymph_nodes.collarbone", "lymph_nodes.armpit", "lymph_nodes.groin")
BACK = ("brain", "lungs", "kidneys", "spine", "bones", "skin")
SPREAD = ["lymph_nodes", "bones", "liver", "lungs", "brain"]
ACCENT = (0xB0, 0x18, 0x6E)
SCALE = 3  # pixels per point when rasterising


@pytest.fixture(scope="module", autouse=True)
def fonts():
    register_fonts()


def draw(view, highlight, width=480, height=360, size=9, labels=None, colours=None):
    return bodymap_drawing(view, highlight, labels or {}, width, height, REGULAR, size, colours)


def to_pdf(drawing) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(drawing.width, drawing.height), initialFontName=REGULAR)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def raster(drawing, body_only=True):
    """The drawing as an RGB image; body_only leaves out the labels, leaders and dots."""
    if body_only:
        drawing.contents = drawing.contents[:1]
    return pdfium.PdfDocument(to_pdf(drawing))[0].render(scale=SCALE).to_pil().convert("RGB")


def pixel(image, drawing, point):
    x, y = point
    return image.getpixel((round(x * SCALE), round((drawing.height - y) * SCALE)))


def is_accent(rgb, tolerance=14):
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, ACCENT))


# ---------------------------------------------------------------- the art
def test_front_view_has_every_contract_region():
    assert set(FRONT) <= set(regions("front"))


def test_back_view_has_the_minimum_regions():
    assert set(BACK) <= set(regions("back"))


def test_lymph_node_groups_follow_their_parent_in_svg_order():
    order = regions("front")
    assert order.index("lymph_nodes") < min(order.index(g) for g in FRONT[-4:])


@pytest.mark.parametrize("view", VIEWS)
def test_every_region_has_a_human_label(view):
    for region in regions(view):
        label = region_label(view, region)
        assert label.strip() and "_" not in label and "." not in label
    assert region_label("front", "lymph_nodes.neck") == "Lymph nodes in the neck"


def test_listing_regions_does_not_load_svglib_or_reportlab_graphics():
    code = ("import sys, leafletgen.bodyart as b; b.regions('front'); b.regions('back');"
            "assert not {'svglib', 'reportlab.graphics'} & set(sys.modules), sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": ":".join(sys.path)})


def test_unknown_region_or_view_raises_key_error():
    with pytest.raises(KeyError, match="livers"):
        draw("front", ["livers"])
    with pytest.raises(KeyError):
        draw("back", ["thyroid"])
    with pytest.raises(KeyError):
        regions("side")


# ---------------------------------------------------------------- colours on the page
def test_highlighted_regions_are_accent_and_the_others_are_not():
    d = draw("front", SPREAD, height=600)
    image = raster(d)
    for region in SPREAD:
        for point in d.anchors[region]:
            assert is_accent(pixel(image, d, point)), (region, point)
    for region in ("heart", "stomach", "bladder", "thyroid", "skin"):
        assert not is_accent(pixel(image, d, d.anchors[region][0])), region


def test_a_lymph_node_group_lights_alone_and_the_parent_lights_all():
    d = draw("front", ["lymph_nodes.neck"], height=600)
    image = raster(d)
    assert all(is_accent(pixel(image, d, p)) for p in d.anchors["lymph_nodes.neck"])
    for group in ("lymph_nodes.armpit", "lymph_nodes.groin", "lymph_nodes.collarbone"):
        assert not is_accent(pixel(image, d, d.anchors[group][0])), group
    d = draw("front", ["lymph_nodes"], height=600)
    image = raster(d)
    for group in FRONT[-4:]:
        assert all(is_accent(pixel(image, d, p)) for p in d.anchors[group]), group


def test_a_highlighted_organ_is_drawn_above_the_organs_in_front_of_it():
    d = draw("front", ["kidneys", "pancreas"], height=600)
    image = raster(d)
    for region in ("kidneys", "pancreas"):
        assert all(is_accent(pixel(image, d, p)) for p in d.anchors[region]), region


def test_back_view_highlights():
    d = draw("back", ["spine", "kidneys", "lungs"], height=600)
    image = raster(d)
    for region in ("spine", "kidneys", "lungs"):
        assert all(is_accent(pixel(image, d, p)) for p in d.anchors[region]), region
    assert not is_accent(pixel(image, d, d.anchors["brain"][0]))


def test_cmyk_colours_give_a_page_without_rgb_colour():
    cmyk = BodyMapColours(CMYKColor(0, 0.9, 0.1, 0.2), CMYKColor(0.1, 0.05, 0, 0.12),
                          CMYKColor(0.3, 0.15, 0, 0.6), CMYKColor(0, 0, 0, 0.9))
    page = PdfReader(io.BytesIO(to_pdf(draw("front", SPREAD, colours=cmyk)))).pages[0]
    stream = page.get_contents().get_data().decode("latin-1")
    assert re.search(r" k\b", stream) and re.search(r" K\b", stream)
    # the only RGB is reportlab's initial black graphics state, set before anything is drawn
    assert set(re.findall(r"([\d.]+ [\d.]+ [\d.]+) (?:rg|RG)\b", stream)) <= {"0 0 0"}


# ---------------------------------------------------------------- labels
def label_boxes(drawing):
    """Boxes of the real String objects, one per label group."""
    boxes = []
    for group in drawing.contents[1:]:
        strings = [s for s in group.contents if isinstance(s, String)]
        xs, ys = [], []
        for s in strings:
            w = stringWidth(s.text, s.fontName, s.fontSize)
            x0 = s.x - w if s.textAnchor == "end" else s.x
            ascent, descent = getAscentDescent(s.fontName, s.fontSize)
            xs += [x0, x0 + w]
            ys += [s.y + descent, s.y + ascent]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_labels_are_extractable_text_with_custom_wording():
    labels = {"lymph_nodes": "Lymph glands", "liver": "Liver"}
    pdf = to_pdf(draw("front", SPREAD, labels=labels))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for word in ("Lymph glands", "Bones", "Liver", "Lungs", "Brain"):
        assert word in text
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    assert not any("Helvetica" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


SIZES = {"A4 column": (480, 360, 10), "A5": (330, 240, 8.5), "large print": (480, 520, 16),
         "quick guide": (250, 190, 7.5), "narrow": (180, 300, 9)}


@pytest.mark.parametrize("highlight", [SPREAD, list(FRONT)], ids=["spread", "everything"])
@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_drawing_fits_and_labels_do_not_overlap(size, highlight):
    width, height, font_size = size
    d = draw("front", highlight, width, height, font_size)
    assert d.width <= width + 1e-6 and d.height <= height + 1e-6
    x0, y0, x1, y1 = d.getBounds()
    assert x0 >= -1e-6 and y0 >= -1e-6 and x1 <= d.width + 1e-6 and y1 <= d.height + 1e-6
    boxes = label_boxes(d)
    assert len(boxes) == len(dict.fromkeys(highlight))
    for a, b in combinations(boxes, 2):
        assert not overlap(a, b), (a, b)
    bx0, _, bx1, _ = d.contents[0].getBounds()
    for box in boxes:
        assert box[2] <= bx0 or box[0] >= bx1, box  # in a column beside the body, not on it


def test_labels_sit_level_with_their_regions_when_there_is_room():
    d = draw("front", ["brain", "bladder"], 480, 400, 10)
    for region, (_, y0, _, y1) in d.label_boxes.items():
        assert y0 - 6 <= d.leaders[region][1] <= y1 + 6, region


def test_a_label_on_a_side_points_to_that_side_of_a_paired_region():
    d = draw("front", ["kidneys", "lungs", "brain", "liver"])
    centre = d.contents[0].getBounds()
    centre = (centre[0] + centre[2]) / 2
    for region, (x0, _, x1, _) in d.label_boxes.items():
        if len(d.anchors[region]) == 2:
            assert (d.leaders[region][0] < centre) == (x1 < centre), region


# ---------------------------------------------------------------- speed and previews
def test_the_art_is_parsed_once_per_process_not_once_per_drawing():
    # Speed itself is measured by bench/run.py; here, that drawings reuse the parsed art.
    from leafletgen.layout import bodymap

    draw("front", SPREAD)
    parsed = bodymap._art.cache_info().misses
    for size in (240, 250, 260):
        draw("front", SPREAD, 330, size, 8.5)
    assert bodymap._art.cache_info().misses == parsed


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_preview_writes_png_or_pdf(tmp_path, suffix, magic):
    out = tmp_path / f"preview{suffix}"
    preview("front", ["liver"], out, labels={"liver": "The liver"})
    assert out.read_bytes().startswith(magic)
    again = tmp_path / f"again{suffix}"
    preview("front", ["liver"], again, labels={"liver": "The liver"})
    assert again.read_bytes() == out.read_bytes()  # reproducible, like every PDF we write
