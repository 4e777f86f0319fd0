"""Staff accounts: login lockouts per account and address, growing; the optional second factor."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from blog.models import SiteSettings
from epw.roles import EDITOR_IN_CHIEF, WRITER
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-solide"
HOME = "192.0.2.10"
ELSEWHERE = "198.51.100.20"
START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
ENROLMENT = "/admin/double-authentification/"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def log_in(client, username, password=PASSWORD, *, address=HOME, code=None):
    data = {"username": username, "password": password, "next": "/admin/"}
    if code is not None:
        data["otp_token"] = code
    return client.post("/admin/login/", data, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, *, address=HOME):
    return [log_in(client, username, "pas-le-bon", address=address) for _ in range(times)]


def current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)


# Lockouts -------------------------------------------------------------------------------------


def test_the_login_form_keeps_its_fields_and_asks_for_a_code(client):
    page = client.get("/admin/login/").content.decode()
    assert 'id="id_username"' in page and 'id="id_password"' in page
    assert "Code de vérification" in page and 'autocomplete="one-time-code"' in page


def test_five_wrong_passwords_lock_the_account_from_that_address_then_it_opens_again(client, clock):
    user = StaffUserFactory()
    responses = fail(client, user.username, 5)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]

    clock.shift(timedelta(minutes=1))
    refused = log_in(client, user.username)
    assert refused.status_code == 429 and not logged_in(client)
    page = refused.content.decode()
    assert "Trop de tentatives de connexion" in page
    assert "Réessayez à 09:15, dans 14 minutes." in page
    assert refused["Retry-After"] == str(14 * 60)

    clock.shift(timedelta(minutes=13))
    assert log_in(client, user.username).status_code == 429 and not logged_in(client)

    clock.shift(timedelta(minutes=2))
    response = log_in(client, user.username)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert logged_in(client)


def test_each_new_lockout_from_the_same_address_lasts_twice_as_long(client, clock):
    user = StaffUserFactory()
    fail(client, user.username, 5)
    clock.shift(timedelta(minutes=16))
    second = fail(client, user.username, 5)[-1]
    assert second.status_code == 429
    assert "dans 30 minutes" in second.content.decode()

    clock.shift(timedelta(minutes=20))
    assert log_in(client, user.username).status_code == 429
    clock.shift(timedelta(minutes=11))
    assert log_in(client, user.username).status_code == 302 and logged_in(client)


def test_a_lockout_does_not_reach_other_addresses_nor_other_accounts(client, clock):
    target, colleague = StaffUserFactory(), StaffUserFactory()
    fail(client, target.username, 5, address=HOME)

    assert log_in(client, target.username, address=ELSEWHERE).status_code == 302
    client.logout()
    assert log_in(client, colleague.username, address=HOME).status_code == 302
    client.logout()
    assert log_in(client, target.username, address=HOME).status_code == 429


def test_an_address_trying_many_accounts_is_locked_after_twenty_failures(client, clock):
    user = StaffUserFactory()
    for n in range(19):
        assert log_in(client, f"inconnu{n}", "devine", address=HOME).status_code == 200
    assert log_in(client, "inconnu19", "devine", address=HOME).status_code == 429

    assert log_in(client, user.username, address=HOME).status_code == 429
    assert not logged_in(client)
    assert log_in(client, user.username, address=ELSEWHERE).status_code == 302


def test_the_client_address_is_the_one_the_trusted_proxy_saw(client, clock, settings):
    settings.EPW_TRUSTED_PROXIES = 1
    user = StaffUserFactory()
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": user.username, "password": "faux"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=HOME,
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {HOME}
    behind_proxy = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=ELSEWHERE,
    )
    assert behind_proxy.status_code == 302


def test_axes_reset_lifts_every_lockout(client, clock):
    user = StaffUserFactory()
    fail(client, user.username, 5)
    call_command("axes_reset", verbosity=0)
    assert log_in(client, user.username).status_code == 302


def test_code_that_logs_in_without_a_request_still_can(client):
    user = StaffUserFactory()
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_a_successful_login_forgets_the_accounts_failures(client, clock):
    user = StaffUserFactory()
    fail(client, user.username, 4)
    assert log_in(client, user.username).status_code == 302
    client.logout()
    assert [r.status_code for r in fail(client, user.username, 4)] == [200] * 4


# Second factor at login -----------------------------------------------------------------------


def test_a_staff_member_with_a_device_cannot_log_in_with_the_password_alone(client, clock):
    user = StaffUserFactory()
    device = confirmed_device(user)

    response = log_in(client, user.username)
    assert response.status_code == 200 and not logged_in(client)
    assert "protégé par la double authentification" in response.content.decode()

    response = log_in(client, user.username, code="000000")
    assert response.status_code == 200 and not logged_in(client)
    assert "Code de vérification incorrect ou expiré." in response.content.decode()
    attempt = AccessAttempt.objects.get(username=user.username)
    assert attempt.failures_since_start == 1 and "000000" not in attempt.post_data

    clock.shift(timedelta(seconds=30))
    response = log_in(client, user.username, code=current_code(device))
    assert response.status_code == 302 and logged_in(client)
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_toward_the_lockout(client, clock):
    user = StaffUserFactory()
    device = confirmed_device(user)
    codes = [log_in(client, user.username, code="123456") for _ in range(5)]
    assert codes[-1].status_code == 429
    clock.shift(timedelta(minutes=1))
    assert log_in(client, user.username, code=current_code(device)).status_code == 429


def test_a_session_opened_without_the_code_must_log_in_again(client):
    user = StaffUserFactory()
    confirmed_device(user)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_without_a_device_log_in_with_their_password(client):
    user = StaffUserFactory(role=WRITER)
    assert log_in(client, user.username).status_code == 302
    assert client.get("/admin/").status_code == 200


# Enrolment ------------------------------------------------------------------------------------


def test_the_user_menu_leads_to_the_second_factor_page(client):
    client.force_login(StaffUserFactory())
    assert f'href="{ENROLMENT}"' in client.get("/admin/").content.decode()


def test_enrolling_an_authenticator_app(client, clock):
    user = StaffUserFactory()
    client.force_login(user)
    page = client.get(ENROLMENT).content.decode()
    assert "Aucun appareil" in page

    assert client.post(ENROLMENT, {"action": "start"}).status_code == 302
    pending = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.get(ENROLMENT).content.decode()
    assert "otpauth://totp/" in page and re.search(r'__qr"[^>]*>\s*<svg', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script

    wrong = client.post(ENROLMENT, {"action": "confirm", "name": "Téléphone", "token": "000000"})
    assert wrong.status_code == 200 and "Ce code ne correspond pas" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    clock.shift(timedelta(seconds=30))
    confirm = {"action": "confirm", "name": "Téléphone de Claire", "token": current_code(pending)}
    assert client.post(ENROLMENT, confirm).status_code == 302
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert device.name == "Téléphone de Claire"
    assert client.get("/admin/").status_code == 200  # the code just given verified this session

    client.logout()
    assert log_in(client, user.username).status_code == 200 and not logged_in(client)
    clock.shift(timedelta(seconds=30))
    assert log_in(client, user.username, code=current_code(device)).status_code == 302


def test_removing_a_device(client, clock):
    user = StaffUserFactory()
    device = confirmed_device(user)
    log_in(client, user.username, code=current_code(device))
    response = client.post(ENROLMENT, {"action": "remove", "device": device.pk}, follow=True)
    assert "L’appareil « Téléphone » est retiré." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_nobody_removes_someone_elses_device(client):
    client.force_login(StaffUserFactory())
    other = confirmed_device(StaffUserFactory())
    assert client.post(ENROLMENT, {"action": "remove", "device": other.pk}).status_code == 404
    assert client.post(ENROLMENT, {"action": "remove", "device": "1 OR 1"}).status_code == 404
    assert TOTPDevice.objects.filter(pk=other.pk).exists()


# Required second factor -----------------------------------------------------------------------


def require_second_factor():
    SiteSettings.objects.update_or_create(pk=1, defaults={"require_second_factor": True})


def test_when_required_staff_without_a_device_go_to_enrolment_first(client, clock):
    require_second_factor()
    user = StaffUserFactory(role=WRITER)
    response = log_in(client, user.username)
    assert response.status_code == 302 and logged_in(client)
    for url in ("/admin/", "/admin/blog/article/", "/admin/password_change/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == ENROLMENT
    page = client.get(ENROLMENT).content.decode()
    assert "La rédaction en chef demande à chaque membre de la rédaction" in page

    client.post(ENROLMENT, {"action": "start"})
    pending = TOTPDevice.objects.get(user=user)
    clock.shift(timedelta(seconds=30))
    client.post(ENROLMENT, {"action": "confirm", "name": "Tél.", "token": current_code(pending)})
    assert client.get("/admin/").status_code == 200


def test_when_required_the_last_device_cannot_be_removed(client, clock):
    require_second_factor()
    user = StaffUserFactory()
    device = confirmed_device(user)
    log_in(client, user.username, code=current_code(device))
    response = client.post(ENROLMENT, {"action": "remove", "device": device.pk}, follow=True)
    assert "ajoutez un autre appareil avant de retirer le dernier" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_the_editor_in_chief_requires_it_from_the_site_settings(client):
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    client.force_login(chief)
    SiteSettings.objects.get_or_create(pk=1)
    url = "/admin/blog/sitesettings/1/change/"
    assert "id_require_second_factor" in client.get(url).content.decode()
    assert client.post(url, {"require_second_factor": "on"}).status_code == 302
    assert SiteSettings.objects.get().require_second_factor
    assert client.get("/admin/")["Location"] == ENROLMENT
