from unittest import mock

from django.db import DatabaseError


def test_healthy_site_answers_200(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_database_answers_503(client, db):
    with mock.patch("epw.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_broken_cache_answers_503(client, db):
    with mock.patch("epw.views.cache.set", side_effect=ConnectionError("no redis")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error"}


def test_only_reads_are_allowed(client, db):
    assert client.post("/healthz").status_code == 405
