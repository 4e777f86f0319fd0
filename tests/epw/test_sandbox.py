"""epw.core.sandbox: a function on untrusted bytes runs in a child with limits."""

import os
import time

import pytest

from epw.core import sandbox

LIMITS = sandbox.Limits(memory_bytes=128 * 1024 * 1024, cpu_seconds=2, wall_seconds=10)
HERE = __name__


# Functions the child runs.
def shout(data: bytes, *, times: int) -> str:
    return data.decode().upper() * times


def refuse(data: bytes) -> None:
    raise sandbox.Refused("too_long", length=len(data))


def allocate(data: bytes) -> int:
    return len(bytearray(512 * 1024 * 1024))


def spin(data: bytes) -> None:
    while True:
        pass


def sleep(data: bytes) -> None:
    time.sleep(60)


def environment(data: bytes) -> list[str]:
    return sorted(os.environ)


def crash(data: bytes) -> None:
    raise RuntimeError("bug")


def test_the_value_comes_back():
    assert sandbox.run(f"{HERE}:shout", b"abc", kwargs={"times": 2}, limits=LIMITS) == "ABCABC"


def test_a_refusal_comes_back_with_its_code_and_params():
    with pytest.raises(sandbox.Refused) as refusal:
        sandbox.run(f"{HERE}:refuse", b"12345", kwargs={}, limits=LIMITS)
    assert (refusal.value.code, refusal.value.params) == ("too_long", {"length": 5})


@pytest.mark.parametrize("function", ["allocate", "spin", "sleep"])
def test_memory_cpu_and_wall_clock_are_bounded(function):
    limits = sandbox.Limits(memory_bytes=128 * 1024 * 1024, cpu_seconds=1, wall_seconds=4)
    started = time.monotonic()
    with pytest.raises(sandbox.TooCostly):
        sandbox.run(f"{HERE}:{function}", b"", kwargs={}, limits=limits)
    assert time.monotonic() - started < 8


def test_a_crash_is_a_failure_not_a_refusal(caplog):
    with pytest.raises(sandbox.Failed):
        sandbox.run(f"{HERE}:crash", b"", kwargs={}, limits=LIMITS)
    assert "RuntimeError: bug" in caplog.text


def test_the_child_inherits_no_secret(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "ne-sort-pas")
    names = sandbox.run(f"{HERE}:environment", b"", kwargs={}, limits=LIMITS)
    assert "DJANGO_SECRET_KEY" not in names
    assert "PYTHONPATH" in names
