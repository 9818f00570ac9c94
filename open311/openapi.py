"""The OpenAPI 3.0 description of the Open311 GeoReport v2 endpoints, served at /open311/v2/openapi.json
and checked against the implementation by schemathesis in the test suite. JSON paths are described;
each has an XML twin (same path ending in .xml) with the same fields."""

ERRORS = {
    "description": "Errors, as GeoReport v2 lists them",
    "content": {
        "application/json": {
            "schema": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "description"],
                    "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
                },
            }
        }
    },
}

SERVICE = {
    "type": "object",
    "required": ["service_code", "service_name", "metadata", "type"],
    "properties": {
        "service_code": {"type": "string"},
        "service_name": {"type": "string"},
        "description": {"type": "string"},
        "metadata": {"type": "boolean"},
        "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
        "keywords": {"type": "string"},
        "group": {"type": "string"},
    },
}

NULLABLE_STRING = {"type": "string", "nullable": True}
NULLABLE_NUMBER = {"type": "number", "nullable": True}

REQUEST = {
    "type": "object",
    "required": ["service_request_id", "status", "service_code", "requested_datetime"],
    "properties": {
        "service_request_id": {"type": "string"},
        "status": {"type": "string", "enum": ["open", "closed"]},
        "status_notes": {"type": "string"},
        "service_name": {"type": "string"},
        "service_code": {"type": "string"},
        "description": {"type": "string"},
        "agency_responsible": {"type": "string"},
        "service_notice": {"type": "string"},
        "requested_datetime": {"type": "string", "format": "date-time"},
        "updated_datetime": {"type": "string", "format": "date-time"},
        "expected_datetime": {**NULLABLE_STRING, "format": "date-time"},
        "address": {"type": "string"},
        "address_id": {"type": "string"},
        "zipcode": {"type": "string"},
        "lat": NULLABLE_NUMBER,
        "long": NULLABLE_NUMBER,
        "media_url": {"type": "string"},
    },
    "additionalProperties": False,
}

CREATED = {
    "type": "object",
    "required": ["service_request_id", "token"],
    "properties": {
        "service_request_id": {"type": "string"},
        "token": {"type": "string"},
        "service_notice": {"type": "string"},
        "account_id": {"type": "string"},
    },
}

ATTRIBUTE = {
    "type": "object",
    "required": ["variable", "code", "datatype", "required", "order", "description"],
    "properties": {
        "variable": {"type": "boolean"},
        "code": {"type": "string"},
        "datatype": {
            "type": "string",
            "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"],
        },
        "required": {"type": "boolean"},
        "datatype_description": {"type": "string"},
        "order": {"type": "integer"},
        "description": {"type": "string"},
        "values": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "name"],
                "properties": {"key": {"type": "string"}, "name": {"type": "string"}},
            },
        },
    },
}

DISCOVERY = {
    "type": "object",
    "required": ["changeset", "contact", "endpoints"],
    "properties": {
        "changeset": {"type": "string", "format": "date-time"},
        "contact": {"type": "string"},
        "key_service": {"type": "string"},
        "endpoints": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["specification", "url", "changeset", "type", "formats"],
                "properties": {
                    "specification": {"type": "string"},
                    "url": {"type": "string"},
                    "changeset": {"type": "string", "format": "date-time"},
                    "type": {"type": "string", "enum": ["production", "test"]},
                    "formats": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}

JURISDICTION = {"name": "jurisdiction_id", "in": "query", "required": False, "schema": {"type": "string"}}


def _ok(schema: dict, description: str = "OK", status: str = "200") -> dict:
    return {status: {"description": description, "content": {"application/json": {"schema": schema}}}}


def spec() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Ville de Prévost — Open311 GeoReport v2",
            "version": "2",
            "description": "Service requests of the Ville de Prévost. Every path has an XML twin ending in .xml. "
            "GET answers carry no personal information. POST needs an api_key issued by the city.",
        },
        "servers": [{"url": "/open311/v2"}],
        "paths": {
            "/discovery.json": {
                "get": {
                    "operationId": "discovery",
                    "description": "Service discovery: the GeoReport v2 endpoint, its formats and whom to ask for a key. "
                    "Also served at /open311/discovery.json.",
                    "responses": _ok(DISCOVERY),
                }
            },
            "/services.json": {
                "get": {
                    "operationId": "listServices",
                    "parameters": [JURISDICTION],
                    "responses": {**_ok({"type": "array", "items": SERVICE}), "400": ERRORS, "404": ERRORS},
                }
            },
            "/services/{service_code}.json": {
                "get": {
                    "operationId": "serviceDefinition",
                    "parameters": [
                        {"name": "service_code", "in": "path", "required": True, "schema": {"type": "string"}},
                        JURISDICTION,
                    ],
                    "responses": {
                        **_ok(
                            {
                                "type": "object",
                                "required": ["service_code", "attributes"],
                                "properties": {
                                    "service_code": {"type": "string"},
                                    "attributes": {"type": "array", "items": ATTRIBUTE},
                                },
                            }
                        ),
                        "400": ERRORS,
                        "404": ERRORS,
                    },
                }
            },
            "/requests.json": {
                "get": {
                    "operationId": "searchRequests",
                    "parameters": [
                        {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
                        for name in ("service_request_id", "service_code")
                    ]
                    + [
                        {
                            "name": name,
                            "in": "query",
                            "required": False,
                            "description": "ISO 8601; start_date and end_date may not span more than 90 days",
                            "schema": {"type": "string", "format": "date-time"},
                        }
                        for name in ("start_date", "end_date")
                    ]
                    + [
                        {
                            "name": "status",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["open", "closed", "open,closed"]},
                        },
                        JURISDICTION,
                    ],
                    "responses": {**_ok({"type": "array", "items": REQUEST}), "400": ERRORS, "404": ERRORS},
                },
                "post": {
                    "operationId": "createRequest",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "required": ["api_key", "service_code"],
                                    "properties": {
                                        name: {"type": "string"}
                                        for name in (
                                            "attribute[taille]",
                                            "api_key",
                                            "jurisdiction_id",
                                            "service_code",
                                            "lat",
                                            "long",
                                            "address_string",
                                            "address_id",
                                            "email",
                                            "device_id",
                                            "account_id",
                                            "first_name",
                                            "last_name",
                                            "phone",
                                            "description",
                                            "media_url",
                                        )
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        **_ok({"type": "array", "items": CREATED}, "Created", "201"),
                        "400": ERRORS,
                        "403": ERRORS,
                        "404": ERRORS,
                        "429": ERRORS,
                    },
                },
            },
            "/requests/{service_request_id}.json": {
                "get": {
                    "operationId": "getRequest",
                    "parameters": [
                        {"name": "service_request_id", "in": "path", "required": True, "schema": {"type": "string"}},
                        JURISDICTION,
                    ],
                    "responses": {**_ok({"type": "array", "items": REQUEST}), "400": ERRORS, "404": ERRORS},
                }
            },
            "/tokens/{token}.json": {
                "get": {
                    "operationId": "getToken",
                    "parameters": [
                        {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}},
                        JURISDICTION,
                    ],
                    "responses": {
                        **_ok(
                            {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["service_request_id", "token"],
                                    "properties": {
                                        "service_request_id": {"type": "string"},
                                        "token": {"type": "string"},
                                    },
                                },
                            }
                        ),
                        "400": ERRORS,
                        "404": ERRORS,
                    },
                }
            },
        },
    }
