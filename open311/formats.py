"""The XML form of every answer (GeoReport v2 names each item of a list)."""

import xml.etree.ElementTree as ET

# --- formats ---------------------------------------------------------------------------------------


# The element of each item of a list, by the list's name (GeoReport v2's XML).
_ITEM_OF = {"attributes": "attribute", "values": "value", "endpoints": "endpoint", "formats": "format"}


def _fill(node, value) -> None:
    if isinstance(value, dict):
        for field, sub_value in value.items():
            _fill(ET.SubElement(node, field), sub_value)
    elif isinstance(value, list):
        for entry in value:
            _fill(ET.SubElement(node, _ITEM_OF.get(node.tag, "item")), entry)
    else:
        node.text = _text(value)


def to_xml(root: str, item: str | None, payload) -> bytes:
    element = ET.Element(root)
    for entry in payload if isinstance(payload, list) else [payload]:
        _fill(ET.SubElement(element, item) if item else element, entry)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
