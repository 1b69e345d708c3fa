"""A JSON Schema (draft 2020-12) of the leaflet format, generated from the model.

The fields and their types come from the model's dataclasses; which top-level fields are
required from the loader's REQUIRED and OPTIONAL; a nested field is required when its
dataclass field has no default. Block kinds come from the loader's BLOCK_KINDS, body-map
views and regions from the body-map art. Editors (yaml-language-server) use it for
completion and to flag mistakes as the author types; the loader stays the authority.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

from leafletgen import model

DRAFT = "https://json-schema.org/draft/2020-12/schema"
INTERNAL = {"span", "source", "assets_dir", "field_spans", "path"}  # not written by authors
BLOCK_MODELS = {"list": model.BulletList, "steps": model.Steps, "note": model.Note,
                "bodymap": model.BodyMap, "image": model.Image}
# Values with a pattern of their own, by field name.
VERSION = {"type": "string", "pattern": r"^[0-9]{1,6}\.[0-9]{1,6}$",
           "description": 'MAJOR.MINOR in quotes, like "1.0"'}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "description": "a date as YEAR-MONTH-DAY, no quotes, like 2026-11-24"}
DESCRIPTIONS = {
    "id": "The leaflet's code, unique in the library, like SBC-01",
    "title": "The title patients see at the top of page 1",
    "series": "The group of leaflets this one belongs to",
    "order": "Position within the series (a whole number)",
    "published": "When this version was published",
    "review": "When the leaflet is next due for review (after published)",
    "owner": "Who is responsible for the content",
    "language": "A language tag such as en, en-GB or cy",
    "translation_of": "A translation: the id of the leaflet of this library it translates "
                      "(needs source_version)",
    "source_version": "A translation: the version of that leaflet it was translated from, "
                      'like "3.1" (needs translation_of; at most the master\'s version)',
    "summary": "A short lead paragraph under the title",
    "sections": "The main text: a list of sections, at least one",
    "quick_guide": "The one-page quick guide (needed for the quick format)",
    "contacts": "Who patients can contact",
    "further_reading": "Other sources of information",
    "history": "What changed in each version, newest first",
    "body": "A list of blocks: text (a paragraph), list, steps, note, bodymap or image",
    "alt": "What the picture shows, for readers who cannot see it (required)",
    "file": "The picture's path from the library's assets/ folder",
    "highlight": "The body-map regions to highlight",
    "labels": "Your own label text for a region",
}


def leaflet_schema() -> dict[str, Any]:
    from leafletgen.load.blocks import BLOCK_KINDS
    from leafletgen.load.leaflet import (ID_RE, LANGUAGE_RE, MAX_ORDER, MAX_TITLE, OPTIONAL,
                                         REQUIRED)

    missing = set(BLOCK_KINDS) ^ set(BLOCK_MODELS)
    if missing:
        raise RuntimeError(f"schema: block kinds and models differ: {sorted(missing)}")
    defs = {cls.__name__: _object(cls) for cls in (model.Section, model.QuickGuide,
                                                  model.Contact, model.Reading,
                                                  model.HistoryEntry, model.Image)}
    defs["BodyMap"] = _bodymap()
    defs["Block"] = {"oneOf": [_text(1)] + [
        _closed({kind: _block_value(BLOCK_MODELS[kind])}, [kind]) for kind in BLOCK_KINDS]}
    top = _object(model.Leaflet, REQUIRED + OPTIONAL, REQUIRED)
    top["properties"]["id"] = _describe("id", {**_text(2), "pattern": ID_RE.pattern})
    top["properties"]["language"] = _describe("language", {**_text(2), "pattern": LANGUAGE_RE.pattern})
    top["properties"]["translation_of"] = _describe("translation_of",
                                                    {**_text(2), "pattern": ID_RE.pattern})
    top["properties"]["source_version"] = {**VERSION,
                                           "description": DESCRIPTIONS["source_version"]}
    top["dependentRequired"] = {"translation_of": ["source_version"],
                                "source_version": ["translation_of"]}
    # The loader's own limits, so that an editor says so as the author types.
    top["properties"]["title"]["maxLength"] = MAX_TITLE
    top["properties"]["order"].update(minimum=0, maximum=MAX_ORDER)
    defs["QuickGuide"]["properties"]["title"]["maxLength"] = MAX_TITLE
    return {"$schema": DRAFT, "$id": "urn:leafletgen:leaflet-format:1",
            "title": "leafletgen leaflet (format version 1)",
            "description": "One patient-information leaflet; see docs/format.md", **top,
            "$defs": defs}


def _object(cls: type, names: tuple[str, ...] | None = None,
            required: tuple[str, ...] | None = None) -> dict[str, Any]:
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in INTERNAL}
    hints = typing.get_type_hints(cls)
    names = names or tuple(fields)
    if required is None:
        required = tuple(n for n in names if _has_no_default(fields[n]))
    properties = {name: _describe(name, _field(name, hints[name], name in required))
                  for name in names}
    return _closed(properties, list(required))


def _closed(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required,
            "additionalProperties": False}


def _has_no_default(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _describe(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    if name in DESCRIPTIONS and "description" not in schema:
        return {**schema, "description": DESCRIPTIONS[name]}
    return schema


def _text(min_length: int = 0) -> dict[str, Any]:
    return {"type": "string", "minLength": min_length} if min_length else {"type": "string"}


def _field(name: str, hint: Any, required: bool) -> dict[str, Any]:
    """The schema of one field, from its type in the model."""
    if name == "version":
        return VERSION
    if name == "sections":
        return {"type": "array", "items": {"$ref": "#/$defs/Section"}, "minItems": 1}
    if name == "body":
        return {"type": "array", "items": {"$ref": "#/$defs/Block"}, "minItems": 1}
    hint = _without_none(hint)
    origin = typing.get_origin(hint)
    if hint is str:
        return _text(1 if required else 0)
    if hint is int:
        return {"type": "integer"}
    if hint is dt.date:
        return DATE
    if origin is tuple:
        item = typing.get_args(hint)[0]
        items = _text(1) if item is str else {"$ref": f"#/$defs/{item.__name__}"}
        min_items = 1 if item is str and name != "highlight" else 0
        return {"type": "array", "items": items, **({"minItems": 1} if min_items else {})}
    if origin is dict:
        return {"type": "object", "additionalProperties": _text(1)}
    if dataclasses.is_dataclass(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise RuntimeError(f"schema: no JSON type for field {name!r} ({hint!r})")


def _without_none(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _block_value(cls: type) -> dict[str, Any]:
    """A block with one field (list, steps, note) is written as that field's value."""
    if cls is model.BodyMap:
        return {"$ref": "#/$defs/BodyMap"}
    own = [f for f in dataclasses.fields(cls) if f.name not in INTERNAL]
    if len(own) == 1:
        return _field(own[0].name, typing.get_type_hints(cls)[own[0].name], True)
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _bodymap() -> dict[str, Any]:
    """BodyMap's fields, with the regions each view has."""
    from leafletgen.bodyart import VIEWS, regions

    schema = _object(model.BodyMap)
    schema["properties"]["view"] = {"enum": list(VIEWS), "description": "front or back"}
    schema["allOf"] = [{
        "if": {"properties": {"view": {"const": view}}, "required": ["view"]},
        "then": {"properties": {
            "highlight": {"items": {"enum": list(regions(view))}},
            "labels": {"propertyNames": {"enum": list(regions(view))}},
        }},
    } for view in VIEWS]
    return schema

