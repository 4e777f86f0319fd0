"""Importing subscribers from a CSV file: separators, dates, provenance, the report."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from newsletter.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def upload(client):
    client.force_login(User.objects.create_superuser("redaction", "redaction@example.org", "x"))

    def post(content: str | bytes, source: str = "Salon 2025"):
        data = content if isinstance(content, bytes) else content.encode()
        response = client.post(
            "/admin/newsletter/subscriber/import/",
            {"file": SimpleUploadedFile("abonnes.csv", data), "source": source},
            follow=True,
        )
        assert response.status_code == 200
        return response.content.decode()

    return post


def refused(body: str) -> list[str]:
    return [row.split("</tr>")[0] for row in body.split('class="invalid-row"')[1:]]


def consented(email: str) -> datetime:
    return Subscriber.objects.get(email=email).consented_at.astimezone(PARIS)


def test_an_impossible_date_is_a_refused_row_not_an_error(upload):
    body = upload("email,consented_at\nfevrier@example.org,2024-02-30T10:00:00\nok@example.org,\n")
    [row] = refused(body)
    assert "fevrier@example.org" in row
    assert "date de consentement impossible : « 2024-02-30T10:00:00 » n’existe pas" in row
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["ok@example.org"]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(upload, separator):
    lines = [
        "email;consented_at;source",
        "un@example.org;2025-01-02 10:00;Salon",
        "deux@example.org;;",
    ]
    body = upload("\n".join(line.replace(";", separator) for line in lines) + "\n")
    assert refused(body) == []
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "un@example.org",
        "deux@example.org",
    }
    assert consented("un@example.org") == datetime(2025, 1, 2, 10, 0, tzinfo=PARIS)


def test_french_and_iso_dates_are_read_and_unreadable_ones_refused(upload):
    body = upload(
        "email;consented_at\n"
        "jour@example.org;31/12/2024\n"
        "heure@example.org;31/12/2024 10:00\n"
        "secondes@example.org;5/1/2024 08:30:15\n"
        "iso@example.org;2024-12-31\n"
        "illisible@example.org;le 3 mars\n"
        "inverse@example.org;12/31/2024\n"
        "futur@example.org;31/12/2999\n"
    )
    assert consented("jour@example.org") == datetime(2024, 12, 31, tzinfo=PARIS)
    assert consented("heure@example.org") == datetime(2024, 12, 31, 10, 0, tzinfo=PARIS)
    assert consented("secondes@example.org") == datetime(2024, 1, 5, 8, 30, 15, tzinfo=PARIS)
    assert consented("iso@example.org") == datetime(2024, 12, 31, tzinfo=PARIS)
    rows = refused(body)
    assert len(rows) == 3
    assert "illisible@example.org" in rows[0] and "date de consentement illisible" in rows[0]
    assert "inverse@example.org" in rows[1] and "n’existe pas" in rows[1]
    assert "futur@example.org" in rows[2] and "date de consentement à venir" in rows[2]
    assert not Subscriber.objects.filter(
        email__in=["illisible@example.org", "inverse@example.org", "futur@example.org"]
    ).exists()


def test_the_source_column_is_the_provenance_of_its_row(upload):
    upload(
        "email,source\n"
        "salon@example.org,Salon du livre\n"
        'sale@example.org,"Atelier\x07\r\nde mars   2025"\n'
        f"long@example.org,{'x' * 80}\n"
        "vide@example.org,\n",
        source="Liste papier",
    )
    salon = Subscriber.objects.get(email="salon@example.org")
    assert salon.source == "Salon du livre"
    assert salon.consent_text == "Consentement recueilli hors du site : Salon du livre"
    assert Subscriber.objects.get(email="sale@example.org").source == "Atelier de mars 2025"
    assert Subscriber.objects.get(email="long@example.org").source == "x" * 50
    assert Subscriber.objects.get(email="vide@example.org").source == "Liste papier"


def test_a_windows_1252_file_keeps_its_accents(upload):
    upload("email;source\nfete@example.org;Fête de la ville\n".encode("cp1252"))
    assert Subscriber.objects.get().source == "Fête de la ville"


def test_the_report_counts_each_thing_in_good_french(upload):
    SubscriberFactory(email="deja@example.org")
    body = upload("email\nun@example.org\ndeja@example.org\npas-une-adresse\n")
    assert "1 abonné ajouté, 1 doublon fusionné, 1 ligne refusée." in body
    body = upload(
        "email\ndeux@example.org\ntrois@example.org\nun@example.org\nUN@example.org\nx\ny\n"
    )
    assert "2 abonnés ajoutés, 2 doublons fusionnés, 2 lignes refusées." in body
