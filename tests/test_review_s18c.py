"""The third session-18 review (of bc96b96..17bc2f0): its reproductions.

Each case gives the files, the entrypoints expected as ``(path, kind, framework)`` and a rule's
status or count where it matters. Every case fails on 17bc2f0.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # a heartbeat ping through a settings attribute (`config.HEARTBEAT_URL`) is a notification
    "hb_attr": (
        {
            "config.py": 'import os\n\nHEARTBEAT_URL = os.environ["HEARTBEAT_URL"]\n',
            "export.py": '"""Nightly export of the orders to the warehouse; pings the heartbeat monitor when done."""\nimport logging\nimport sys\n\nimport requests\n\nimport config\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef export() -> int:\n    rows = [{"id": i} for i in range(10)]\n    log.info("exported %d rows", len(rows))\n    return 0\n\n\ndef main() -> int:\n    status = export()\n    requests.post(config.HEARTBEAT_URL, json={"status": "ok"}, timeout=5)\n    return status\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("export.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a timeout adapter mounted on a module-level session counts in the functions using it
    "session_module": (
        {
            "fetch.py": '"""Fetches the day\'s items (a cron job)."""\nimport logging\nimport sys\n\nimport requests\nfrom requests.adapters import HTTPAdapter\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\nclass TimeoutAdapter(HTTPAdapter):\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", 10)\n        return super().send(request, **kwargs)\n\n\nsession = requests.Session()\nsession.mount("https://", TimeoutAdapter())\n\n\ndef fetch_items():\n    resp = session.get("https://api.example.com/items")\n    resp.raise_for_status()\n    return resp.json()\n\n\ndef main() -> int:\n    items = fetch_items()\n    log.info("%d items", len(items))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # one mounted on `self.session` in `__init__` counts in the other methods
    "session_self": (
        {
            "fetch.py": '"""Fetches the day\'s items (a cron job)."""\nimport logging\nimport sys\n\nimport requests\nfrom requests.adapters import HTTPAdapter\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\nclass TimeoutAdapter(HTTPAdapter):\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", 10)\n        return super().send(request, **kwargs)\n\n\nclass ApiClient:\n    def __init__(self, base: str) -> None:\n        self.base = base\n        self.session = requests.Session()\n        self.session.mount("https://", TimeoutAdapter())\n\n    def items(self):\n        resp = self.session.get(f"{self.base}/items")\n        resp.raise_for_status()\n        return resp.json()\n\n\ndef main() -> int:\n    items = ApiClient("https://api.example.com").items()\n    log.info("%d items", len(items))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # an adapter that takes its timeout with `kwargs.pop('timeout', 30)` sets one
    "adapter_pop": (
        {
            "fetch.py": '"""Fetches the day\'s items (a cron job)."""\nimport logging\nimport sys\n\nimport requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util.retry import Retry\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\nclass TimeoutHTTPAdapter(HTTPAdapter):\n    """Retries, and gives every request a default timeout."""\n\n    def __init__(self, *args, **kwargs):\n        self.timeout = kwargs.pop("timeout", 30)\n        super().__init__(*args, **kwargs)\n\n    def send(self, request, timeout=None, **kwargs):\n        return super().send(request, timeout=timeout or self.timeout, **kwargs)\n\n\ndef main() -> int:\n    session = requests.Session()\n    session.mount("https://", TimeoutHTTPAdapter(max_retries=Retry(total=3, backoff_factor=1)))\n    resp = session.get("https://api.example.com/items")\n    resp.raise_for_status()\n    log.info("%d items", len(resp.json()))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # an adapter imported from another module of the project is out of sight: silence
    "adapter_imported": (
        {
            "fetch.py": '"""Fetches the day\'s items (a cron job)."""\nimport logging\nimport sys\n\nimport requests\n\nfrom http_utils import TimeoutHTTPAdapter\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef make_session() -> requests.Session:\n    session = requests.Session()\n    session.mount("https://", TimeoutHTTPAdapter(max_retries=3))\n    return session\n\n\ndef main() -> int:\n    session = make_session()\n    resp = session.get("https://api.example.com/items")\n    resp.raise_for_status()\n    log.info("%d items", len(resp.json()))\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
            "http_utils.py": 'from requests.adapters import HTTPAdapter\n\nDEFAULT_TIMEOUT = 10\n\n\nclass TimeoutHTTPAdapter(HTTPAdapter):\n    def send(self, request, **kwargs):\n        kwargs.setdefault("timeout", DEFAULT_TIMEOUT)\n        return super().send(request, **kwargs)\n',
        },
        [("fetch.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    # a pidfile skip logged as a warning then `sys.exit()`, in another module, is deliberate
    "pid_helper": (
        {
            "export.py": '"""Exports the day\'s orders to the warehouse (cron, every 5 minutes)."""\nimport logging\nimport sys\n\nfrom pidlock import check_pidfile\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef export() -> None:\n    rows = [{"id": i} for i in range(10)]\n    log.info("exported %d rows", len(rows))\n\n\ndef main() -> None:\n    check_pidfile()\n    export()\n\n\nif __name__ == "__main__":\n    main()\n',
            "pidlock.py": 'import logging\nimport os\nimport sys\n\nlog = logging.getLogger(__name__)\nPIDFILE = "/var/run/export.pid"\n\n\ndef check_pidfile() -> None:\n    if os.path.exists(PIDFILE):\n        log.warning("Already running (pid file %s present), exiting", PIDFILE)\n        sys.exit()\n    with open(PIDFILE, "w") as f:\n        f.write(str(os.getpid()))\n',
        },
        [("export.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # the same in the job's own file, a step down
    "pid_local": (
        {
            "export.py": '"""Exports the day\'s orders to the warehouse (cron, every 5 minutes)."""\nimport logging\nimport os\nimport sys\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nPIDFILE = "/var/run/export.pid"\n\n\ndef check_pidfile() -> None:\n    if os.path.exists(PIDFILE):\n        log.warning("Already running (pid file %s present), exiting", PIDFILE)\n        sys.exit()\n    with open(PIDFILE, "w") as f:\n        f.write(str(os.getpid()))\n\n\ndef export() -> None:\n    rows = [{"id": i} for i in range(10)]\n    log.info("exported %d rows", len(rows))\n\n\ndef main() -> None:\n    check_pidfile()\n    export()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("export.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a single-instance lock that exits 0 in a catch-all is deliberate
    "lock_helper": (
        {
            "export.py": '"""Exports the day\'s orders to the warehouse (cron, every 5 minutes)."""\nimport logging\nimport sys\n\nfrom singleton import ensure_single_instance\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef export() -> None:\n    rows = [{"id": i} for i in range(10)]\n    log.info("exported %d rows", len(rows))\n\n\ndef main() -> None:\n    ensure_single_instance()\n    export()\n\n\nif __name__ == "__main__":\n    main()\n',
            "singleton.py": '"""Keeps a second copy of a cron job from running while the first is still going."""\nimport fcntl\nimport logging\nimport sys\n\nlog = logging.getLogger(__name__)\n_handle = None\n\n\ndef ensure_single_instance(path: str = "/tmp/export.lock") -> None:\n    global _handle\n    _handle = open(path, "w")\n    try:\n        fcntl.flock(_handle, fcntl.LOCK_EX | fcntl.LOCK_NB)\n    except Exception:\n        log.info("another instance is still running, skipping this run")\n        sys.exit(0)\n',
        },
        [("export.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a 'nothing to do' warning then `sys.exit()` in a helper is no failure
    "nothing_helper2": (
        {
            "inbox.py": 'import glob\nimport logging\nimport sys\n\nlog = logging.getLogger(__name__)\n\n\ndef require_new_files(folder: str) -> None:\n    if not glob.glob(f"{folder}/*.csv"):\n        log.warning("No new files in %s, nothing to do", folder)\n        sys.exit()\n',
            "load.py": '"""Loads the CSV files dropped in the inbox (cron, hourly)."""\nimport glob\nimport logging\nimport os\n\nfrom inbox import require_new_files\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nINBOX = os.environ.get("INBOX", "inbox")\n\n\ndef main() -> None:\n    require_new_files(INBOX)\n    for path in sorted(glob.glob(f"{INBOX}/*.csv")):\n        with open(path) as f:\n            log.info("%s: %d lines", path, sum(1 for _ in f))\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("load.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a delivery callback that counts failures for the job to exit 1 on
    "kafka_count": (
        {
            "publish.py": '"""Publishes the day\'s orders to Kafka (a cron job); fails when a delivery failed."""\nimport logging\nimport os\nimport sys\n\nfrom confluent_kafka import Producer\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nfailed = []\n\n\ndef on_delivery(err, msg):\n    if err is None:\n        print(f"delivered to {msg.topic()} [{msg.partition()}]")\n    else:\n        failed.append(err)\n\n\ndef main() -> None:\n    producer = Producer({"bootstrap.servers": os.environ["KAFKA_BROKERS"]})\n    for i in range(10):\n        producer.produce("orders", value=str(i).encode(), callback=on_delivery)\n        producer.poll(0)\n    producer.flush(30)\n    if failed:\n        log.error("%d deliveries failed: %s", len(failed), failed[0])\n        sys.exit(1)\n    log.info("published 10 orders")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("publish.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # the same with `if not err:` first
    "kafka_count2": (
        {
            "publish.py": '"""Publishes the day\'s orders to Kafka (a cron job); fails when a delivery failed."""\nimport logging\nimport os\n\nfrom confluent_kafka import KafkaException, Producer\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nfailed = []\n\n\ndef on_delivery(err, msg):\n    if not err:\n        print(f"delivered to {msg.topic()} [{msg.partition()}]")\n    else:\n        failed.append(err)\n\n\ndef main() -> None:\n    producer = Producer({"bootstrap.servers": os.environ["KAFKA_BROKERS"]})\n    for i in range(10):\n        producer.produce("orders", value=str(i).encode(), callback=on_delivery)\n        producer.poll(0)\n    producer.flush(30)\n    if failed:\n        raise KafkaException(failed[0])\n    log.info("published 10 orders")\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        [("publish.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # a camelCase lock name (`lockPath`) is a lock
    "overlap_camel": (
        {
            "sync.py": '"""Syncs the CRM contacts into the mailing list (cron, every 10 minutes)."""\nimport logging\nimport os\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nlockPath = os.path.join(os.environ.get("RUN_DIR", "/tmp"), "crm-sync.lock")\n\n\ndef sync() -> None:\n    if os.path.exists(lockPath):\n        log.error("Previous sync still holds %s, skipping this run", lockPath)\n        return\n    open(lockPath, "w").close()\n    try:\n        log.info("synced contacts")\n    finally:\n        os.remove(lockPath)\n\n\nif __name__ == "__main__":\n    sync()\n',
        },
        [("sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # an error saying another run is already going, then a return, is a deliberate skip
    "overlap_running_inst": (
        {
            "sync.py": '"""Syncs the CRM contacts into the mailing list (cron, every 10 minutes)."""\nimport logging\n\nimport psutil\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\n\ndef already_running() -> bool:\n    me = psutil.Process()\n    return any(p.cmdline() == me.cmdline() and p.pid != me.pid for p in psutil.process_iter())\n\n\ndef sync() -> None:\n    if already_running():\n        log.error("Another sync is already running, skipping this run")\n        return\n    log.info("synced contacts")\n\n\nif __name__ == "__main__":\n    sync()\n',
        },
        [("sync.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
