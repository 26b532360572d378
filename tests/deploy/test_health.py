"""The health check the reverse proxy and monitoring poll (docs/deploy.md)."""

import pytest


@pytest.mark.django_db
def test_the_health_check_answers_ok_uncached_for_anyone(client):
    response = client.get("/health/")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Type"] == "text/plain; charset=utf-8"
