"""Session 29: what session 28's review left and blind rounds 312 and on showed, as small trees.

Each case fails on a2755ea, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

_EXECUTOR = """\
import asyncio
import functools

import requests


async def fetch(url):
    return await {call}
"""

_ONCE_RETURN = """\
import argparse
import logging
import time

import requests

log = logging.getLogger(__name__)


def check_feeds():
    for url in ("https://example.com/a.xml", "https://example.com/b.xml"):
        requests.get(url, timeout=10)


def main():
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()
    if args.{flag}:
        {once}
        return
    while True:
        check_feeds()
        time.sleep(300)


if __name__ == "__main__":
    main()
"""

_SENSOR = """\
import logging
import time

logger = logging.getLogger(__name__)


def connected():
    return True


class Publisher:
    def run(self):
        attempts = 0
        while True:
            if not connected():
                attempts += 1
                if attempts > 5:
                    logger.{level}("Too many reconnection attempts")
                    return
                time.sleep(5)
                continue
            attempts = 0
            self.publish()
            time.sleep(1)

    def publish(self):
        logger.info("published")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Publisher().run()
"""

_MKDIRS = """\
import logging
import os
import sys

log = logging.getLogger(__name__)


def main(names):
    for name in names:
        path = os.path.join("/srv/reports", name)
        if os.path.exists(path):
            log.info("%s already there", name)
            {leave}
        os.makedirs(path)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main(sys.argv[1:])
"""

_LOW_LEVEL_DOCKER = """\
import logging

import docker

log = logging.getLogger(__name__)


def main():
    logging.basicConfig(level=logging.INFO)
    client = docker.APIClient(base_url="unix://var/run/docker.sock")
    freed = client.{method}(filters={{"dangling": False}})
    log.info("freed %s", freed)


if __name__ == "__main__":
    main()
"""

_CRYTHON_MAIN = """\
import logging

import crython

log = logging.getLogger(__name__)


@crython.job(expr="@hourly")
def refresh():
    log.info("refreshed")


def main():
    logging.basicConfig(level=logging.INFO)
    {start}


if __name__ == "__main__":
    main()
"""

_CASES: dict[str, Case] = {
    # review of session 28: a partial binding no timeout, run in an executor
    "partial_in_an_executor": (
        {
            "fetch.py": _EXECUTOR.format(
                call="asyncio.get_running_loop().run_in_executor(None, functools.partial(requests.post, url, json={}))"
            )
        },
        [],
        ("http-call-without-timeout", 1),
    ),
    # review of session 28: asyncio.to_thread hands keywords on, and none is a timeout
    "requests_to_thread": (
        {"fetch.py": _EXECUTOR.format(call="asyncio.to_thread(requests.get, url)")},
        [],
        ("http-call-without-timeout", 1),
    ),
    # (trap) to_thread handing a timeout on
    "requests_to_thread_with_timeout": (
        {"fetch.py": _EXECUTOR.format(call="asyncio.to_thread(requests.get, url, timeout=5)")},
        [],
        ("http-call-without-timeout", 0),
    ),
    # (trap) a partial of something else
    "partial_of_another_function": (
        {
            "fetch.py": _EXECUTOR.format(
                call="asyncio.get_running_loop().run_in_executor(None, functools.partial(print, url))"
            )
        },
        [],
        ("http-call-without-timeout", 0),
    ),
    # review of session 28: `if args.once: check(); return` before the loop is the job cron runs
    "once_branch_returning_before_the_loop": (
        {"feeds.py": _ONCE_RETURN.format(flag="once", once="check_feeds()")},
        [("feeds.py", "job", "argparse"), ("feeds.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) a branch that only prints its help and returns runs no round
    "help_branch_returning_before_the_loop": (
        {"feeds.py": _ONCE_RETURN.format(flag="help_only", once="parser.print_help()")},
        [("feeds.py", "worker", "polling-loop")],
        None,
    ),
    # review of session 28: giving up with `return` once failures pass a limit keeps the poller a worker
    "give_up_with_return_keeps_the_worker": (
        {"publish.py": _SENSOR.format(level="error")},
        [("publish.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    # (trap) returning after a note, not an error, is the loop's own end: a job
    "return_after_a_note_is_a_job": (
        {"publish.py": _SENSOR.format(level="info")},
        [("publish.py", "job", "python")],
        None,
    ),
    # review of session 28: `if exists(d): continue` before makedirs makes only what is missing
    "exists_continue_before_makedirs": (
        {"report.py": _MKDIRS.format(leave="continue")},
        [("report.py", "job", "python")],
        ("non-idempotent-mkdir", 0),
    ),
    # (trap) a check that only notes and goes on protects nothing
    "exists_note_before_makedirs": (
        {"report.py": _MKDIRS.format(leave="pass")},
        [("report.py", "job", "python")],
        ("non-idempotent-mkdir", 1),
    ),
    # review of session 28: the Docker SDK's low-level client prunes as the high-level one does
    "docker_api_client_prune_images": (
        {"clean.py": _LOW_LEVEL_DOCKER.format(method="prune_images")},
        [("clean.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    # (trap) listing images deletes nothing
    "docker_api_client_lists_images": (
        {"clean.py": _LOW_LEVEL_DOCKER.format(method="images")},
        [("clean.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # review of session 28: crython started in the `main()` the block calls
    "crython_started_in_main": (
        {"cron.py": _CRYTHON_MAIN.format(start="crython.start()\n    crython.join()")},
        [("cron.py", "job", "crython")],
        None,
    ),
    # (trap) a main() that only runs the job once is a plain script
    "crython_job_called_once_in_main": (
        {"cron.py": _CRYTHON_MAIN.format(start="refresh()")},
        [("cron.py", "job", "python")],
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
