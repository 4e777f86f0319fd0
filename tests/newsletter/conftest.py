import time

import pytest
import time_machine


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit work (task enqueues, so e-mails) as the real commit would."""

    def runner(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return runner


@pytest.fixture
def post_signup(client, django_capture_on_commit_callbacks):
    """Sign up as a reader would, `pause` seconds after the previous signup."""
    with time_machine.travel(time.time(), tick=True) as traveller:

        def post(email="lectrice@example.org", *, pause: int = 61, **extra):
            traveller.shift(pause)
            data = {"email": email, "consent": "on", "source": "sidebar", **extra}
            with django_capture_on_commit_callbacks(execute=True):
                return client.post("/lettre/", data, REMOTE_ADDR="203.0.113.5")

        yield post
