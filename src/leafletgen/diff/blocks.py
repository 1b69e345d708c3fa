"""What a block says, for comparing: its reader-visible strings and its figure, without spans."""

from __future__ import annotations

from collections.abc import Hashable

from leafletgen import model

KIND_NAMES = {
    model.Paragraph: "paragraph", model.BulletList: "list", model.Steps: "steps",
    model.Note: "note", model.BodyMap: "body map", model.Image: "image",
}
Figure = model.BodyMap | model.Image


def kind(block: model.Block) -> str:
    return KIND_NAMES[type(block)]


def block_texts(block: model.Block) -> tuple[str, ...]:
    """The strings a reader sees in a block, in order: one per list item or step."""
    if isinstance(block, (model.Paragraph, model.Note)):
        return (block.text,)
    if isinstance(block, (model.BulletList, model.Steps)):
        return block.items
    return (block.caption,) if block.caption else ()


def figure_key(figure: Figure | None) -> Hashable:
    if isinstance(figure, model.BodyMap):
        return ("bodymap", figure.view, figure.highlight, tuple(sorted(figure.labels.items())),
                figure.alt, figure.caption)
    if isinstance(figure, model.Image):
        return ("image", figure.file, figure.alt, figure.caption)
    return None


def block_key(block: model.Block) -> Hashable:
    """Equal for blocks that read and look the same, wherever they are in their files."""
    figure = block if isinstance(block, (model.BodyMap, model.Image)) else None
    return (kind(block), block_texts(block), figure_key(figure))


def block_text(block: model.Block) -> str:
    """All of a block's words, for judging how alike two blocks are."""
    words = " ".join(block_texts(block))
    if isinstance(block, model.BodyMap):
        words += " " + " ".join(block.highlight) + " " + block.alt
    elif isinstance(block, model.Image):
        words += f" {block.file} {block.alt}"
    return words.strip()
