"""The second session-18 review (of 70bfbb9..bc96b96): its reproductions.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and a rule's
status or count where it matters. Every case fails on bc96b96.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # Django commands named for a probe (`check_health`, `liveness_probe`, `db_healthcheck`) are no jobs
    "probe_command": (
        {
            "app/__init__.py": "",
            "app/management/__init__.py": "",
            "app/management/commands/__init__.py": "",
            "app/management/commands/check_health.py": '"""The container\'s probe: exits non-zero when the database does not answer."""\nfrom django.core.management.base import BaseCommand, CommandError\nfrom django.db import connection\n\n\nclass Command(BaseCommand):\n    help = "Probe: checks the database connection"\n\n    def handle(self, *args, **options):\n        try:\n            connection.ensure_connection()\n        except Exception as exc:\n            raise CommandError(f"database unreachable: {exc}")\n        self.stdout.write("ok")\n',
            "app/management/commands/db_healthcheck.py": '"""The container\'s probe: exits non-zero when the database does not answer."""\nfrom django.core.management.base import BaseCommand, CommandError\nfrom django.db import connection\n\n\nclass Command(BaseCommand):\n    help = "Probe: checks the database connection"\n\n    def handle(self, *args, **options):\n        try:\n            connection.ensure_connection()\n        except Exception as exc:\n            raise CommandError(f"database unreachable: {exc}")\n        self.stdout.write("ok")\n',
            "app/management/commands/liveness_probe.py": '"""The container\'s probe: exits non-zero when the database does not answer."""\nfrom django.core.management.base import BaseCommand, CommandError\nfrom django.db import connection\n\n\nclass Command(BaseCommand):\n    help = "Probe: checks the database connection"\n\n    def handle(self, *args, **options):\n        try:\n            connection.ensure_connection()\n        except Exception as exc:\n            raise CommandError(f"database unreachable: {exc}")\n        self.stdout.write("ok")\n',
            "manage.py": '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
        },
        [("manage.py", "api", "django")],
        None,
    ),
    # `&` before the idle command: the container stays up whatever the script does, so the code decides
    "compose_amp": (
        {
            "docker-compose.yml": 'services:\n  sync:\n    build: .\n    restart: unless-stopped\n    command: sh -c "python sync.py & sleep infinity"\n',
            "sync.py": 'import logging\nimport sys\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef main() -> int:\n    logging.info("synced")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("sync.py", "job", "python")],
        None,
    ),
    # a suppression on the fallback's own line in a multi-line read still works
    "secret_noqa": (
        {
            "settings.py": 'import os\n\nSECRET_KEY = os.environ.get(\n    "DJANGO_SECRET_KEY",\n    "local-dev-key-not-used-in-prod",  # readiness: ignore[hardcoded-secret-fallback] the image sets it\n)\nAPI_TOKEN = os.getenv(\n    "PAYMENTS_API_TOKEN",\n    "tok_live_51HxQ2abcdef",  # real fallback, should be reported\n)\n',
        },
        [],
        ("hardcoded-secret-fallback", 1),
    ),
    # `NHC_REGISTRY_URL` is no healthchecks ping: the job's only work, its response dropped
    "hc_job": (
        {
            "sync.py": '"""Pushes the day\'s patient records to the regional health-care registry (the job\'s whole work)."""\nimport logging\nimport os\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef load_records():\n    return [{"id": i} for i in range(10)]\n\n\ndef main():\n    records = load_records()\n    log.info("uploading %d records", len(records))\n    requests.post(os.environ["NHC_REGISTRY_URL"], json=records, timeout=30)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("sync.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # a factory that mounts a retry adapter only returns a session with no timeout
    "retry_factory": (
        {
            "fetch.py": 'import logging\n\nimport requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util.retry import Retry\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef make_session() -> requests.Session:\n    session = requests.Session()\n    session.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=1)))\n    return session\n\n\ndef main():\n    session = make_session()\n    resp = session.get("https://api.example.com/items")\n    resp.raise_for_status()\n    logging.info("%d items", len(resp.json()))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    # hooks and a `timeout` attribute (which requests ignores) set no timeout
    "hooks_factory": (
        {
            "fetch.py": 'import logging\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\n\n\ndef make_session() -> requests.Session:\n    session = requests.Session()\n    session.hooks["response"].append(lambda r, *a, **kw: r.raise_for_status())\n    session.timeout = 10  # (requests ignores a Session attribute of this name)\n    return session\n\n\ndef main():\n    session = make_session()\n    items = session.get("https://api.example.com/items").json()\n    logging.info("%d items", len(items))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    # an adapter that passes `timeout` through sets none
    "passthrough_adapter": (
        {
            "fetch.py": 'import logging\n\nimport requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util.retry import Retry\n\nlogging.basicConfig(level=logging.INFO)\n\n\nclass RetryAdapter(HTTPAdapter):\n    """Retries 5xx answers; passes every other argument through."""\n\n    def __init__(self, *args, **kwargs):\n        kwargs.setdefault("max_retries", Retry(total=3, status_forcelist=[502, 503]))\n        super().__init__(*args, **kwargs)\n\n    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):\n        return super().send(request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies)\n\n\ndef main():\n    session = requests.Session()\n    session.mount("https://", RetryAdapter())\n    resp = session.get("https://api.example.com/items")\n    resp.raise_for_status()\n    logging.info("%d items", len(resp.json()))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    # a timeout adapter mounted on one function's session says nothing of another's
    "session_scope": (
        {
            "fetch.py": 'import logging\n\nimport requests\nfrom requests.adapters import HTTPAdapter\n\nlogging.basicConfig(level=logging.INFO)\n\n\nclass TimeoutAdapter(HTTPAdapter):\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", 10)\n        return super().send(request, **kwargs)\n\n\ndef fetch_items():\n    session = requests.Session()\n    session.mount("https://", TimeoutAdapter())\n    return session.get("https://api.example.com/items").json()\n\n\ndef fetch_prices():\n    session = requests.Session()\n    return session.get("https://prices.example.com/today").json()\n\n\ndef main():\n    items = fetch_items()\n    prices = fetch_prices()\n    logging.info("%d items, %d prices", len(items), len(prices))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    # `blockchain` is no lock
    "overlap_block": (
        {
            "indexer.py": '"""Indexes the chain\'s latest blocks into the database (run by cron every minute)."""\nimport logging\n\nfrom web3 import Web3\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nblockchain = Web3(Web3.HTTPProvider("https://rpc.example.com", request_kwargs={"timeout": 10}))\n\n\ndef main():\n    if not blockchain.is_connected():\n        log.error("cannot reach the Ethereum node")\n        return\n    latest = blockchain.eth.get_block("latest")\n    log.info("indexed block %s", latest["number"])\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("indexer.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # a dependency that is not running is a failure, not another run still going
    "overlap_running": (
        {
            "backup.py": '"""Nightly database backup (a cron job)."""\nimport logging\nimport subprocess\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef postgres_running() -> bool:\n    return subprocess.run(["pg_isready", "-h", "db"], check=False).returncode == 0\n\n\ndef main():\n    if not postgres_running():\n        log.error("Postgres is not reachable, no backup taken")\n        return\n    subprocess.run(["pg_dump", "-h", "db", "-f", "/backups/db.sql"], check=True)\n    log.info("backup written")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # `class Staging(Base)` in a settings module is a deployed environment's settings
    "debug_bases": (
        {
            "app.py": 'import os\n\nfrom flask import Flask\n\nfrom config import config\n\napp = Flask(__name__)\napp.config.from_object(config[os.environ.get("APP_ENV", "production")])\n',
            "config.py": 'import os\n\n\nclass Base:\n    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")\n    DEBUG = False\n\n\nclass Development(Base):\n    DEBUG = True\n\n\nclass Staging(Base):\n    DEBUG = True\n\n\nclass Production(Base):\n    DEBUG = False\n\n\nconfig = {"development": Development, "staging": Staging, "production": Production}\n',
        },
        [("app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
