"""JSON for the Elasticsearch client through orjson: the bulk bodies (each document's whole text, folded and
not) and the search answers (hundreds of kilobytes at a time) are encoded and parsed several times faster than
by the standard library, which the client uses unless told otherwise."""
from __future__ import annotations

from typing import Any

import orjson
from elasticsearch.serializer import (
    CompatibilityModeJsonSerializer,
    CompatibilityModeNdjsonSerializer,
    JsonSerializer,
    NdjsonSerializer,
)


class _Orjson:
    """orjson's encoding and decoding; ``default`` (dates, decimals, dsl objects) stays the client's."""

    def json_dumps(self, data: Any) -> bytes:
        return orjson.dumps(data, default=self.default)  # type: ignore[attr-defined]  # the serializer's

    def json_loads(self, data: bytes) -> Any:
        return orjson.loads(data)


class OrjsonJson(_Orjson, JsonSerializer):
    pass


class OrjsonCompatibleJson(_Orjson, CompatibilityModeJsonSerializer):
    pass


class OrjsonNdjson(_Orjson, NdjsonSerializer):
    pass


class OrjsonCompatibleNdjson(_Orjson, CompatibilityModeNdjsonSerializer):
    pass


def serializers() -> dict[str, JsonSerializer]:
    """The client's ``serializers`` argument: every JSON media type it speaks, through orjson."""
    return {cls.mimetype: cls() for cls in (OrjsonJson, OrjsonCompatibleJson, OrjsonNdjson, OrjsonCompatibleNdjson)}
