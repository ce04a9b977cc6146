"""Deployment files as evidence of how a script runs: the parsers, and whole runs on real files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readiness_lint.deploy import LONG_RUNNING, SCHEDULED, STARTED, _words, python_targets, read_deployments
from readiness_lint.discover import discover
from readiness_lint.engine import Options, run

Tree = Callable[[dict[str, str]], Path]


def _found(files: dict[str, str]) -> list[tuple[str, int, str, str, str, str]]:
    return [(d.source, d.line, d.how, d.mode, d.script, d.module) for d in read_deployments(sorted(files.items()))]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "cd /srv/app && /usr/bin/python3 -u scripts/sync.py >> /var/log/sync.log 2>&1",
            [("/srv/app/scripts/sync.py", "")],
        ),
        ("PYTHONPATH=. python -m app.jobs.cleanup --dry-run", [("", "app.jobs.cleanup")]),
        ("source venv/bin/activate; python -W ignore report.py", [("report.py", "")]),
        ("timeout 600 uv run sync.py", [("sync.py", "")]),
        ("/opt/app/backup.py --full", [("/opt/app/backup.py", "")]),
        ("docker exec shop python manage.py clearsessions", [("manage.py", "")]),
        ("gunicorn app:app --workers 4", []),
        ("celery -A proj worker", []),
        ('python -c "import app; app.main()"', []),
        ("curl -fsS https://hc-ping.com/abc > /dev/null", []),
        ("echo done.py", []),
    ],
)
def test_python_targets(command: str, expected: list[tuple[str, str]]) -> None:
    assert python_targets(command) == expected


def test_crontab_lines() -> None:
    crontab = (
        "SHELL=/bin/bash\n"
        "MAILTO=ops@example.com\n"
        "# nightly\n"
        "*/10 * * * * cd /srv/shop && python sync.py\n"
        "0 3 * * * root /usr/bin/python3 /srv/shop/backup.py\n"
        "@daily python3 -m shop.reports % not a command\n"
        "@reboot python3 /srv/shop/bot.py\n"
        "15 4 * * mon-fri curl https://example.com\n"
    )
    assert _found({"deploy/crontab": crontab}) == [
        ("deploy/crontab", 4, "crontab", SCHEDULED, "/srv/shop/sync.py", ""),
        ("deploy/crontab", 5, "crontab", SCHEDULED, "/srv/shop/backup.py", ""),
        ("deploy/crontab", 6, "crontab", SCHEDULED, "", "shop.reports"),
        # `@reboot` starts it once: a daemon or a one-off, the line does not say which
        ("deploy/crontab", 7, "crontab", STARTED, "/srv/shop/bot.py", ""),
    ]


def test_crontab_lines_a_dockerfile_or_a_start_script_installs() -> None:
    dockerfile = (
        "FROM python:3.11\nRUN apt-get install -y cron\n"
        'RUN echo "*/5 * * * * cd /app && /usr/local/bin/python sync.py >> /var/log/cron.log 2>&1" > /etc/cron.d/sync\n'
        "RUN echo '0 3 * * * root python3 /app/backup.py' >> /etc/crontab\n"
        'CMD ["cron", "-f"]\n'
    )
    script = (
        '#!/bin/sh\n(crontab -l; echo "@daily python -m app.report") | crontab -\n'
        "sleep 1 2 3 4 5 python x.py\n"  # not a schedule: it does not open a string or a line
        "cat > /etc/cron.d/hourly <<EOF\n15 * * * * python /app/hourly.py\nEOF\n"
    )
    no_cron = '#!/bin/sh\necho "1 2 3 4 5 python x.py"\n'  # the file never speaks of cron
    assert _found({"Dockerfile": dockerfile, "docker/start.sh": script, "bench.sh": no_cron}) == [
        ("Dockerfile", 3, "crontab", SCHEDULED, "/app/sync.py", ""),
        ("Dockerfile", 4, "crontab", SCHEDULED, "/app/backup.py", ""),
        ("docker/start.sh", 2, "crontab", SCHEDULED, "", "app.report"),
        ("docker/start.sh", 5, "crontab", SCHEDULED, "/app/hourly.py", ""),
    ]


def test_commands_that_run_a_shell_script() -> None:
    """A command running a shell script of the project stands for the Python the script runs."""
    crontab = "0 * * * * /usr/local/cron_exec.sh\n30 * * * * /opt/elsewhere.sh\n"
    cron_exec = "#!/bin/sh\n# hourly\n/usr/local/bin/python3 /usr/local/app/src/main.py \\\n  --quiet\n"
    procfile = "worker: bash -e ./run_worker.sh\nrelease: sh run_worker.sh\n"
    run_worker = (
        "#!/bin/bash\nsource venv/bin/activate\ncd worker\npython update_env.py\n"
        "python metrics.py &\nexec python main.py\n"
    )
    start = '#!/bin/sh\ncd "$(dirname "$0")"\npython sync.py\ntail -f /dev/null\n'
    dockerfile = 'FROM python:3.11\nCOPY . /srv\nWORKDIR /srv\nCMD ["sh", "docker/start.sh"]\n'
    found = _found(
        {
            "env/jobs.cron": crontab,
            "env/cron_exec.sh": cron_exec,
            "Procfile": procfile,
            "run_worker.sh": run_worker,
            "docker/start.sh": start,
            "Dockerfile": dockerfile,
        }
    )
    assert found == [
        # (the image's WORKDIR is joined to the script's name; the script's own `cd` to its directory)
        ("Dockerfile", 4, "dockerfile", STARTED, "docker/sync.py", ""),
        # the last Python runs as the process does, one in the background too; those before it end first
        ("Procfile", 1, "procfile", STARTED, "worker/update_env.py", ""),
        ("Procfile", 1, "procfile", LONG_RUNNING, "worker/metrics.py", ""),
        ("Procfile", 1, "procfile", LONG_RUNNING, "worker/main.py", ""),
        ("env/jobs.cron", 1, "crontab", SCHEDULED, "/usr/local/app/src/main.py", ""),
    ]


def test_procfile_skips_web_release_and_schedulers() -> None:
    procfile = (
        "web: gunicorn app:app\nrelease: python manage.py migrate\nclock: python clock.py\nworker: python worker.py\n"
    )
    assert _found({"Procfile": procfile}) == [("Procfile", 4, "procfile", LONG_RUNNING, "worker.py", "")]


def test_workflows_count_only_when_scheduled() -> None:
    scheduled = (
        "name: scrape\non:\n  schedule:\n    - cron: '0 * * * *'\n  workflow_dispatch:\n"
        "jobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: |\n          pip install -r requirements.txt\n          python scraper/main.py\n"
    )
    on_push = scheduled.replace("schedule:\n    - cron: '0 * * * *'\n  workflow_dispatch:", "push:")
    assert _found({".github/workflows/scrape.yml": scheduled}) == [
        (".github/workflows/scrape.yml", 13, "github-schedule", SCHEDULED, "scraper/main.py", "")
    ]
    assert _found({".github/workflows/ci.yml": on_push}) == []


def test_kubernetes_manifests() -> None:
    manifests = (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: '0 6 * * *'\n"
        "  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
        '          - name: report\n            command: ["/bin/sh", "-c", "python -m shop.report --send"]\n'
        "---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
        "      - name: consumer\n        command: [python]\n        args: [consumer.py]\n"
        "---\napiVersion: v1\nkind: Service\nspec:\n  ports: []\n"
    )
    assert _found({"k8s/app.yaml": manifests}) == [
        ("k8s/app.yaml", 13, "kubernetes-cronjob", SCHEDULED, "", "shop.report"),
        ("k8s/app.yaml", 23, "kubernetes", LONG_RUNNING, "consumer.py", ""),
    ]
    helm = "kind: CronJob\nspec:\n  {{- if .Values.enabled }}\n  schedule: {{ .Values.schedule }}\n"
    assert _found({"chart/templates/cron.yaml": helm}) == []


def test_compose_counts_services_that_always_restart() -> None:
    compose = (
        "services:\n  consumer:\n    build: .\n    restart: unless-stopped\n    command: python consumer.py\n"
        "  migrate:\n    build: .\n    command: python migrate.py\n"
        "  poller:\n    restart: always\n    command: [python, -u, poller.py]\n"
    )
    # (a command not restarted, `migrate`, is a program the service starts)
    assert _found({"docker-compose.yml": compose}) == [
        ("docker-compose.yml", 5, "compose", LONG_RUNNING, "consumer.py", ""),
        ("docker-compose.yml", 8, "compose", STARTED, "migrate.py", ""),
        ("docker-compose.yml", 11, "compose", LONG_RUNNING, "poller.py", ""),
    ]


def test_compose_first_file_format_has_its_services_at_the_top() -> None:
    # (Compose's first file format: no `version:`, no `services:`; each top-level key a service)
    v1 = (
        "db:\n  image: postgres\n  restart: always\n"
        "consumer:\n  build: .\n  restart: always\n  command: python consumer.py\n"
        "once:\n  build: .\n  command: python once.py\n"
    )
    assert _found({"docker-compose.yml": v1}) == [
        ("docker-compose.yml", 7, "compose", LONG_RUNNING, "consumer.py", ""),
        ("docker-compose.yml", 10, "compose", STARTED, "once.py", ""),
    ]
    # (a later format's top-level `x-` or `volumes:` blocks are no services, `services:` or not)
    later = "version: '3'\nx-worker:\n  restart: always\n  command: python consumer.py\n"
    assert _found({"docker-compose.yml": later}) == []


def test_systemd_timers_and_services() -> None:
    files = {
        "deploy/sync.service": "[Unit]\nDescription=sync\n[Service]\nType=oneshot\nExecStart=/usr/bin/python3 /opt/sync/sync.py\n",
        "deploy/sync.timer": "[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target\n",
        "deploy/bot.service": "[Service]\nWorkingDirectory=/opt/bot\nExecStart=-/opt/venv/bin/python bot.py\nRestart=always\n",
        "deploy/once.service": "[Service]\nType=oneshot\nExecStart=/usr/bin/python3 /opt/x/once.py\n",
        "deploy/plain.service": "[Service]\nExecStart=/usr/bin/python3 /opt/x/plain.py\n",
    }
    assert _found(files) == [
        ("deploy/bot.service", 3, "systemd", LONG_RUNNING, "/opt/bot/bot.py", ""),
        ("deploy/once.service", 3, "systemd", STARTED, "/opt/x/once.py", ""),
        ("deploy/plain.service", 2, "systemd", STARTED, "/opt/x/plain.py", ""),
        ("deploy/sync.service", 5, "systemd-timer", SCHEDULED, "/opt/sync/sync.py", ""),
    ]


def test_supervisord_programs() -> None:
    conf = "[supervisord]\nnodaemon=true\n\n[program:queue]\ncommand=python /app/queue_worker.py\nautorestart=true\n"
    assert _found({"deploy/supervisor/app.conf": conf}) == [
        ("deploy/supervisor/app.conf", 5, "supervisord", LONG_RUNNING, "/app/queue_worker.py", "")
    ]


def test_discovery_collects_deployment_files_but_not_tests_or_ignored(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": "x = 1\n",
            "Procfile": "worker: python app.py\n",
            "deploy/crontab": "* * * * * python app.py\n",
            "deploy/cron.d/shop": "* * * * * root python app.py\n",
            "k8s/job.yaml": "kind: Job\n",
            "tests/crontab": "* * * * * python app.py\n",
            "local/crontab": "* * * * * python app.py\n",
            ".gitignore": "local/\n",
            "README.md": "* * * * * python app.py\n",
        }
    )
    found: list = []
    discover([str(root)], root, found)
    assert [s.rel for s in found] == ["Procfile", "deploy/cron.d/shop", "deploy/crontab", "k8s/job.yaml"]


def _kinds(root: Path, options: Options | None = None) -> list[tuple[str, str, str]]:
    report = run([str(root)], options)
    return [(r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints]


_API = (
    "from fastapi import FastAPI\n\nfrom shop import sync\n\napp = FastAPI()\n\n\n"
    "@app.get('/health')\ndef health():\n    return sync.last_run()\n"
)
_SYNC = (
    "import logging\n\nimport requests\n\n\ndef last_run():\n    return {}\n\n\n"
    "def main():\n    r = requests.get('https://example.com/feed', timeout=5)\n    logging.info('got %s', r.status_code)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_crontab_makes_a_script_the_api_imports_a_job(make_tree: Tree) -> None:
    files = {"shop/__init__.py": "", "shop/api.py": _API, "shop/sync.py": _SYNC}
    without = _kinds(make_tree(files))
    assert without == [("shop/api.py", "api", "fastapi")]
    root = make_tree({**files, "deploy/crontab": "*/10 * * * * cd /srv/shop && python -m shop.sync\n"})
    assert _kinds(root) == [("shop/api.py", "api", "fastapi"), ("shop/sync.py", "job", "crontab")]
    # the configuration file still wins
    assert _kinds(root, Options(entrypoints=(("shop/sync.py", "none"),), config_root=str(root))) == [
        ("shop/api.py", "api", "fastapi")
    ]


_CLIENT = (  # a client library the tool does not know, whose run() listens until stopped
    "from vendorchat import Client\n\napp = Client('bot')\n\n\n@app.on_message()\n"
    "def hello(client, message):\n    message.reply('hi')\n\n\nif __name__ == '__main__':\n    app.run()\n"
)


def test_a_procfile_worker_line_makes_a_plain_script_a_worker(make_tree: Tree) -> None:
    assert _kinds(make_tree({"bot.py": _CLIENT})) == [("bot.py", "job", "python")]
    root = make_tree({"bot.py": _CLIENT, "Procfile": "web: gunicorn other:app\nworker: python bot.py\n"})
    report = run([str(root)])
    (result,) = report.entrypoints
    assert (result.entrypoint.kind, result.entrypoint.framework) == ("worker", "procfile")
    checks = {c.name: c.status for c in result.checks}
    # no consume loop of its own is known: shutdown is not judged; a worker's checks apply, a job's do not
    assert checks["missing-graceful-shutdown"] == "pass"
    assert checks["missing-heartbeat"] == "fail" and checks["missing-exit-code"] == "na"


_POLLER = (
    "import time\n\nimport requests\n\n\ndef main():\n    while True:\n"
    "        requests.post('https://example.com/sync', timeout=5)\n        time.sleep(60)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_forever_loop_that_cron_starts_stays_a_worker(make_tree: Tree) -> None:
    # cron may be keeping it alive (`pgrep -f poll.py || python poll.py`): the loop says more
    assert _kinds(make_tree({"poll.py": _POLLER})) == [("poll.py", "worker", "polling-loop")]
    root = make_tree({"poll.py": _POLLER, "k8s/cron.yaml": _cronjob("python poll.py")})
    assert _kinds(root) == [("poll.py", "worker", "polling-loop")]


def _cronjob(command: str) -> str:
    return (
        "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        f"          containers:\n          - name: x\n            command: [sh, -c, '{command}']\n"
    )


def test_what_a_deployment_leaves_alone(make_tree: Tree) -> None:
    celery = "from celery import Celery\n\napp = Celery('shop')\n"
    app = (
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/health')\ndef health():\n    return 'ok'\n"
    )
    files = {
        "one/main.py": _SYNC,
        "two/main.py": _SYNC,
        "tasks_app.py": celery,
        "web.py": app + "\n\nif __name__ == '__main__':\n    app.run()\n",
        "lib.py": "def helper():\n    return 1\n",
        "deploy/crontab": (
            "* * * * * python /srv/main.py\n"  # two project files are called main.py: not guessed
            "* * * * * python /srv/tasks_app.py\n"  # a Celery app stays a worker
            "* * * * * python /srv/web.py\n"  # a file serving an app stays an api
            "* * * * * python /srv/lib.py\n"  # only definitions: running it starts nothing
            "* * * * * python /srv/missing.py\n"
        ),
    }
    before = _kinds(make_tree({k: v for k, v in files.items() if k != "deploy/crontab"}))
    assert _kinds(make_tree(files)) == before
    # beside the crontab, one of the two main.py files is chosen
    near = {**files, "one/crontab": "* * * * * python /srv/main.py\n"}
    assert ("one/main.py", "job", "crontab") in _kinds(make_tree(near))


def test_a_changed_crontab_invalidates_the_cached_report(make_tree: Tree, tmp_path: Path) -> None:
    root = make_tree(
        {"shop/__init__.py": "", "shop/api.py": _API, "shop/sync.py": _SYNC, "deploy/crontab": "# none yet\n"}
    )
    options = Options(cache=True, cache_dir=str(tmp_path / "cache"))
    assert _kinds(root, options) == [("shop/api.py", "api", "fastapi")]
    (root / "deploy" / "crontab").write_text("0 * * * * python -m shop.sync\n")
    assert _kinds(root, options) == [("shop/api.py", "api", "fastapi"), ("shop/sync.py", "job", "crontab")]


def test_unreadable_deployment_files_declare_nothing(make_tree: Tree) -> None:
    root = make_tree({"shop/__init__.py": "", "shop/api.py": _API, "shop/sync.py": _SYNC})
    (root / "deploy").mkdir()
    (root / "deploy" / "crontab").write_bytes(b"0 * * * * python -m shop.sync \xff\xfe\n")
    (root / "docker-compose.yml").write_text("services: [unclosed\n")
    report = run([str(root)])
    assert [r.entrypoint.path for r in report.entrypoints] == ["shop/api.py"] and not report.errors


# The code review's cases (tests/test_deploy.py, session 11): each reproduced on the first version.


def test_commands_that_only_name_a_script_or_keep_it_alive_run_nothing() -> None:
    crontab = (
        "0 * * * * cp /srv/app/consumer.py /srv/backup/\n"
        "0 * * * * cat /srv/app/sync.py | mail -s sync ops\n"
        "*/5 * * * * pgrep -f monitor.py || python3 /srv/app/monitor.py\n"
        "0 4 * * * deploy python3 /srv/app/report.py\n"  # a system crontab's user, then the interpreter
        "0 5 * * * bash -c 'cd /srv/app && python nightly.py'\n"
    )
    assert _found({"crontab": crontab}) == [
        ("crontab", 4, "crontab", SCHEDULED, "/srv/app/report.py", ""),
        ("crontab", 5, "crontab", SCHEDULED, "/srv/app/nightly.py", ""),
    ]


def test_supervisord_keeps_running_only_programs_it_always_restarts() -> None:
    conf = (
        "[program:migrate]\ncommand=python migrate_db.py\nautorestart=false\nstartsecs=0\n\n"
        "[program:queue]\ncommand=python queue_worker.py\nautorestart=true\n\n"
        "[program:plain]\ncommand=python plain.py\n"
    )
    assert _found({"supervisor/app.conf": conf}) == [
        ("supervisor/app.conf", 2, "supervisord", STARTED, "migrate_db.py", ""),
        ("supervisor/app.conf", 7, "supervisord", LONG_RUNNING, "queue_worker.py", ""),
        ("supervisor/app.conf", 11, "supervisord", STARTED, "plain.py", ""),
    ]


_STEP = "import logging\n\n\ndef main():\n    logging.info('step')\n\n\nif __name__ == '__main__':\n    main()\n"


def test_a_module_a_deployment_starts_is_a_script_even_when_imported(make_tree: Tree) -> None:
    manager = "import time\n\nimport step\n\n\ndef main():\n    while True:\n        step.main()\n        time.sleep(60)\n\n\nif __name__ == '__main__':\n    main()\n"
    files = {"manager.py": manager, "step.py": _STEP}
    assert [p for p, _, _ in _kinds(make_tree(files))] == ["manager.py"]  # step.py's block reads as a demo
    conf = "[program:step]\ncommand=python3 step.py\n"  # supervisord starts it by itself
    assert _kinds(make_tree({**files, "supervisord.conf": conf})) == [
        ("manager.py", "worker", "polling-loop"),
        ("step.py", "job", "python"),
    ]


def test_aliases_in_a_manifest_are_not_expanded() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 10)}]" for i in range(1, 9)]
    # only scalars are words: a list inside an argument list is never printed out
    assert _words(["python", ["x"] * 3, 3]) == ["python", "3"]
    manifest = (
        "kind: Job\nanchors:\n"
        + "".join(f"  {line}\n" for line in levels)
        + "spec:\n  template:\n    spec:\n      containers:\n      - name: x\n"
        "        command: [python, job.py]\n        args: *a8\n"
    )
    assert _found({"k8s/job.yaml": manifest}) == [("k8s/job.yaml", 17, "kubernetes-job", SCHEDULED, "job.py", "")]


_REDIS_WORKER = "import redis\n\nr = redis.Redis()\n\n\ndef main():\n    while True:\n        r.blpop('jobs')\n\n\nif __name__ == '__main__':\n    main()\n"
_ONCE = "import logging\n\n\ndef main():\n    logging.info('done')\n\n\nif __name__ == '__main__':\n    main()\n"


def test_a_machine_path_with_two_readings_is_left_alone(make_tree: Tree) -> None:
    # an image copying the repository to /app: `/app/main.py` may be the root's main.py
    root = make_tree(
        {
            "main.py": _ONCE,
            "app/__init__.py": "",
            "app/main.py": _REDIS_WORKER,
            "k8s/cron.yaml": _cronjob("python /app/main.py"),
        }
    )
    assert _kinds(root) == [("app/main.py", "worker", "redis"), ("main.py", "job", "python")]


def test_a_module_is_resolved_where_the_procfile_runs_it(make_tree: Tree) -> None:
    # `python -m worker` in services/billing/Procfile runs services/billing/worker.py
    services = {
        "services/billing/worker.py": _ONCE,
        "services/billing/Procfile": "worker: python -m worker\n",
        "services/mailer/worker.py": _ONCE,
    }
    assert _kinds(make_tree(services)) == [
        ("services/billing/worker.py", "worker", "procfile"),
        ("services/mailer/worker.py", "job", "python"),
    ]


def test_excluded_deployment_files_declare_nothing(make_tree: Tree) -> None:
    root = make_tree(
        {"svc/worker.py": _ONCE, "legacy/Procfile": "worker: python svc/worker.py\n", "Procfile": "web: x\n"}
    )
    assert _kinds(root) == [("svc/worker.py", "job", "python")]  # relative to legacy/: no such file
    moved = make_tree({"svc/worker.py": _ONCE, "legacy/Procfile": "worker: python /srv/svc/worker.py\n"})
    assert _kinds(moved) == [("svc/worker.py", "worker", "procfile")]
    options = Options(exclude=("legacy/",), config_root=str(moved))
    assert _kinds(moved, options) == [("svc/worker.py", "job", "python")]


def test_click_and_argparse_scripts_kept_running_are_alike(make_tree: Tree) -> None:
    click = "import click\n\n\n@click.command()\ndef main():\n    pass\n\n\nif __name__ == '__main__':\n    main()\n"
    argparse = "import argparse\n\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n\n\nif __name__ == '__main__':\n    main()\n"
    root = make_tree({"a.py": argparse, "c.py": click, "Procfile": "one: python a.py\ntwo: python c.py\n"})
    assert [(p, k) for p, k, _ in _kinds(root)] == [("a.py", "worker"), ("c.py", "worker")]


def test_a_systemd_timer_on_disk_makes_its_service_s_script_a_job(make_tree: Tree) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/api.py": _API,
        "shop/sync.py": _SYNC,
        "deploy/sync.service": "[Service]\nType=oneshot\nWorkingDirectory=/opt/shop\nExecStart=/opt/venv/bin/python -m shop.sync\n",
    }
    # started by a oneshot service alone: a script run now and then (it was read as a library)
    assert _kinds(make_tree(files)) == [("shop/api.py", "api", "fastapi"), ("shop/sync.py", "job", "python")]
    timer = {"deploy/sync.timer": "[Timer]\nOnCalendar=hourly\n"}  # names no Python itself
    assert _kinds(make_tree({**files, **timer})) == [
        ("shop/api.py", "api", "fastapi"),
        ("shop/sync.py", "job", "systemd-timer"),
    ]


def test_azure_function_json_names_its_script_and_trigger() -> None:
    timer = '{"scriptFile": "app.py", "bindings": [{"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 0 6 * * *"}]}'
    http = '{"bindings": [{"authLevel": "function", "type": "httpTrigger", "direction": "in", "name": "req"}, {"type": "http", "direction": "out", "name": "$return"}]}'
    found = read_deployments(
        [
            ("daily/function.json", timer),
            ("HttpOrders/function.json", http),
            ("host.json/function.json", '{"bindings": [{"type": "blob", "direction": "out"}]}'),  # (no trigger)
            ("Broken/function.json", '{"bindings": ['),
        ]
    )
    assert [(d.source, d.how, d.mode, d.script, d.function) for d in found] == [
        ("HttpOrders/function.json", "azure-functions", "http-function", "__init__.py", "main"),
        ("daily/function.json", "azure-functions", "event-function", "app.py", "main"),
    ]


def test_gcloud_functions_deploy_in_a_shell_script() -> None:
    script = (
        "#!/bin/sh\n"
        "# gcloud functions deploy old --runtime python39 --trigger-http\n"
        "gcloud functions deploy \\\n  crawler \\\n  --region=asia-northeast1 \\\n"
        "  --entry-point='main' \\\n  --runtime 'python39' \\\n  --trigger-topic 'hourly' \\\n  --source='src'\n"
        "gcloud beta functions deploy hook --runtime=python311 --trigger-http --allow-unauthenticated\n"
        "gcloud functions deploy node_fn --runtime nodejs18 --trigger-http\n"
        "gcloud functions deploy untriggered --runtime python311 --source fn\n"
    )
    found = read_deployments([("deploy.sh", script)])
    assert [(d.line, d.how, d.mode, d.script, d.function) for d in found] == [
        (3, "gcloud", "event-function", "src/main.py", "main"),
        (10, "gcloud", "http-function", "main.py", "hook"),
    ]


def test_gcloud_commands_in_a_makefile_and_cloud_scheduler_jobs() -> None:
    makefile = (
        "deploy:\n\tgcloud functions deploy sync_sheets --runtime python311 --trigger-http --source functions/sync\n"
        "schedule:\n\tgcloud scheduler jobs create http nightly --schedule='0 3 * * *' "
        "--uri https://europe-west1-acme.cloudfunctions.net/sync-sheets\n"
        "\tgcloud scheduler jobs create http report --uri=https://report-x.a.run.app/daily\n"
    )
    terraform = (
        'resource "google_cloud_scheduler_job" "job" {\n  schedule = "0 16 23 * *"\n\n'
        '  http_target {\n    http_method = "POST"\n    uri         = var.function_url\n  }\n}\n'
        'resource "google_cloud_scheduler_job" "publish" {\n  pubsub_target {\n    topic_name = var.topic\n  }\n}\n'
    )
    found = read_deployments([("Makefile", makefile), ("infra/main.tf", terraform)])
    assert [(d.source, d.line, d.how, d.mode, d.script, d.function) for d in found] == [
        ("Makefile", 2, "gcloud", "http-function", "functions/sync/main.py", "sync_sheets"),
        ("Makefile", 4, "cloud-scheduler", "scheduled-call", "", "sync-sheets"),
        ("infra/main.tf", 1, "cloud-scheduler", "scheduled-call", "", ""),
    ]


def test_a_systemd_unit_template_with_installer_placeholders() -> None:
    unit = (
        "[Unit]\nDescription=NVR HTTP Server\n\n[Service]\nExecStart=__NVR_DIR__/web/venv/bin/python3 app.py\n"
        "WorkingDirectory=__NVR_DIR__/web\nRestart=always\n"
    )
    autotools = "[Service]\nExecStart=/usr/bin/python3 @APP_DIR@/sync.py\nType=oneshot\n"
    files = {"services/nvrweb.service.template": unit, "deploy/sync.service.in": autotools, "notes.template": unit}
    assert _found(files) == [
        ("deploy/sync.service.in", 2, "systemd", STARTED, "/sync.py", ""),
        ("services/nvrweb.service.template", 5, "systemd", LONG_RUNNING, "/web/app.py", ""),
    ]


def test_gcloud_functions_deploy_in_a_deploy_workflow() -> None:
    workflow = (
        "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: |\n          gcloud functions deploy notify-build --gen2 --runtime=python311 \\\n"
        "            --trigger-topic=builds --entry-point=notify_build --source=function\n"
    )
    found = read_deployments([(".github/workflows/deploy.yml", workflow)])
    assert [(d.line, d.how, d.mode, d.script, d.function) for d in found] == [
        (11, "gcloud", "event-function", "function/main.py", "notify_build")
    ]


def test_unit_templates_are_collected_and_a_dollar_placeholder_is_the_machine_s() -> None:
    from readiness_lint.deploy import is_deployment_file

    assert is_deployment_file("deploy/app.service.j2") and is_deployment_file("deploy/backup.TIMER.in")
    assert not is_deployment_file("deploy/app.conf.j2") and not is_deployment_file("notes.template")
    unit = "[Service]\nExecStart=/opt/venv/bin/python sync.py\nWorkingDirectory=${APP_DIR}/jobs\nType=oneshot\n"
    assert _found({"deploy/sync.service.tmpl": unit}) == [
        ("deploy/sync.service.tmpl", 2, "systemd", STARTED, "/jobs/sync.py", "")
    ]


def test_a_home_directory_path_is_the_machines_and_found_by_its_tail() -> None:
    from readiness_lint.deploy import locate

    files = ["dags/scripts/load.py", "dags/etl.py", "main.py"]
    for name in (
        "~/airflow/dags/scripts/load.py",
        "$HOME/airflow/dags/scripts/load.py",
        "${HOME}/dags/scripts/load.py",
    ):
        assert locate(name, "dags", ("dags", ""), files) == "dags/scripts/load.py", name
    # (not a directory named like a home: `~backup/` is another user's, left unread)
    assert locate("~backup/load.py", "dags", ("dags", ""), files) is None


def test_dag_commands_are_scheduled_scripts_where_the_command_runs() -> None:
    from readiness_lint.deploy import dag_commands

    found = dag_commands([("dags/etl.py", 12, "cd ~/airflow/dags/scripts/ && python3 load.py --day {{ ds }}")])
    assert [(d.source, d.line, d.how, d.mode, d.script) for d in found] == [
        ("dags/etl.py", 12, "airflow-task", SCHEDULED, "~/airflow/dags/scripts/load.py")
    ]
    # (the shell script it runs after is not followed)
    assert [d.script for d in dag_commands([("dags/etl.py", 3, "python3 load.py && ./notify.sh")])] == ["load.py"]
