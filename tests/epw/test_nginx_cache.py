"""The README's nginx configuration, run in front of a live test server: a second anonymous
request is served by nginx, and a conditional one gets a 304. Needs Debian's `nginx`."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)
README = Path(__file__).resolve().parents[2] / "README.md"


def readme_configuration() -> str:
    return re.search(r"```nginx\n(.*?)```", README.read_text(), re.DOTALL).group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    settings.EPW_PAGE_CACHE_ENABLED = True
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        # CI installs nginx (.ci/run) and sets EPW_REQUIRE_BROWSER: there, this test always runs.
        if os.environ.get("EPW_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx not found but EPW_REQUIRE_BROWSER=1")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    port = free_port()
    upstream = urlsplit(live_server.url).netloc
    server = (
        readme_configuration()
        .replace("/var/cache/nginx/epw", str(tmp_path / "cache"))
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("http://127.0.0.1:8000", f"http://{upstream}")
    )
    temp = {name: tmp_path / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    paths = "".join(f"{name}_temp_path {path};\n" for name, path in temp.items())
    (tmp_path / "nginx.conf").write_text(
        f"daemon off;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
        "user root;\nevents {}\n"
        f"http {{\naccess_log off;\n{paths}{server}}}\n"
    )
    process = subprocess.Popen(
        [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)


def get(port: int, path: str, **headers) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "localhost", "Accept-Language": "fr", **headers}  # an allowed host
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_nginx_serves_the_second_anonymous_request_and_answers_304(nginx):
    path = ArticleFactory(title="Servi par nginx").get_absolute_url()
    first = get(nginx, path)
    assert first.status == 200 and "Servi par nginx" in first.body.decode()
    assert first.getheader("X-Cache-Status") == "MISS"
    second = get(nginx, path)
    assert second.getheader("X-Cache-Status") == "HIT"
    assert second.body == first.body
    etag = first.getheader("ETag")
    conditional = get(nginx, path, **{"If-None-Match": etag})
    assert conditional.status == 304 and conditional.body == b""
    since = get(nginx, path, **{"If-Modified-Since": first.getheader("Last-Modified")})
    assert since.status == 304


def test_nginx_passes_staff_and_remembered_commenters_through(nginx):
    path = ArticleFactory().get_absolute_url()
    get(nginx, path)
    for cookie in ("sessionid=abc", "epw_commentateur=xyz"):
        response = get(nginx, path, Cookie=cookie)
        assert response.getheader("X-Cache-Status") == "BYPASS"
