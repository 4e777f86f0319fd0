"""Run a function on untrusted bytes in a child process with memory, CPU and time limits.

    limits = sandbox.Limits(memory_bytes=256 * 2**20, cpu_seconds=5, wall_seconds=15)
    value = sandbox.run("package.module:function", data, kwargs={"kind": "odt"}, limits=limits)

Parsers of complex formats can be made to use gigabytes or minutes: a web worker never runs
them itself. The child is a fresh interpreter (`python -m epw.core.sandbox`), not a fork of the
worker, so it shares none of its memory, threads, connections or environment. It sets its own
limits before it imports anything of the caller's: out of address space it gets a MemoryError,
out of CPU time the kernel stops it (SIGXCPU, then SIGKILL), and the parent kills it at the
wall-clock deadline. The bytes go in on stdin; the function's value (JSON), or the code of the
`Refused` it raised, comes back on stdout.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)
EXIT_OUT_OF_MEMORY = 3
KILLED = {-signal.SIGXCPU, -signal.SIGKILL}


@dataclass(frozen=True)
class Limits:
    memory_bytes: int
    cpu_seconds: int
    wall_seconds: int


class Refused(Exception):
    """Raised by a sandboxed function to refuse its input; `code` and `params` reach the caller."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class TooCostly(Exception):
    """The child ran out of memory, CPU time or wall-clock time."""


class Failed(Exception):
    """The child failed otherwise (a bug, a crash); its error output is logged."""


def run(target: str, data: bytes, *, kwargs: dict[str, Any], limits: Limits) -> Any:
    """Call `target` ("module:function") as function(data, **kwargs) in a limited child."""
    options = {
        "kwargs": kwargs,
        "memory_bytes": limits.memory_bytes,
        "cpu_seconds": limits.cpu_seconds,
    }
    command = [sys.executable, "-m", __name__, target, json.dumps(options)]
    # The child finds what the parent finds, and inherits nothing else (no secrets).
    environment = {"PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
    try:
        child = subprocess.run(
            command,
            input=data,
            capture_output=True,
            timeout=limits.wall_seconds,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TooCostly(target) from None
    if child.returncode == EXIT_OUT_OF_MEMORY or child.returncode in KILLED:
        raise TooCostly(target)
    if child.returncode != 0:
        logger.error("%s failed (%s): %s", target, child.returncode, child.stderr[-2000:])
        raise Failed(target)
    reply = json.loads(child.stdout)
    if "refused" in reply:
        raise Refused(reply["refused"], **reply["params"])
    return reply["value"]


def main(argv: list[str]) -> None:
    """The child: limit itself, then call the function on stdin and answer on stdout."""
    target, options = argv[0], json.loads(argv[1])
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    memory = options["memory_bytes"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = options["cpu_seconds"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        module, name = target.split(":")
        function = getattr(importlib.import_module(module), name)
        try:
            reply = {"value": function(sys.stdin.buffer.read(), **options["kwargs"])}
        except Refused as refusal:
            reply = {"refused": refusal.code, "params": refusal.params}
        sys.stdout.buffer.write(json.dumps(reply, ensure_ascii=False).encode())
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)


if __name__ == "__main__":
    # Through its import name, so that `Refused` is the class the function raises.
    from epw.core.sandbox import main as child_main

    child_main(sys.argv[1:])
