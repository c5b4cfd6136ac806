"""Schemathesis against the published OpenAPI schema (issue #5; security.md §6 #11):
every operation, with a token of every role, for a bounded number of generated
requests. No 5xx, no response outside the schema, the right content type."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from django.core.serializers.json import DjangoJSONEncoder
from django.core.wsgi import get_wsgi_application


def _schema():
    from drf_spectacular.generators import SchemaGenerator

    raw = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=DjangoJSONEncoder))
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = get_wsgi_application()
    return schema


schema = _schema()

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_to_its_schema_for_every_role(case, world):
    for role, token in world["tokens"].items():
        response = case.call(headers={"Authorization": f"Token {token}"})
        case.validate_response(response, checks=CHECKS)
        assert "Traceback" not in response.text, role
