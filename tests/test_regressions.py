"""Shapes met in real services that once produced wrong entrypoints or false positives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from readiness_lint.engine import run

Tree = Callable[[dict[str, str]], Path]


def verdicts(root: Path, rule: str) -> dict[str, str]:
    """Each entrypoint's path, with the status of ``rule`` for it."""
    return {r.entrypoint.path: {c.name: c.status for c in r.checks}[rule] for r in run([str(root)]).entrypoints}


def summary(root: Path) -> tuple[list[tuple[str, str, str]], dict[str, dict[str, str]]]:
    report = run([str(root)])
    eps = [(r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints]
    checks = {r.entrypoint.id: {c.name: c.status for c in r.checks} for r in report.entrypoints}
    return eps, checks


def test_trivial_guards_in_library_modules_are_not_jobs(make_tree: Tree) -> None:
    root = make_tree(
        {
            "backup.py": "import config\n\n\ndef main():\n    config.load()\n\n\nif __name__ == '__main__':\n    main()\n",
            "config.py": "def load():\n    return {}\n\n\nif __name__ == '__main__':\n    print('this module is not meant to be run')\n",
            "constants.py": "X = 1\n\nif __name__ == '__main__':\n    pass\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("backup.py", "job", "python")]
    # The print inside config.py's own __main__ block never runs for backup.py: a module the job
    # imports, whose block only tries it out, is reported nothing (session 34: labellers of rounds
    # 483 and later count no finding there; until then it was reported, owned by no entrypoint).
    report = run([str(root)])
    assert not [f for f in report.findings if f.name == "bare-print"]
    assert {c.name: c.status for c in report.entrypoints[0].checks}["bare-print"] == "pass"


def test_aiohttp_routes_added_in_a_setup_helper(make_tree: Tree) -> None:
    root = make_tree(
        {
            "svc/main.py": "from aiohttp import web\nfrom svc.routes import setup_routes\n\napp = web.Application()\nsetup_routes(app)\n",
            "svc/routes.py": "from svc import views\n\n\ndef setup_routes(app):\n    app.router.add_get('/healthz', views.health)\n    app.router.add_get('/ready', views.ready)\n",
            "svc/views.py": "async def health(request):\n    pass\n\n\nasync def ready(request):\n    pass\n",
        }
    )
    _, checks = summary(root)
    (api,) = checks.values()
    assert api["missing-health-route"] == "pass" and api["missing-readiness-route"] == "pass"


def test_routers_included_inside_a_helper_count(make_tree: Tree) -> None:
    root = make_tree(
        {
            "main.py": "from fastapi import FastAPI\nfrom wiring import register\n\napp = FastAPI()\nregister(app)\n",
            "wiring.py": "from health import router\n\n\ndef register(app):\n    app.include_router(router)\n",
            "health.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get('/health')\ndef health():\n    return {}\n",
        }
    )
    _, checks = summary(root)
    assert next(iter(checks.values()))["missing-health-route"] == "pass"


def test_an_app_whose_routes_cannot_be_seen_gets_no_verdict(make_tree: Tree) -> None:
    root = make_tree(
        {"main.py": "from aiohttp import web\nfrom plugins import install\n\napp = web.Application()\ninstall(app)\n"}
    )
    _, checks = summary(root)
    assert next(iter(checks.values()))["missing-health-route"] == "na"


def test_a_consume_loop_in_a_helper_module_makes_its_runner_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/__init__.py": "",
            "app/kafka_utils.py": "from kafka import KafkaConsumer\n\n\ndef get_consumer():\n    consumer = KafkaConsumer('t')\n    return consumer\n",
            "app/handle.py": "def re_read(consumer):\n    while True:\n        msgs = consumer.poll(1000)\n        if not msgs:\n            break\n",
            "app/run.py": "from app.kafka_utils import get_consumer\nfrom app.handle import re_read\n\nif __name__ == '__main__':\n    re_read(get_consumer())\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("app/run.py", "worker", "kafka")]


def test_a_second_celery_app_in_an_imported_module_is_the_same_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "CELERY.py": "from celery import Celery\nimport tasks\n\napp = Celery('crawler')\n",
            "tasks.py": "from celery import Celery\n\nworker = Celery('worker')\n\n\n@worker.task\ndef crawl():\n    pass\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("CELERY.py", "worker", "celery")]


def test_interactive_tools_and_dev_servers_are_not_jobs(make_tree: Tree) -> None:
    root = make_tree(
        {
            "recover_admin.py": "import getpass\n\n\ndef main():\n    password = getpass.getpass()\n    reset(password)\n\n\nif __name__ == '__main__':\n    main()\n",
            "dash_app.py": "import dash\n\napp = dash.Dash(__name__)\n\nif __name__ == '__main__':\n    app.run_server(debug=True)\n",
        }
    )
    eps, _ = summary(root)
    assert eps == []


def test_force_inside_a_shell_command_is_not_a_dry_run_guard(make_tree: Tree) -> None:
    root = make_tree(
        {
            "backup.py": (
                "import os\n\n\ndef main():\n    os.system('rdiff-backup --remove-older-than 4W --force /backups')\n"
                "    os.remove('/backups/latest.tar')\n\n\nif __name__ == '__main__':\n    main()\n"
            )
        }
    )
    _, checks = summary(root)
    assert next(iter(checks.values()))["missing-dry-run"] == "fail"


def test_celery_beat_and_dramatiq_configure_logging_themselves(make_tree: Tree) -> None:
    root = make_tree(
        {
            "proj.py": "from celery import Celery\n\napp = Celery('p')\napp.conf.beat_schedule = {'x': {'task': 't'}}\n",
            "actors.py": "import dramatiq\n\n\n@dramatiq.actor\ndef send(n):\n    pass\n",
        }
    )
    _, checks = summary(root)
    assert {eid: c["missing-logging"] for eid, c in checks.items()} == {
        "job:proj.py:beat_schedule": "pass",
        "worker:actors.py:actors": "pass",
        "worker:proj.py:app": "pass",
    }


def test_connection_string_templates_are_not_secrets(make_tree: Tree) -> None:
    root = make_tree(
        {
            "db.py": "DSN = 'postgresql://{user}:{password}@{host}:{port}/{database}'\nDB_PASSWORD_TEMPLATE = '%(password)s'\n"
        }
    )
    report = run([str(root)])
    assert [f.name for f in report.findings] == []


def test_nothing_analysable_has_no_score(make_tree: Tree) -> None:
    root = make_tree({"legacy.py": "print 'hello'\n"})
    report = run([str(root)])
    assert report.score_basis == "none" and report.score == 0 and len(report.errors) == 1


def test_nesting_that_would_crash_the_native_parser_is_refused(make_tree: Tree) -> None:
    # libcst's native parser overflows its stack on these; CPython refuses them too.
    root = make_tree(
        {
            "deep_parens.py": "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n",
            "deep_lines.py": "x = " + "[\n" * 3000 + "]" * 3000 + "\n",
            "long_chain.py": "x = a" + ".b" * 20000 + "\n",
            "long_sum.py": "x = " + " + ".join(["1"] * 20000) + "\n",
            "fine.py": "print('still analysed')\n",
        }
    )
    report = run([str(root)])
    assert sorted(e.path for e in report.errors) == ["deep_lines.py", "deep_parens.py", "long_chain.py", "long_sum.py"]
    assert all("nested" in e.message for e in report.errors)
    assert [f.path for f in report.findings] == ["fine.py"]


def test_a_worker_that_dies_costs_one_file_not_the_run(make_tree: Tree, monkeypatch: object) -> None:
    import os as os_module

    from readiness_lint import engine

    files = {f"m{i:02}.py": "print('x')\n" for i in range(30)}
    files["m13.py"] = "KILL = 1\n"
    root = make_tree(files)
    real = engine.analyze_source

    def crashing(rel: str, data: bytes, *args: object, **kwargs: object) -> object:
        if b"KILL" in data:
            os_module._exit(139)  # what a segfault in native code looks like from outside
        return real(rel, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "analyze_source", crashing)  # type: ignore[attr-defined]
    report = run([str(root)], engine.Options(jobs=2))
    assert [(e.path, e.kind) for e in report.errors] == [("m13.py", "internal")]
    assert len([f for f in report.findings if f.name == "bare-print"]) == 29


# Shapes from the second round on services nobody here wrote (session 2).


def test_manage_py_is_not_a_second_django_api(make_tree: Tree) -> None:
    root = make_tree(
        {
            "site/__init__.py": "",
            "site/settings/__init__.py": "SECRET_KEY = ''\nROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = []\n",
            "site/settings/local.py": "from site.settings import *\n",
            "site/urls.py": "urlpatterns = []\n",
            "site/wsgi.py": "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\n"
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.local')\napplication = get_wsgi_application()\n",
            "manage.py": "import os\nimport sys\n\nif __name__ == '__main__':\n    try:\n        from site.settings import local\n"
            "        module = 'site.settings.local'\n    except ImportError:\n        module = 'site.settings'\n"
            "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n"
            "    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("site/wsgi.py", "api", "django")]


def test_a_streaming_loop_in_an_app_module_is_the_apps(make_tree: Tree) -> None:
    root = make_tree(
        {
            "main.py": "import flask\n\napp = flask.Flask(__name__)\n\n\ndef events():\n    while True:\n"
            "        for item in app.store.listen():\n            yield item\n\n\n@app.route('/events')\n"
            "def stream():\n    return flask.Response(events())\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("main.py", "api", "flask")]


def test_an_idle_app_in_an_imported_helper_is_not_an_api(make_tree: Tree) -> None:
    root = make_tree(
        {
            "core.py": "from flask import Flask\n\nimport filters\n\napp = Flask(__name__)\n\n\n@app.route('/get')\n"
            "@filters.gzip\ndef get():\n    return {}\n",
            "filters.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\ndef gzip(f):\n    return f\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("core.py", "api", "flask")]


def test_a_sleeping_forever_loop_is_a_polling_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "timer.py": "import time\n\n\ndef tick():\n    while True:\n        fire_due_timers()\n        time.sleep(1)\n\n\n"
            "if __name__ == '__main__':\n    tick()\n",
            "retry.py": "import time\n\n\ndef main():\n    while True:\n        if ready():\n            break\n        time.sleep(1)\n"
            "    migrate()\n\n\nif __name__ == '__main__':\n    main()\n",
            "sched.py": "import time\n\nimport schedule\n\nschedule.every().hour.do(print)\n\nif __name__ == '__main__':\n"
            "    while True:\n        schedule.run_pending()\n        time.sleep(20)\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [
        ("retry.py", "job", "python"),
        ("sched.py", "job", "schedule"),
        ("timer.py", "worker", "polling-loop"),
    ]
    assert checks["worker:timer.py:tick"]["missing-graceful-shutdown"] == "fail"


def test_chat_bots_and_rq_workers(make_tree: Tree) -> None:
    root = make_tree(
        {
            "bot.py": "import os\n\nfrom telegram.ext import Updater\n\nupdater = Updater(os.environ['TOKEN'])\nupdater.start_polling()\nupdater.idle()\n",
            "clock.py": "from apscheduler.schedulers.blocking import BlockingScheduler\nfrom telegram.ext import Updater\n\n"
            "sched = BlockingScheduler()\n\n\n@sched.scheduled_job('interval', minutes=1)\ndef send():\n"
            "    Updater('t').bot.send_message(1, 'hi')\n\n\nsched.start()\n",
            "rq_worker.py": "import redis\nfrom rq import Queue, Worker\n\nif __name__ == '__main__':\n"
            "    worker = Worker([Queue('default')], connection=redis.Redis())\n    worker.work()\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [
        ("bot.py", "worker", "python-telegram-bot"),
        ("clock.py", "job", "apscheduler"),
        ("rq_worker.py", "worker", "rq"),
    ]
    by_path = {key.split(":")[1]: value for key, value in checks.items()}
    assert by_path["bot.py"]["missing-graceful-shutdown"] == "pass"  # Updater.idle() handles SIGTERM
    assert by_path["rq_worker.py"]["missing-logging"] == "pass"  # Worker.work() sets up its log handlers


def test_a_job_is_not_blamed_for_what_its_package_init_loads(make_tree: Tree) -> None:
    root = make_tree(
        {
            "pkg/__init__.py": "from .app import app\n",
            "pkg/app.py": "from flask import Flask\n\nfrom pkg import store\n\napp = Flask(__name__)\n",
            "pkg/store.py": "def add(db, row):\n    db.execute('INSERT INTO rows (a) VALUES (?)', row)\n\n\n"
            "def drop(db):\n    db.execute('DELETE FROM rows')\n",
            "pkg/tools.py": "def version():\n    return 1\n",
            "scripts/show_version.py": "from pkg.tools import version\n\nif __name__ == '__main__':\n    version()\n",
        }
    )
    report = run([str(root)])
    job = next(r for r in report.entrypoints if r.entrypoint.kind == "job")
    statuses = {c.name: c.status for c in job.checks}
    assert statuses["missing-dry-run"] == "na" and statuses["non-idempotent-insert"] == "pass"
    assert "pkg/store.py" in job.entrypoint.reach  # loaded, through pkg/__init__.py


# Shapes from the held-out services (session 2).


def test_console_scripts_are_entrypoints(make_tree: Tree) -> None:
    root = make_tree(
        {
            "pyproject.toml": "[project]\nname = 'svc'\n\n[project.scripts]\nsvc-trim = 'svc.trim:main'\n"
            "\n[tool.poetry.scripts]\nsvc-relay = 'svc.relay:cli'\n",
            "setup.cfg": "[options.entry_points]\nconsole_scripts =\n    svc-report = svc.report:run\n",
            "setup.py": "from setuptools import setup\n\nsetup(entry_points={'console_scripts': ['svc-web = svc.web:serve']})\n",
            "svc/__init__.py": "",
            "svc/trim.py": "import shutil\n\n\ndef main():\n    shutil.rmtree('/var/cache/svc/old')\n",
            "svc/relay.py": "import click\n\n\n@click.command()\ndef cli():\n    consumer = make()\n    while True:\n"
            "        consumer.consume()\n",
            "svc/report.py": "import logging\n\n\ndef run():\n    try:\n        build()\n    except Exception:\n"
            "        logging.exception('report failed')\n",
            "svc/web.py": "from flask import Flask\n\napp = Flask(__name__)\n\n\ndef serve():\n    app.run()\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [
        ("svc/relay.py", "worker", "queue"),
        ("svc/report.py", "job", "python"),
        ("svc/trim.py", "job", "python"),
        ("svc/web.py", "api", "flask"),
    ]
    by_path = {key.split(":")[1]: value for key, value in checks.items()}
    assert by_path["svc/trim.py"]["missing-dry-run"] == "fail"
    assert by_path["svc/report.py"]["missing-exit-code"] == "fail"  # swallowed: the wrapper exits 0
    report = run([str(root)])
    trim = next(r for r in report.entrypoints if r.entrypoint.path == "svc/trim.py")
    assert trim.entrypoint.line == 4  # the `def main` line


def test_a_discord_bot_class_run_from_main_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "bot/__init__.py": "",
            "bot/bot.py": "from discord.ext import commands\n\n\nclass ThreadBot(commands.Bot):\n    pass\n",
            "bot/__main__.py": "from bot.bot import ThreadBot\n\n\ndef start():\n    ThreadBot(command_prefix='!').run('t')\n\n\n"
            "if __name__ == '__main__':\n    start()\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [("bot/__main__.py", "worker", "discord")]
    assert next(iter(checks.values()))["missing-graceful-shutdown"] == "pass"


def test_loguru_library_setup_and_wrapped_metrics_clients(make_tree: Tree) -> None:
    root = make_tree(
        {
            "olli.py": "import time\n\nimport schedule\nfrom loguru import logger\n\n\n@logger.catch\ndef start():\n"
            "    schedule.every(5).minutes.do(print)\n    while True:\n        schedule.run_pending()\n        time.sleep(1)\n\n\n"
            "if __name__ == '__main__':\n    start()\n",
            "relay.py": "import fedora_messaging\nfrom notifications_utils.clients.statsd.statsd_client import StatsdClient\n\n\n"
            "def main():\n    fedora_messaging.config.conf.setup_logging()\n    while True:\n        poller.poll()\n\n\n"
            "if __name__ == '__main__':\n    main()\n",
        }
    )
    _, checks = summary(root)
    by_path = {key.split(":")[1]: value for key, value in checks.items()}
    assert by_path["olli.py"]["missing-logging"] == "pass"  # loguru logs with time and level by default
    assert by_path["olli.py"]["missing-exit-code"] == "fail"  # @logger.catch swallows every exception
    assert by_path["relay.py"]["missing-logging"] == "pass"
    assert by_path["relay.py"]["missing-metrics"] == "pass"


def test_health_blueprints_mounted_from_a_library(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": "from flask import Flask\nfrom flask_healthz import healthz\n\nfrom views import bp\n\n\ndef create_app():\n"
            "    app = Flask(__name__)\n    app.register_blueprint(healthz, url_prefix='/healthz')\n"
            "    app.register_blueprint(bp)\n    return app\n",
            "views.py": "from flask import Blueprint\n\nbp = Blueprint('views', __name__)\n\n\n@bp.route('/webhook', methods=['POST'])\n"
            "def webhook():\n    return ''\n",
            "other.py": "from fastapi import FastAPI\nfrom vendor import api_router\n\napi = FastAPI()\napi.include_router(api_router, prefix='/api')\n",
        }
    )
    _, checks = summary(root)
    by_path = {key.split(":")[1]: value for key, value in checks.items()}
    assert by_path["app.py"]["missing-health-route"] == "pass"
    assert by_path["app.py"]["missing-readiness-route"] == "pass"
    # Only a mounted router out of sight: no verdict, not a gap.
    assert by_path["other.py"]["missing-health-route"] == "na"


# Shapes from the second held-out round (session 2).


def test_a_module_level_argparse_script_is_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "check_url.py": "import argparse\n\nimport requests\n\nparser = argparse.ArgumentParser()\nparser.add_argument('url')\n"
            "args = parser.parse_args()\ntry:\n    requests.head(args.url, timeout=5)\nexcept requests.ConnectionError:\n"
            "    alert(args.url)\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("check_url.py", "job", "script")]


def test_a_faststream_worker_with_a_probe_server(make_tree: Tree) -> None:
    root = make_tree(
        {
            "main.py": "import asyncio\n\nfrom aiohttp import web\nfrom faststream import FastStream\n"
            "from faststream.rabbit import RabbitBroker\n\nbroker = RabbitBroker('amqp://rabbit')\nroutes = web.RouteTableDef()\n\n\n"
            "@routes.get('/health')\nasync def health(request):\n    return web.Response()\n\n\n@routes.get('/ready')\n"
            "async def ready(request):\n    return web.Response()\n\n\n@broker.subscriber('orders')\nasync def handle(body):\n"
            "    return body\n\n\nasync def main():\n    app = web.Application()\n    app.add_routes(routes)\n"
            "    await asyncio.gather(web._run_app(app), FastStream(broker).run())\n\n\nif __name__ == '__main__':\n"
            "    asyncio.run(main())\n",
            "rq_worker.py": "import redis\nfrom rq import Queue, Worker\n\nif __name__ == '__main__':\n"
            "    Worker([Queue('default')], connection=redis.Redis()).work()\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [("main.py", "worker", "faststream"), ("rq_worker.py", "worker", "rq")]
    assert next(iter(checks.values()))["missing-graceful-shutdown"] == "pass"


# Round 6 (held-out services, 2026-11-29): scripts without a `__main__` block, bots and consumers
# started from another module, app runners, commands outside management/commands/.


def test_module_level_scripts_that_do_work_are_jobs(make_tree: Tree) -> None:
    root = make_tree(
        {
            # calls functions of other project modules at module level (a cron backup)
            "backup.py": "import logging\nimport database as db\n\nlogging.basicConfig(level=logging.INFO)\ndb.dump()\n",
            "database.py": "import subprocess\n\n\ndef dump():\n    subprocess.run(['pg_dump', 'shop'], check=True)\n",
            # calls its own function, then exits
            "cleanup.py": "import sys\n\n\ndef cleanup():\n    return 0\n\n\ncleanup()\nsys.exit(0)\n",
            # only configuration and library calls at import: not a script
            "settings_local.py": "import logging\nimport os\n\nos.environ.setdefault('MODE', 'x')\nlogging.getLogger('a').setLevel(10)\n",
            # a package runs on import; a migration environment is run by alembic
            "pkg/__init__.py": "def setup():\n    pass\n\n\nsetup()\n",
            "alembic/env.py": "from alembic import context\n\n\ndef run_migrations_online():\n    pass\n\n\nrun_migrations_online()\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("backup.py", "job", "script"), ("cleanup.py", "job", "script")]
    report = run([str(root)])
    assert {r.entrypoint.path: r.entrypoint.line for r in report.entrypoints} == {"backup.py": 5, "cleanup.py": 8}


def test_a_bot_defined_in_one_module_and_run_from_another_is_one_worker_where_it_runs(make_tree: Tree) -> None:
    root = make_tree(
        {
            "bot.py": "import discord\nfrom discord.ext import commands\n\nclient = commands.Bot(command_prefix='^', intents=discord.Intents.all())\n",
            "main.py": "import bot\n\nclient = bot.client\nclient.load_extension('cogs.tasks')\nclient.run(bot.token)\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [("main.py", "worker", "discord")]
    assert next(iter(checks.values()))["missing-graceful-shutdown"] == "pass"  # discord.py drains itself


def test_shared_kafka_consumers_are_not_an_entrypoint_the_script_that_starts_the_loops_is(make_tree: Tree) -> None:
    root = make_tree(
        {
            "worker/kafka.py": "from confluent_kafka import Consumer\n\nconsumer = Consumer({'group.id': 'g'})\n",
            "worker/loop.py": (
                "from worker.kafka import consumer\n\n\ndef consume_loop(topic):\n    consumer.subscribe([topic])\n"
                "    while True:\n        msg = consumer.poll(timeout=1.0)\n        handle(msg)\n"
            ),
            "worker/main.py": (
                "import logging\nfrom threading import Thread\n\nfrom worker.loop import consume_loop\n\n"
                "logging.basicConfig(level=logging.INFO)\nthread = Thread(target=consume_loop, args=('t',))\nthread.start()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert eps == [("worker/main.py", "worker", "kafka")]


def test_a_main_block_that_runs_an_app_built_elsewhere_is_not_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/factory.py": "from sanic import Sanic\n\n\ndef create_app():\n    app = Sanic('wallet')\n    return app\n",
            "app/main.py": "from app.factory import create_app\n\napp = create_app()\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8000)\n",
            "tasks/celery_app.py": "from celery import Celery\n\ncelery_app = Celery('bot', broker='redis://redis:6379/0')\n",
            "tasks/worker.py": (
                "import os\nfrom .celery_app import celery_app\n\nif __name__ == '__main__':\n"
                "    concurrency = int(os.getenv('WORKER_CONCURRENCY', '4'))\n"
                "    celery_app.worker_main(['worker', f'--concurrency={concurrency}'])\n"
            ),
            "tasks/__init__.py": "",
            "app/__init__.py": "",
        }
    )
    eps, _ = summary(root)
    assert eps == [("app/factory.py", "api", "sanic"), ("tasks/celery_app.py", "worker", "celery")]


def test_management_command_outside_management_commands(make_tree: Tree) -> None:
    root = make_tree(
        {
            "helpers/opinion_importer.py": (
                "from cl.lib.command_utils import VerboseCommand\n\n\nclass Command(VerboseCommand):\n"
                "    def handle(self, *args, **options):\n        pass\n"
            ),
            "helpers/forms.py": "from django import forms\n\n\nclass Command(forms.Form):\n    pass\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("helpers/opinion_importer.py", "job", "django-command")]


def test_telegram_frameworks_that_stop_on_sigterm_themselves(make_tree: Tree) -> None:
    root = make_tree(
        {
            "aiogram_bot.py": (
                "import asyncio\nfrom aiogram import Bot, Dispatcher\n\n\nasync def main():\n    dp = Dispatcher()\n"
                "    await dp.start_polling(Bot('t'))\n\n\nif __name__ == '__main__':\n    asyncio.run(main())\n"
            ),
            "ptb_bot.py": (
                "from telegram.ext import ApplicationBuilder\n\n\ndef main():\n    app = ApplicationBuilder().token('t').build()\n"
                "    app.run_webhook(listen='0.0.0.0', port=8443)\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
            "telebot_bot.py": "import telebot\n\n\ndef main():\n    bot = telebot.TeleBot('t')\n    bot.infinity_polling()\n\n\nif __name__ == '__main__':\n    main()\n",
        }
    )
    eps, checks = summary(root)
    frameworks = {path: framework for path, _, framework in eps}
    assert frameworks["aiogram_bot.py"] == "aiogram" and frameworks["ptb_bot.py"] == "python-telegram-bot"
    shutdown = {ep.split(":")[1]: c["missing-graceful-shutdown"] for ep, c in checks.items()}
    assert shutdown == {"aiogram_bot.py": "pass", "ptb_bot.py": "pass", "telebot_bot.py": "fail"}


def test_deleting_through_an_http_api_is_destructive(make_tree: Tree) -> None:
    root = make_tree(
        {
            "cleanup.py": (
                "import requests\n\n\ndef main():\n    for item in requests.get('https://api/x', timeout=5).json():\n"
                "        requests.delete('https://api/x/' + item['id'], timeout=5)\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    _, checks = summary(root)
    assert next(iter(checks.values()))["missing-dry-run"] == "fail"


def test_a_job_loop_whose_handler_only_reports_the_error_exits_zero(make_tree: Tree) -> None:
    reports = (
        "import csv\n\nrows = []\nfor row in csv.reader(open('in.csv')):\n    try:\n        rows.append(float(row[1]))\n"
        "    except Exception as e:\n        print(e)\n\nprint(len(rows))\n"
    )
    counts = reports.replace("        print(e)\n", "        failed.append(row)\n").replace(
        "rows = []\n", "rows = []\nfailed = []\n"
    )
    root = make_tree({"report_only.py": reports, "counts_failures.py": counts})
    _, checks = summary(root)
    exit_code = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert exit_code == {"report_only.py": "fail", "counts_failures.py": "pass"}


def test_a_forever_loop_around_a_project_function_that_receives_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/aws/sqs.py": (
                "import boto3\n\nsqs = boto3.client('sqs')\n\n\ndef receive():\n"
                "    return sqs.receive_message(QueueUrl='q', WaitTimeSeconds=20)\n"
            ),
            "main.py": (
                "from app.aws.sqs import receive\n\n\ndef start():\n    while True:\n        try:\n"
                "            messages = receive().get('Messages')\n            handle(messages)\n"
                "        except Exception as ex:\n            print(ex)\n\n\nif __name__ == '__main__':\n    start()\n"
            ),
            # a forever loop around a function that does not receive anything stays what it was
            "report.py": (
                "import time\nfrom app.render import render\n\nif __name__ == '__main__':\n    while True:\n"
                "        render()\n        if done():\n            break\n"
            ),
            "app/render.py": "def render():\n    return 1\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("main.py", "worker", "sqs"), ("report.py", "job", "python")]


def test_nameko_services_and_loafer_managers_are_workers_that_drain_themselves(make_tree: Tree) -> None:
    root = make_tree(
        {
            "risk.py": (
                "from nameko.rpc import rpc\n\n\nclass RiskService:\n    name = 'risk'\n\n    @rpc\n"
                "    def predict(self, payload):\n        return 1\n"
            ),
            "consumer/__main__.py": (
                "from loafer.managers import LoaferManager\nfrom .routes import routes\n\n"
                "manager = LoaferManager(routes=routes)\nmanager.run()\n"
            ),
            "consumer/routes.py": "routes = []\n",
            "consumer/__init__.py": "",
        }
    )
    eps, checks = summary(root)
    assert eps == [("consumer/__main__.py", "worker", "loafer"), ("risk.py", "worker", "nameko")]
    assert {c["missing-graceful-shutdown"] for c in checks.values()} == {"pass"}


def test_a_package_main_that_starts_the_app_of_another_module_is_not_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "pyconsumer/app.py": "import faust\n\napp = faust.App('consumer', broker='kafka://k:9092')\n",
            "pyconsumer/__main__.py": "from pyconsumer.app import app\napp.main()\n",
            "pyconsumer/__init__.py": "",
        }
    )
    eps, _ = summary(root)
    assert eps == [("pyconsumer/app.py", "worker", "faust")]


def test_import_time_calls_of_library_modules_are_not_scripts(make_tree: Tree) -> None:
    root = make_tree(
        {
            # a package module that registers something with its own function at import
            "lib/__init__.py": "",
            "lib/pretty.py": "def for_type(name, printer):\n    pass\n\n\nfor_type('collections.deque', repr)\n",
            # an import-time guard that exits: not a script either
            "completion.py": (
                "import os\nimport sys\n\nif os.environ.get('_COMPLETE'):\n    try:\n        import argcomplete\n"
                "    except ImportError:\n        sys.exit(-1)\n"
            ),
            # a build step's Command, and one on a base bound at run time
            "build.py": "from distutils.core import Command\n\n\nclass Command(Command):\n    pass\n",
            "setup_helpers.py": "import distutils.core\n\n_Command = distutils.core.Command\n\n\nclass Command(_Command):\n    pass\n",
        }
    )
    eps, _ = summary(root)
    assert eps == []


def test_default_passwords_are_reported_with_medium_confidence_and_never_printed(make_tree: Tree) -> None:
    root = make_tree(
        {
            "consumer.py": (
                "import os\n\nBROKER = os.getenv('RABBITMQ_URL', 'amqp://guest:guest@localhost:5672/')\n"
                "conn = connect(host='db', user='postgres', password='postgres')\n"
                "TEMPLATE = 'postgres://user:password@host/db'\n"
            ),
        }
    )
    report = run([str(root)])
    secrets = [(f.line, f.confidence) for f in report.findings if f.name == "hardcoded-secret"]
    # (the broker's default password as an environment read's fallback is the fallback rule's
    # finding alone: said once)
    assert secrets == [(4, "medium")]
    fallbacks = [(f.line, f.confidence) for f in report.findings if f.name == "hardcoded-secret-fallback"]
    assert fallbacks == [(3, "medium")]
    assert not any("guest" in f.message or "postgres" in f.message for f in report.findings)


def test_exit_status_lost_in_a_handler_of_the_failed_command_or_in_another_module(make_tree: Tree) -> None:
    root = make_tree(
        {
            "backup.py": (
                "import subprocess\n\n\ndef backup():\n    try:\n"
                "        subprocess.run(['pg_dump', 'shop'], check=True)\n"
                "    except subprocess.CalledProcessError as e:\n        print(f'backup failed: {e}')\n\n\n"
                "if __name__ == '__main__':\n    backup()\n"
            ),
            "backup_ok.py": (
                "import subprocess\nimport sys\n\n\ndef backup():\n    try:\n"
                "        subprocess.run(['pg_dump', 'shop'], check=True)\n"
                "    except subprocess.CalledProcessError as e:\n        print(f'backup failed: {e}')\n        sys.exit(1)\n\n\n"
                "if __name__ == '__main__':\n    backup()\n"
            ),
            "nightly.py": "import logging\nimport database as db\n\nlogging.basicConfig()\ndb.dump()\n",
            "database.py": "import subprocess\n\n\ndef dump():\n    subprocess.call(['pg_dump', 'shop'])\n",
        }
    )
    _, checks = summary(root)
    exit_code = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert exit_code == {"backup.py": "fail", "backup_ok.py": "pass", "nightly.py": "fail"}


def test_a_working_copy_deleted_and_created_again_is_not_destructive(make_tree: Tree) -> None:
    refresh = (
        "import os\nimport shutil\nimport subprocess\n\n\ndef git_clone(repository, directory):\n"
        "    try:\n        subprocess.run(['git', '-C', directory, 'pull'], check=True)\n"
        "    except subprocess.CalledProcessError:\n        if os.path.exists(directory):\n"
        "            shutil.rmtree(directory)\n        os.makedirs(directory, mode=0o775)\n"
        "        subprocess.run(['git', 'clone', repository, directory], check=True)\n\n\n"
        "if __name__ == '__main__':\n    git_clone('https://example.com/docs.git', 'build/docs')\n"
    )
    purge = refresh.replace("        os.makedirs(directory, mode=0o775)\n", "")
    root = make_tree({"refresh.py": refresh, "purge.py": purge})
    _, checks = summary(root)
    dry_run = {ep.split(":")[1]: c["missing-dry-run"] for ep, c in checks.items()}
    assert dry_run == {"refresh.py": "na", "purge.py": "fail"}


# Found by review of round 6's fixes.


def test_stdlib_names_and_private_set_up_calls_do_not_make_scripts(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/__init__.py": "",
            "app/logging.py": "def setup():\n    pass\n",
            # settings plus a stdlib call whose module name matches a project module's last part
            "gunicorn_conf.py": "import logging\n\nbind = '0.0.0.0:8000'\nworkers = 2\nlogging.basicConfig(level=logging.INFO)\n",
            # a vendored single-file helper that builds a table at import
            "single_module_lib.py": "TABLE = {}\n\n\ndef _build_table():\n    TABLE['a'] = 1\n\n\n_build_table()\n",
        }
    )
    eps, _ = summary(root)
    assert eps == []


def test_the_script_that_runs_a_shared_bot_takes_it_over_not_one_that_only_imports_it(make_tree: Tree) -> None:
    root = make_tree(
        {
            "bot/__init__.py": "",
            "bot/client.py": "import discord\nfrom discord.ext import commands\n\nbot = commands.Bot(command_prefix='!', intents=discord.Intents.default())\n",
            "admin/__init__.py": "",
            "admin/announce.py": "from bot.client import bot\n\n\ndef main():\n    print(bot.command_prefix)\n\n\nif __name__ == '__main__':\n    main()\n",
            "run_bot.py": "import os\nfrom bot.client import bot\n\nif __name__ == '__main__':\n    bot.run(os.environ['TOKEN'])\n",
        }
    )
    eps, _ = summary(root)
    assert ("run_bot.py", "worker", "discord") in eps
    assert ("admin/announce.py", "job", "python") in eps
    assert not any(path == "bot/client.py" for path, _, _ in eps)


def test_a_job_that_calls_run_on_a_task_of_the_worker_module_stays_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/__init__.py": "",
            "app/tasks.py": "from celery import Celery\n\ncelery = Celery('app', broker='redis://r')\n\n\n@celery.task\ndef reindex(doc_id):\n    return doc_id\n",
            "scripts/backfill.py": (
                "import argparse\nfrom app.tasks import reindex\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
                "    parser.add_argument('doc')\n    args = parser.parse_args()\n    reindex.run(args.doc)\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert ("scripts/backfill.py", "job", "argparse") in eps


def test_a_command_class_of_another_framework_is_not_a_management_command(make_tree: Tree) -> None:
    root = make_tree(
        {
            "mybot/cmds.py": "from discord.ext import commands\n\n\nclass Command(commands.Command):\n    def handle(self):\n        pass\n",
            "tools/importer.py": (
                "from django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n        pass\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert eps == [("tools/importer.py", "job", "django-command")]


# Round 7 (held-out services, 2026-11-30).


def test_a_module_level_loop_on_a_star_imported_receive_wrapper_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "sqs_util.py": (
                "import boto3\n\nsqs = boto3.client('sqs')\n\n\ndef receive_message(url):\n"
                "    return sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)\n"
            ),
            "web_tier.py": (
                "from sqs_util import *\n\nwhile True:\n    response = receive_message('q')\n"
                "    for message in response.get('Messages', []):\n        print(message)\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert eps == [("web_tier.py", "worker", "sqs")]


def test_weak_passwords_by_name_and_key_value_options(make_tree: Tree) -> None:
    root = make_tree(
        {
            "etl.py": (
                "import psycopg2\n\nconn = psycopg2.connect(host='db', user='app', password='potgres')\n"
                "df = spark.read.format('jdbc').option('user', 'app').option('password', 'postgres').load()\n"
                "form = {'password': 'password'}\nPASSWORD_FIELD = 'password_hash'\n"
            ),
        }
    )
    report = run([str(root)])
    secrets = [(f.line, f.confidence) for f in report.findings if f.name == "hardcoded-secret"]
    assert secrets == [(3, "medium"), (4, "medium")]
    assert not any("potgres" in f.message for f in report.findings)


def test_bottle_default_app_its_dev_server_and_a_script_running_another_app(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/api.py": "from bottle import route\n\n\n@route('/health')\ndef health():\n    return 'ok'\n",
            "app/launch.py": (
                "import bottle\nimport api\n\napp = bottle.app()\n\nif __name__ == '__main__':\n"
                "    bottle.debug(True)\n    bottle.run(app=app, host='localhost', port=8080)\n"
            ),
            "app/managed_routes.py": "from bottle import Bottle\n\napp = Bottle()\napp.route('/', 'GET', lambda: 'hi')\n",
            "app/run_managed.py": "import os\nfrom managed_routes import app\n\napp.run(host='localhost', port=os.environ.get('PORT', 9000))\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("app/launch.py", "api", "bottle"), ("app/managed_routes.py", "api", "bottle")]


def test_a_cli_that_asks_to_confirm_one_step_is_still_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "copy_tool.py": (
                "import argparse\nimport sys\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
                "    parser.add_argument('command')\n    args = parser.parse_args()\n"
                "    if args.command == 'delete' and input('sure? ') != 'y':\n        return 1\n    return 0\n\n\n"
                "if __name__ == '__main__':\n    sys.exit(main())\n"
            ),
            "menu.py": "def main():\n    while input('> ') != 'q':\n        pass\n\n\nif __name__ == '__main__':\n    main()\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("copy_tool.py", "job", "argparse")]


def test_periodiq_actors_make_their_module_a_scheduled_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "tq/__init__.py": (
                "import dramatiq\nfrom dramatiq.brokers.redis import RedisBroker\nfrom periodiq import PeriodiqMiddleware\n\n"
                "broker = RedisBroker(host='redis')\nbroker.add_middleware(PeriodiqMiddleware(skip_delay=30))\ndramatiq.set_broker(broker)\n"
            ),
            "tq/scheduled_tasks.py": (
                "import dramatiq\nfrom periodiq import cron\n\n\n@dramatiq.actor(periodic=cron('*/5 * * * *'))\n"
                "def refresh():\n    pass\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert ("tq/scheduled_tasks.py", "job", "periodiq") in eps


def test_a_script_a_scheduler_imports_is_a_job_of_its_own_but_an_imported_helper_is_not(make_tree: Tree) -> None:
    root = make_tree(
        {
            "clock.py": (
                "import time\n\nimport schedule\n\nimport worker\n\nschedule.every().day.at('03:00').do(worker.main)\n\n"
                "while True:\n    schedule.run_pending()\n    time.sleep(60)\n"
            ),
            "worker.py": "import helpers\n\n\ndef main():\n    helpers.load()\n\n\nif __name__ == '__main__':\n    main()\n",
            "helpers.py": "def load():\n    return 1\n\n\ndef demo():\n    print(load())\n\n\nif __name__ == '__main__':\n    demo()\n",
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("clock.py", "job"), ("worker.py", "job")]


# Round 8 (blind held-out services): failures reported and carried on, new consumer shapes.


def _exit_code(root: Path) -> dict[str, str]:
    _, checks = summary(root)
    return {ident.split(":")[1]: rules["missing-exit-code"] for ident, rules in checks.items()}


def test_a_database_error_only_printed_loses_the_failure_but_a_skipped_duplicate_does_not(make_tree: Tree) -> None:
    root = make_tree(
        {
            "lost.py": (
                "import psycopg2\n\n\ndef main():\n    try:\n        conn = psycopg2.connect('')\n        conn.cursor().execute('SELECT 1')\n"
                "    except psycopg2.OperationalError as error:\n        print('not connected', error)\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
            "kept.py": (
                "import sqlite3\n\n\ndef main(rows):\n    conn = sqlite3.connect('x.db')\n    for row in rows:\n        try:\n"
                "            conn.execute('INSERT INTO t VALUES (?)', row)\n        except sqlite3.IntegrityError:\n            continue\n\n\n"
                "if __name__ == '__main__':\n    main([])\n"
            ),
        }
    )
    assert _exit_code(root) == {"lost.py": "fail", "kept.py": "pass"}


def test_a_failed_status_that_is_only_printed_is_lost_unless_it_is_raised_after(make_tree: Tree) -> None:
    root = make_tree(
        {
            "cleanup.py": (
                "import requests\n\n\ndef cleanup():\n    r = requests.get('https://x', timeout=5)\n    if r.status_code == 200:\n"
                "        requests.delete('https://x/1', timeout=5)\n    else:\n        print('HTTP error', r.status_code)\n\n\n"
                "cleanup()\n"
            ),
            "snapshot.py": (
                "import sys\n\nimport requests\n\n\ndef main():\n    response = requests.put('https://x', timeout=5)\n"
                "    if not response.ok:\n        print('failed', response.status_code, file=sys.stderr)\n"
                "    response.raise_for_status()\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
            "probe.py": (
                "import requests\n\n\ndef main():\n    r = requests.get('https://x', timeout=5)\n    if r.status_code == 404:\n"
                "        print('not there yet')\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    assert _exit_code(root) == {"cleanup.py": "fail", "snapshot.py": "pass", "probe.py": "pass"}


def test_a_command_run_at_module_level_without_check_drops_its_status(make_tree: Tree) -> None:
    root = make_tree(
        {
            "tunnel.py": "import subprocess\n\ncmd = 'autossh -fN host'\nsubprocess.run(cmd.split())\n",
            "sync.py": "import subprocess\n\nsubprocess.run(['rsync', '-a', 'a/', 'b/'], check=True)\n",
        }
    )
    assert _exit_code(root) == {"tunnel.py": "fail", "sync.py": "pass"}


def test_a_schedule_process_answers_for_the_jobs_it_runs_but_apscheduler_does_not(make_tree: Tree) -> None:
    root = make_tree(
        {
            "backup/backup.py": "import subprocess\n\n\ndef main():\n    subprocess.run(['rsync', '-a', 'src/', 'dst/'])\n",
            "backup/scheduler.py": (
                "import time\n\nimport schedule\n\nimport backup\n\n\ndef job():\n    backup.main()\n\n\n"
                "schedule.every().day.at('01:00').do(job)\n\nwhile True:\n    schedule.run_pending()\n    time.sleep(1)\n"
            ),
            "clock/clock.py": (
                "from apscheduler.schedulers.blocking import BlockingScheduler\n\nsched = BlockingScheduler()\n\n\n"
                "@sched.scheduled_job('interval', minutes=15)\ndef tick():\n    try:\n        run()\n    except Exception as e:\n"
                "        print(e)\n\n\nsched.start()\n"
            ),
        }
    )
    assert _exit_code(root) == {"backup/scheduler.py": "fail", "clock/clock.py": "pass"}


def test_a_failure_lost_one_call_below_main_is_found(make_tree: Tree) -> None:
    root = make_tree(
        {
            "jobs_list.py": (
                "import sqlite3\n\n\ndef populate(rows):\n    conn = sqlite3.connect('jobs.db')\n    for row in rows:\n        try:\n"
                "            conn.execute('INSERT OR IGNORE INTO jobs VALUES (?)', row)\n        except sqlite3.Error as e:\n"
                "            print(e)\n\n\ndef main():\n    populate([])\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    assert _exit_code(root) == {"jobs_list.py": "fail"}


def test_mqtt_rabbitmq_and_shared_bot_shapes(make_tree: Tree) -> None:
    root = make_tree(
        {
            "mqtt/subscriber.py": (
                "import paho.mqtt.client as mqtt\n\n\ndef on_message(client, userdata, msg):\n    print(msg.payload)\n\n\n"
                "client = mqtt.Client('sub')\nclient.on_message = on_message\nclient.connect('localhost', 1883)\n"
                "client.subscribe('a')\nclient.loop_forever()\n"
            ),
            "mqtt/publisher.py": (
                "import paho.mqtt.client as mqtt\n\nclient = mqtt.Client('pub')\nclient.connect('localhost', 1883)\n"
                "client.publish('a', 'level 80%')\nclient.disconnect()\n"
            ),
            "rabbit/consumer.py": (
                "import asyncio\n\nimport aio_pika\n\n\nasync def main():\n    connection = await aio_pika.connect_robust('amqp://rabbitmq/')\n"
                "    async with connection:\n        channel = await connection.channel()\n        queue = await channel.declare_queue('tasks')\n"
                "        async with queue.iterator() as messages:\n            async for message in messages:\n"
                "                async with message.process():\n                    print(message.body)\n\n\n"
                "if __name__ == '__main__':\n    asyncio.run(main())\n"
            ),
            "back/app/__init__.py": (
                "import asyncio\n\nfrom app.handlers import handle\n\n\nclass App:\n    def __init__(self, tasks):\n"
                "        self.loop = asyncio.get_event_loop()\n        self.tasks = tasks\n\n    def start_app(self):\n"
                "        for task in self.tasks:\n            asyncio.ensure_future(task, loop=self.loop)\n        self.loop.run_forever()\n\n\n"
                "app = App([handle()])\n"
            ),
            "back/app/handlers.py": (
                "import aio_pika\n\n\nasync def on_message(message):\n    print(message.body)\n\n\nasync def handle():\n"
                "    connection = await aio_pika.connect('amqp://rabbitmq/')\n    channel = await connection.channel()\n"
                "    queue = await channel.declare_queue('set_value')\n    await queue.consume(on_message, no_ack=True)\n"
            ),
            "back/run.py": "from app import app\n\nif __name__ == '__main__':\n    app.start_app()\n",
            "bot/init_bot.py": "import telebot\n\nfrom config import TOKEN\n\nbot = telebot.TeleBot(TOKEN)\n",
            "bot/config.py": "import os\n\nTOKEN = os.environ['TOKEN']\n",
            "bot/main.py": "from init_bot import bot\n\nif __name__ == '__main__':\n    print('active')\n    bot.infinity_polling()\n",
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [
        ("back/run.py", "worker"),
        ("bot/main.py", "worker"),
        ("mqtt/publisher.py", "job"),
        ("mqtt/subscriber.py", "worker"),
        ("rabbit/consumer.py", "worker"),
    ]


def test_batch_reads_and_django_iterators_are_not_consumers(make_tree: Tree) -> None:
    root = make_tree(
        {
            "report.py": (
                "from confluent_kafka import Consumer\n\nfrom shop.models import Order\n\n\nasync def export():\n"
                "    async for order in Order.objects.all():\n        print(order)\n\n\ndef main():\n"
                "    for order in Order.objects.iterator():\n        print(order)\n    consumer = Consumer({})\n"
                "    batch = consumer.consume(10)\n    print(batch)\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("report.py", "job")]


def test_sanic_blueprints_and_the_sanic_ext_health_endpoint(make_tree: Tree) -> None:
    root = make_tree(
        {
            "service/__init__.py": (
                "from sanic import Sanic\n\nfrom service.routes import bp\n\napp = Sanic('Payments')\napp.blueprint(bp)\n"
                "app.config.HEALTH = True\napp.config.HEALTH_ENDPOINT = True\n"
            ),
            "service/routes.py": (
                "from sanic import json\nfrom sanic.blueprints import Blueprint\n\nbp = Blueprint('pay', url_prefix='/api')\n\n\n"
                "@bp.post('/sale')\nasync def sale(request):\n    return json({})\n"
            ),
        }
    )
    _, checks = summary(root)
    [rules] = checks.values()
    assert (rules["missing-health-route"], rules["missing-readiness-route"]) == ("pass", "fail")


def test_kubernetes_deletions_and_shell_rm_need_a_dry_run(make_tree: Tree) -> None:
    root = make_tree(
        {
            "cleaner.py": (
                "from kubernetes import client, config\n\n\ndef main():\n    config.load_incluster_config()\n"
                "    api = client.CoreV1Api()\n    for ns in api.list_namespace().items:\n"
                "        api.delete_namespace(ns.metadata.name)\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
            "prune.py": (
                "import subprocess\n\n\ndef main(old):\n    for path in old:\n        subprocess.run(f'sudo rm -rf {path}'.split(), check=True)\n\n\n"
                "if __name__ == '__main__':\n    main([])\n"
            ),
            "scratch.py": (
                "import subprocess\n\n\ndef main(tmp_dir):\n    subprocess.run(f'rm -rf {tmp_dir}'.split(), check=True)\n\n\n"
                "if __name__ == '__main__':\n    main('x')\n"
            ),
        }
    )
    _, checks = summary(root)
    dry = {ident.split(":")[1]: rules["missing-dry-run"] for ident, rules in checks.items()}
    assert dry == {"cleaner.py": "fail", "prune.py": "fail", "scratch.py": "na"}


# Round 9 (blind held-out services).


def test_a_websocket_client_script_is_a_worker_even_when_a_helper_imports_it(make_tree: Tree) -> None:
    root = make_tree(
        {
            "misskey/app.py": (
                "import websocket\n\nURL = 'https://example.org/api'\n\n\nclass Client:\n    def __init__(self, host):\n"
                "        self.ws = websocket.WebSocketApp(host, on_message=lambda ws, m: print(m))\n\n"
                "    def run_forever(self):\n        self.ws.run_forever()\n\n\nclient = Client('wss://example.org/streaming')\n"
                "client.run_forever()\n"
            ),
            "misskey/notify.py": "import requests\nfrom app import URL\n\n\ndef notify():\n    requests.post(URL, timeout=5)\n",
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("misskey/app.py", "worker")]


def test_a_module_of_definitions_nothing_runs_is_not_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "ingest/kafka_consumer.py": (
                "from kafka import KafkaConsumer\n\n\ndef sherlock_consumer():\n    consumer = KafkaConsumer('jobs')\n"
                "    for message in consumer:\n        print(message)\n"
            ),
            "consumers/run.py": (
                "from kafka import KafkaConsumer\n\n\ndef consume():\n    consumer = KafkaConsumer('jobs')\n"
                "    for message in consumer:\n        print(message)\n\n\nconsume()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("consumers/run.py", "worker")]


def test_slack_bolt_socket_mode_does_not_drain_on_sigterm_by_itself(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": (
                "import os\n\nfrom slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler\n\n"
                "app = App(token=os.environ.get('SLACK_BOT_TOKEN'))\n\nif __name__ == '__main__':\n"
                "    handler = SocketModeHandler(app, os.environ.get('SLACK_APP_TOKEN'))\n    handler.start()\n"
            ),
        }
    )
    _, checks = summary(root)
    [rules] = checks.values()
    assert rules["missing-graceful-shutdown"] == "fail"


def test_an_rq_worker_reaches_the_functions_the_project_enqueues(make_tree: Tree) -> None:
    root = make_tree(
        {
            "worker.py": (
                "import redis\nfrom rq import Queue, Worker\n\nconn = redis.from_url('redis://localhost:6379')\n\n"
                "if __name__ == '__main__':\n    Worker([Queue('default', connection=conn)]).work()\n"
            ),
            "app.py": (
                "from flask import Flask\nfrom rq import Queue\n\nfrom src.sync import sync_page\nfrom worker import conn\n\n"
                "app = Flask(__name__)\nq = Queue(connection=conn)\n\n\n@app.post('/import')\ndef start():\n"
                "    q.enqueue_call(sync_page, ('page',))\n    return 'scheduled'\n"
            ),
            "src/sync.py": (
                "def sync_page(page_id, cursor=None):\n    cursor.execute('INSERT INTO contexts (page_id) VALUES (%s)', (page_id,))\n"
            ),
        }
    )
    report = run([str(root)])
    [worker] = [r for r in report.entrypoints if r.entrypoint.kind == "worker"]
    assert "src/sync.py" in worker.entrypoint.reach
    assert [(f.name, f.path) for f in report.findings if f.name == "non-idempotent-insert"] == [
        ("non-idempotent-insert", "src/sync.py")
    ]


def test_machine_paths_with_spaces_and_connection_string_passwords(make_tree: Tree) -> None:
    root = make_tree(
        {
            "etl.py": (
                "import pyodbc\n\nDIR = r'C:\\Users\\Ann Lee\\Desktop\\Power BI'\n"
                "cnxn = pyodbc.connect(r'DRIVER={ODBC Driver 17 for SQL Server};SERVER=.\\SQLEXPRESS;UID=sa;PWD=Rk7!mq2Ze')\n"
                "TEMPLATE = 'SERVER={host};UID={user};PWD={password}'\nSQLITE = {'username': 'sqlite3', 'password': 'sqlite3'}\n"
            ),
        }
    )
    report = run([str(root)])
    found = sorted((f.name, f.line) for f in report.findings if f.name in {"hardcoded-path", "hardcoded-secret"})
    assert found == [("hardcoded-path", 3), ("hardcoded-secret", 4)]
    assert all("Rk7!mq2Ze" not in f.message for f in report.findings)


def test_a_main_that_only_prints_is_not_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "notifier.py": (
                "import smtplib\n\n\ndef send(emails):\n    with smtplib.SMTP('smtp.example.org', 587) as server:\n"
                "        server.sendmail('a@example.org', emails, 'hi')\n\n\ndef main():\n    print('Success!')\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
            "sender.py": (
                "import smtplib\n\n\ndef main():\n    with smtplib.SMTP('smtp.example.org', 587) as server:\n"
                "        server.sendmail('a@example.org', ['b@example.org'], 'hi')\n    print('sent')\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("sender.py", "job")]


# Round 10 (blind held-out services).


def test_a_pyramid_app_factory_is_an_api_not_a_console_script(make_tree: Tree) -> None:
    root = make_tree(
        {
            "setup.py": (
                "from setuptools import setup\n\nsetup(\n    name='ec2',\n    entry_points={\n"
                "        'paste.app_factory': ['main = ec2:main'],\n        'console_scripts': ['ec2-report = ec2.report:run'],\n"
                "    },\n)\n"
            ),
            "ec2/__init__.py": (
                "from pyramid.config import Configurator\n\n\ndef main(global_config, **settings):\n"
                "    with Configurator(settings=settings) as config:\n        config.include('.routes')\n        config.scan()\n"
                "    return config.make_wsgi_app()\n"
            ),
            "ec2/routes.py": "def includeme(config):\n    config.add_route('home', '/')\n    config.add_route('block', '/api/block')\n",
            "ec2/report.py": "import boto3\n\n\ndef run():\n    print(boto3.client('ec2').describe_instances())\n",
        }
    )
    eps, checks = summary(root)
    assert [(path, kind, fw) for path, kind, fw in eps] == [
        ("ec2/__init__.py", "api", "pyramid"),
        ("ec2/report.py", "job", "python"),
    ]
    api = checks["api:ec2/__init__.py:config"]
    assert (api["missing-health-route"], api["missing-logging"]) == ("fail", "pass")


def test_aiohttp_add_route_takes_the_path_after_the_method(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": (
                "from aiohttp import web\n\n\nasync def probe(request):\n    return web.Response(text='ok')\n\n\n"
                "async def items(request):\n    return web.json_response([])\n\n\n"
                "app = web.Application()\napp.router.add_route('GET', '/healthz', probe)\n"
                "app.router.add_route('GET', '/items', items)\n"
            ),
        }
    )
    _, checks = summary(root)
    [rules] = checks.values()
    assert rules["missing-health-route"] == "pass"


def test_a_script_whose_function_the_app_also_imports_is_still_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "init_db.py": (
                "from sqlalchemy import create_engine\n\n\ndef init_db():\n    engine = create_engine('postgresql://db/app')\n"
                "    engine.connect().execute('CREATE TABLE IF NOT EXISTS posts (id int)')\n\n\n"
                "if __name__ == '__main__':\n    init_db()\n"
            ),
            "demo.py": "class Client:\n    def members(self):\n        return []\n\n\nif __name__ == '__main__':\n    print(Client().members())\n",
            "api/main.py": (
                "from aiohttp import web\n\nfrom demo import Client\nfrom init_db import init_db\n\n\n"
                "async def health(request):\n    return web.Response(text='ok')\n\n\ndef main():\n    init_db()\n"
                "    app = web.Application()\n    app.router.add_get('/health', health)\n    web.run_app(app)\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("api/main.py", "api"), ("init_db.py", "job")]


def test_sqlalchemy_core_deletes_and_sql_in_f_strings_are_destructive(make_tree: Tree) -> None:
    root = make_tree(
        {
            "cleaner.py": (
                "import asyncio\n\nfrom sqlalchemy import delete\n\nfrom models import Lesson\n\n\nasync def main(session):\n"
                "    await session.execute(delete(Lesson).where(Lesson.expired))\n\n\nif __name__ == '__main__':\n"
                "    asyncio.run(main(None))\n"
            ),
            "models.py": "class Lesson:\n    expired = True\n",
            "load.py": (
                "def main(cursor, table):\n    cursor.execute(f'DROP TABLE IF EXISTS {table}')\n\n\n"
                "if __name__ == '__main__':\n    main(None, 'it_salary')\n"
            ),
        }
    )
    _, checks = summary(root)
    dry = {ident.split(":")[1]: rules["missing-dry-run"] for ident, rules in checks.items()}
    assert dry == {"cleaner.py": "fail", "load.py": "fail"}


def test_a_bot_framework_does_not_stop_the_services_own_forever_loop(make_tree: Tree) -> None:
    poller = (
        "import asyncio\n\n\nasync def poll_loop(bot):\n    while True:\n        await bot.send_message(1, 'tick')\n"
        "        await asyncio.sleep(600)\n"
    )
    main = (
        "import asyncio\n\nfrom aiogram import Bot, Dispatcher\n\n{extra}\n\nasync def main():\n    bot = Bot('t')\n"
        "    dp = Dispatcher()\n    await asyncio.gather(dp.start_polling(bot){task})\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    root = make_tree(
        {
            "with_loop/updates.py": poller,
            "with_loop/bot.py": main.format(extra="from updates import poll_loop", task=", poll_loop(bot)"),
            "plain/bot.py": main.format(extra="", task=""),
        }
    )
    _, checks = summary(root)
    shutdown = {ident.split(":")[1]: rules["missing-graceful-shutdown"] for ident, rules in checks.items()}
    assert shutdown == {"plain/bot.py": "pass", "with_loop/bot.py": "fail"}


def test_a_load_step_in_another_module_that_logs_and_carries_on_loses_the_failure(make_tree: Tree) -> None:
    root = make_tree(
        {
            "load.py": (
                "import logging\n\n\ndef load_to_mysql(df, table):\n    try:\n        df.to_sql(table, 'mysql://db')\n"
                "    except Exception as e:\n        logging.error(f'load failed: {e}')\n"
            ),
            "main.py": "from load import load_to_mysql\n\n\ndef main():\n    load_to_mysql(None, 't')\n\n\nif __name__ == '__main__':\n    main()\n",
        }
    )
    assert _exit_code(root) == {"main.py": "fail"}


def test_censored_values_are_not_passwords(make_tree: Tree) -> None:
    root = make_tree(
        {
            "log.py": (
                "def censor(logger, name, event_dict):\n    if event_dict.get('password'):\n"
                "        event_dict['password'] = '*CENSORED*'\n    return event_dict\n"
            ),
        }
    )
    report = run([str(root)])
    assert [f for f in report.findings if f.name == "hardcoded-secret"] == []


def test_debug_mode_is_reported_at_the_debug_argument(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": "from starlette.applications import Starlette\n\napp = Starlette(\n    debug=True,\n    routes=[],\n)\n"
        }
    )
    report = run([str(root)])
    assert [(f.line, f.column) for f in report.findings if f.name == "debug-mode-enabled"] == [(4, 5)]


def test_a_flask_cli_whose_command_starts_the_rq_worker_is_the_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/__init__.py": (
                "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n\n"
                "    @app.get('/health')\n    def health():\n        return 'ok'\n\n    return app\n"
            ),
            "manage.py": (
                "import redis\nfrom flask.cli import FlaskGroup\nfrom rq import Connection, Worker\n\nfrom app import create_app\n\n"
                "app = create_app()\ncli = FlaskGroup(create_app=create_app)\n\n\n@cli.command('run_worker')\ndef run_worker():\n"
                "    with Connection(redis.from_url('redis://redis:6379')):\n        worker = Worker(['default'])\n"
                "        worker.work()\n\n\nif __name__ == '__main__':\n    cli()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("app/__init__.py", "api"), ("manage.py", "worker")]


# Session 5: leftovers of the earlier rounds ------------------------------------------------


def test_a_retry_loop_that_gives_up_silently_loses_the_failure(make_tree: Tree) -> None:
    body = (
        "import time\n\nfrom sqlalchemy import create_engine\nfrom sqlalchemy.exc import OperationalError\n\n\n"
        "def init_db():\n    engine = create_engine('sqlite://')\n    {loop}\n        try:\n"
        "            engine.connect()\n            {leave}\n        except OperationalError:\n"
        "            {count}time.sleep(5)\n{after}\n\nif __name__ == '__main__':\n    init_db()\n"
    )
    gives_up = body.format(
        loop="tries = 3\n    while tries > 0:", leave="return", count="tries -= 1\n            ", after=""
    )
    raises = body.format(
        loop="for _ in range(3):", leave="break", count="", after="    else:\n        raise SystemExit('no database')\n"
    )
    forever = body.format(loop="while True:", leave="return", count="", after="")
    root = make_tree({"gives_up.py": gives_up, "raises.py": raises, "forever.py": forever})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"forever.py": "pass", "gives_up.py": "fail", "raises.py": "pass"}


def test_a_placeholder_word_given_to_a_connection_call_is_a_password(make_tree: Tree) -> None:
    root = make_tree(
        {
            "db.py": (
                "import psycopg2\n\n\ndef connect():\n"
                "    return psycopg2.connect(host='localhost', port='1324', password='default')\n"
            ),
            "settings.py": "DB_PASSWORD = 'default'\nREDIS = dict(password='default')\n",
            "empty.py": "import redis\n\nr = redis.Redis(host='localhost', password='')\n",
        }
    )
    report = run([str(root)])
    found = [(f.path, f.line) for f in report.findings if f.name == "hardcoded-secret"]
    assert found == [("db.py", 5)]
    assert "default" not in report.findings[0].message


# Round 12 ------------------------------------------------------------------------------------


def test_a_tornado_app_returned_by_a_factory_and_a_runner_script(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/__init__.py": (
                "from tornado.web import Application\nfrom app.urls import urls\n\n\n"
                "def make_app():\n    return Application(handlers=urls)\n\n\napp = make_app()\n"
            ),
            "app/urls.py": "from app.handlers import MainHandler\n\nurls = [(r'/api/users/(.*)', MainHandler)]\n",
            "app/handlers.py": "from tornado.web import RequestHandler\n\n\nclass MainHandler(RequestHandler):\n    pass\n",
            "main.py": (
                "from tornado.ioloop import IOLoop\nfrom app import app\n\n\n"
                "app.listen(8888)\nIOLoop.instance().start()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert eps == [("app/__init__.py", "api", "tornado")]


def test_start_up_work_in_a_wsgi_module_is_not_a_job(make_tree: Tree) -> None:
    app = (
        "import connexion\n\n\ndef create_app():\n    connexion_app = connexion.FlaskApp(__name__)\n"
        "    return connexion_app\n\n\ndef on_startup():\n    pass\n"
    )
    startup = (
        "import api\n\nconnexion_app = api.create_app()\napp = connexion_app.app\n\n"
        "with app.app_context():\n    api.on_startup()\n"
    )
    root = make_tree({"api/__init__.py": app, "wsgi.py": startup, "warm_cache.py": startup})
    eps, _ = summary(root)
    assert eps == [("api/__init__.py", "api", "connexion"), ("warm_cache.py", "job", "script")]


def test_a_method_that_logs_the_failure_and_returns_loses_it(make_tree: Tree) -> None:
    initializer = (
        "import logging\n\nimport psycopg2\n\nlogger = logging.getLogger(__name__)\n\n\n"
        "class DBInitializer:\n    def create_tables(self):\n        try:\n"
        "            psycopg2.connect('').cursor().execute('CREATE TABLE t (id int)')\n"
        "        except (psycopg2.DatabaseError, Exception) as e:\n            logger.exception(e)\n\n\n"
        "def main():\n    DBInitializer().create_tables()\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    parser = (
        "import asyncio\nimport logging\n\nlogger = logging.getLogger(__name__)\n\n\n"
        "class BaseParser:\n    async def start(self):\n        try:\n            await self.load_data()\n"
        "        except Exception:\n            logger.exception('')\n\n\n"
        "class NewsParser(BaseParser):\n    async def load_data(self):\n        pass\n\n\n"
        "async def parsing():\n    parser = NewsParser()\n    await parser.start()\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(parsing())\n"
    )
    raising = parser.replace("logger.exception('')", "logger.exception('')\n            raise")
    root = make_tree({"db_initializer.py": initializer, "parser.py": parser, "raising.py": raising})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"db_initializer.py": "fail", "parser.py": "fail", "raising.py": "pass"}


def test_a_settings_model_named_worker_settings_is_not_an_arq_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "worker/settings.py": (
                "from pydantic_settings import BaseSettings\n\n\nclass WorkerSettings(BaseSettings):\n"
                "    REDIS_URL: str\n\n\nworker_settings = WorkerSettings()\n"
            ),
            "worker/__init__.py": "",
        }
    )
    eps, _ = summary(root)
    assert eps == []


def test_schedule_jobs_set_up_in_a_module_the_bot_imports_are_a_job_beside_the_bot(make_tree: Tree) -> None:
    # In-process schedulers are jobs of their own (the issue lists `schedule` and APScheduler
    # variants among jobs): the scheduled work needs a heartbeat whatever process hosts it.
    root = make_tree(
        {
            "scheduler.py": (
                "import threading\nimport time\n\nimport schedule\n\n\nclass Monitor:\n"
                "    def _run(self):\n        schedule.every(5).minutes.do(self.check)\n"
                "        while True:\n            schedule.run_pending()\n            time.sleep(1)\n\n"
                "    def check(self):\n        pass\n\n"
                "    def start(self):\n        threading.Thread(target=self._run, daemon=True).start()\n"
            ),
            "main.py": (
                "from telegram.ext import Application\nfrom scheduler import Monitor\n\n\ndef main():\n"
                "    application = Application.builder().token('x').build()\n    Monitor().start()\n"
                "    application.run_polling()\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("main.py", "worker"), ("scheduler.py", "job")]


def test_a_tornado_option_default_is_bound_to_the_option_name(make_tree: Tree) -> None:
    root = make_tree(
        {
            "options.py": (
                "from tornado.options import define\n\n\ndef load():\n"
                "    define('db_name', default='schedule')\n    define('secret', default='Zq8!vR2#kLp9$wX4')\n"
            )
        }
    )
    report = run([str(root)])
    assert [(f.name, f.line) for f in report.findings if f.name == "hardcoded-secret"] == [("hardcoded-secret", 6)]


def test_a_sqlmodel_delete_is_a_deletion(make_tree: Tree) -> None:
    root = make_tree(
        {
            "cron.py": (
                "import asyncio\nimport time\n\nfrom sqlmodel import delete\n\nfrom models import Token, session\n\n\n"
                "async def purge():\n    async with session() as s:\n"
                "        await s.execute(delete(Token).where(Token.expires < int(time.time())))\n\n\n"
                "if __name__ == '__main__':\n    asyncio.run(purge())\n"
            ),
            "models.py": "Token = object()\n\n\ndef session():\n    pass\n",
        }
    )
    _, checks = summary(root)
    assert [c["missing-dry-run"] for c in checks.values()] == ["fail"]


# Round 13 ------------------------------------------------------------------------------------


def test_a_handler_that_reports_and_rolls_back_still_loses_the_failure(make_tree: Tree) -> None:
    save = (
        "import psycopg2\n\n\ndef save(row):\n    conn = None\n    try:\n        conn = psycopg2.connect('')\n"
        "        conn.cursor().execute('INSERT INTO cars VALUES (%s)', row)\n        conn.commit()\n"
        "    except Exception as e:\n        print('database error', e)\n        if conn:\n            conn.rollback()\n"
    )
    job = "from database import save\n\n\ndef main():\n    save((1,))\n\n\nif __name__ == '__main__':\n    main()\n"
    root = make_tree({"database.py": save, "main.py": job})
    _, checks = summary(root)
    assert [c["missing-exit-code"] for c in checks.values()] == ["fail"]


def test_pymongo_delete_many_is_a_deletion(make_tree: Tree) -> None:
    root = make_tree(
        {
            "cleaner.py": (
                "from pymongo import MongoClient\n\n\ndef main():\n    collection = MongoClient()['db']['events']\n"
                "    collection.delete_many({'createdAt': {'$lt': 0}})\n\n\nif __name__ == '__main__':\n    main()\n"
            )
        }
    )
    _, checks = summary(root)
    assert [c["missing-dry-run"] for c in checks.values()] == ["fail"]


def test_tornado_route_tables_are_the_apps_routes(make_tree: Tree) -> None:
    app = (
        "from tornado.web import Application\n\nfrom urls import urls\n\n\n"
        "def make_app():\n    return Application(urls)\n\n\napp = make_app()\n"
    )
    urls = "from handlers import MainHandler\n\nurls = [\n    (r'/api/users/(.*)', MainHandler),\n]\n"
    healthy = urls.replace("]\n", "    (r'/healthz', HealthHandler),\n]\n").replace(
        "import MainHandler", "import HealthHandler, MainHandler"
    )
    handlers = "class MainHandler:\n    pass\n\n\nclass HealthHandler:\n    pass\n"
    for table, status in ((urls, "fail"), (healthy, "pass")):
        root = make_tree({"app.py": app, "urls.py": table, "handlers.py": handlers})
        _, checks = summary(root)
        assert [c["missing-health-route"] for c in checks.values()] == [status]


def test_a_poller_that_runs_until_a_flag_is_flipped_is_a_worker(make_tree: Tree) -> None:
    watcher = (
        "import asyncio\nimport signal\n\n\nclass Watcher:\n    def __init__(self):\n        self._running = True\n\n"
        "    async def watch(self):\n        while self._running:\n            await self.check()\n"
        "            await asyncio.sleep(60)\n\n    async def check(self):\n        pass\n\n\n"
        "def main():\n    asyncio.run(Watcher().watch())\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    stop_event = (
        "import threading\nimport time\n\nstop = threading.Event()\n\n\ndef main():\n"
        "    while not stop.is_set():\n        poll()\n        time.sleep(5)\n\n\ndef poll():\n    pass\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    once = "import time\n\n\ndef main():\n    ready = False\n    while not ready:\n        time.sleep(1)\n        ready = True\n\n\nif __name__ == '__main__':\n    main()\n"
    root = make_tree({"watcher.py": watcher, "poller.py": stop_event, "once.py": once})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [
        ("once.py", "job"),
        ("poller.py", "worker"),
        ("watcher.py", "worker"),
    ]


def test_a_management_command_that_only_reports_failures_exits_zero(make_tree: Tree) -> None:
    command = (
        "from django.core.management.base import BaseCommand\n\nfrom shop.models import Watch\n\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n        for item in []:\n"
        "            try:\n                Watch.objects.get_or_create(title=item)\n            except Exception as e:\n"
        "                self.stdout.write(self.style.ERROR(str(e)))\n"
    )
    raising = command.replace("str(e)))\n", "str(e)))\n                raise\n")
    root = make_tree(
        {
            "shop/__init__.py": "",
            "shop/models.py": "Watch = object()\n",
            "shop/management/__init__.py": "",
            "shop/management/commands/__init__.py": "",
            "shop/management/commands/scrape_test.py": command,
            "shop/management/commands/strict.py": raising,
        }
    )
    _, checks = summary(root)
    statuses = {ep.split(":")[1].rpartition("/")[2]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"scrape_test.py": "fail", "strict.py": "pass"}


def test_a_result_kept_but_never_checked_in_main_is_dropped(make_tree: Tree) -> None:
    job = (
        "def parse_rates():\n    try:\n        return fetch()\n    except Exception as e:\n        print('error', e)\n\n\n"
        "def fetch():\n    return {}\n\n\nif __name__ == '__main__':\n    rates = parse_rates()\n    print(rates)\n"
    )
    checked = job.replace("    print(rates)\n", "    if rates is None:\n        raise SystemExit(1)\n")
    root = make_tree({"currency.py": job, "checked.py": checked})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"checked.py": "pass", "currency.py": "fail"}


def test_a_failed_heartbeat_ping_that_is_only_logged_is_not_the_jobs_failure(make_tree: Tree) -> None:
    job = (
        "import logging\n\nimport requests\n\nHEARTBEAT_URL = 'https://hc-ping.com/abc'\n\n\ndef main():\n"
        "    work()\n    try:\n        requests.get(HEARTBEAT_URL, timeout=5)\n    except requests.RequestException:\n"
        "        logging.warning('heartbeat ping failed')\n\n\ndef work():\n    pass\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    export = job.replace("HEARTBEAT_URL, timeout", "EXPORT_URL, timeout").replace("HEARTBEAT_URL =", "EXPORT_URL =")
    root = make_tree({"ping.py": job, "export.py": export})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"export.py": "fail", "ping.py": "pass"}


def test_a_package_checked_from_inside_resolves_imports_of_its_own_name(make_tree: Tree) -> None:
    root = make_tree(
        {
            "shop/__init__.py": "import logging\n\nlogging.basicConfig(level=logging.INFO)\n",
            "shop/crawler.py": (
                "from shop import helpers\n\n\ndef main():\n    helpers.work()\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
            "shop/helpers.py": "def work():\n    pass\n",
        }
    )
    report = run([str(root / "shop")])
    (crawler,) = report.entrypoints
    assert crawler.entrypoint.path == "crawler.py"
    assert {c.name: c.status for c in crawler.checks}["missing-logging"] == "pass"


def test_deleting_the_rows_a_command_loops_over_needs_a_dry_run(make_tree: Tree) -> None:
    base = {
        "shop/__init__.py": "",
        "shop/models.py": "class Watch:\n    objects = None\n",
        "shop/views.py": (
            "from shop.models import Watch\n\n\ndef purge(request):\n    for watch in Watch.objects.all():\n"
            "        watch.delete()\n"
        ),
        "shop/management/__init__.py": "",
        "shop/management/commands/__init__.py": "",
    }
    delete = (
        "from django.core.management.base import BaseCommand\n\nfrom shop.models import Watch\n\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n"
        "        watches = Watch.objects.order_by('?')[:500]\n        for watch in watches:\n            watch.delete()\n"
    )
    scrape = (
        "from django.core.management.base import BaseCommand\n\nfrom shop.models import Watch\n\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n"
        "        Watch.objects.get_or_create(title='x')\n"
    )
    root = make_tree(
        {
            **base,
            "shop/management/commands/delete_watches.py": delete,
            "shop/management/commands/scrape.py": scrape,
            "manage.py": "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n",
            "settings.py": "INSTALLED_APPS = ['shop']\nROOT_URLCONF = 'urls'\n",
            "urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path('purge/', views.purge)]\n",
        }
    )
    _, checks = summary(root)
    statuses = {
        ep.split(":")[1].rpartition("/")[2]: c["missing-dry-run"] for ep, c in checks.items() if "commands" in ep
    }
    assert statuses == {"delete_watches.py": "fail", "scrape.py": "na"}


def test_the_keep_alive_loop_of_a_background_scheduler_is_not_a_worker(make_tree: Tree) -> None:
    job = (
        "import time\n\nfrom apscheduler.schedulers.background import BackgroundScheduler\n\n\ndef dump():\n    pass\n\n\n"
        "def main():\n    scheduler = BackgroundScheduler()\n    scheduler.add_job(dump, 'interval', hours=1)\n"
        "    scheduler.start()\n    while True:\n        time.sleep(2)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    poller = "import time\n\n\ndef main():\n    while True:\n        sync()\n        time.sleep(60)\n\n\ndef sync():\n    pass\n\n\nif __name__ == '__main__':\n    main()\n"
    root = make_tree({"main.py": job, "poller.py": poller})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("main.py", "job"), ("poller.py", "worker")]


# Session 6 -----------------------------------------------------------------------------------


def test_an_arq_worker_settings_class_on_one_line_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "worker.py": (
                "from arq.connections import RedisSettings\n\n\nasync def send_mail(ctx, to):\n    pass\n\n\n"
                "class WorkerSettings: functions = [send_mail]\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("worker.py", "worker")]


def test_a_kubernetes_dynamic_client_deletion_needs_a_dry_run(make_tree: Tree) -> None:
    job = (
        "from kubernetes import config\nfrom openshift.dynamic import DynamicClient\n\n\ndef main():\n"
        "    client = DynamicClient(config.new_client_from_config())\n"
        "    resources = client.resources.get(api_version='v1', kind='Pod')\n"
        "    for item in resources.get(namespace='ci').items:\n"
        "        resources.delete(name=item.metadata.name, namespace='ci')\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    cache = job.replace(
        "        resources.delete(name=item.metadata.name, namespace='ci')\n",
        "        cache.delete(item.metadata.name)\n",
    )
    root = make_tree({"cleanup.py": job, "expire.py": cache})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-dry-run"] for ep, c in checks.items()}
    assert statuses == {"cleanup.py": "fail", "expire.py": "na"}


# Round 16 ------------------------------------------------------------------------------------


def test_a_standard_library_server_bound_by_with_is_an_api(make_tree: Tree) -> None:
    root = make_tree(
        {
            "service/__init__.py": "",
            "service/handler.py": (
                "from http.server import BaseHTTPRequestHandler\n\n\nclass Handler(BaseHTTPRequestHandler):\n"
                "    def do_GET(self):\n        self.send_response(200)\n"
            ),
            "run.py": (
                "from service import handler\nfrom http.server import HTTPServer\n\n"
                "with HTTPServer(('', 8000), handler.Handler) as server:\n    server.serve_forever()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("run.py", "api")]


def test_litestar_controller_routes_are_seen_and_its_default_logging_counts(make_tree: Tree) -> None:
    controller = (
        "from litestar import Controller, get, post\n\n\nclass UserController(Controller):\n"
        "    path = '/users'\n\n    @post()\n    async def create(self, data: dict) -> dict:\n        return data\n\n"
        "    @get(path='/{user_id:int}')\n    async def read(self, user_id: int) -> dict:\n        return {}\n"
    )
    health = "from litestar import Controller, get\n\n\nclass HealthController(Controller):\n    path = '/healthz'\n\n    @get()\n    async def check(self) -> str:\n        return 'ok'\n"
    app = (
        "from litestar import Litestar\nfrom routes import UserController\n\n"
        "app = Litestar(route_handlers=[UserController])\n"
    )
    quiet = app.replace("[UserController])", "[UserController], logging_config=None)")
    with_health = "from litestar import Litestar\nfrom health import HealthController\n\napp = Litestar(route_handlers=[HealthController])\n"
    root = make_tree(
        {"routes.py": controller, "health.py": health, "asgi.py": app, "quiet.py": quiet, "probe.py": with_health}
    )
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: (c["missing-health-route"], c["missing-logging"]) for ep, c in checks.items()}
    assert statuses == {"asgi.py": ("fail", "pass"), "quiet.py": ("fail", "fail"), "probe.py": ("pass", "pass")}


def test_an_app_built_inside_a_test_method_is_not_an_entrypoint(make_tree: Tree) -> None:
    consumer = (
        "import faust\n\n\nclass MarketConsumer:\n    def __init__(self, brokers):\n        self.brokers = brokers\n\n"
        "    def test_faust(self):\n        app = faust.App('nudge', broker=self.brokers)\n\n"
        "        @app.agent(app.topic('t'))\n        async def stream(messages):\n            async for m in messages:\n"
        "                print(m)\n"
    )
    worker = consumer.replace("def test_faust(self):", "def build(self):")
    root = make_tree({"objects/consumer.py": consumer, "objects/worker.py": worker})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("objects/worker.py", "worker")]


def test_a_bot_framework_told_not_to_handle_signals_needs_its_own_handler(make_tree: Tree) -> None:
    bot = (
        "from telegram.ext import ApplicationBuilder\n\n\ndef main():\n"
        "    application = ApplicationBuilder().token('x').build()\n    application.run_polling()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    off = bot.replace("run_polling()", "run_polling(stop_signals=None)")
    handled = off.replace(
        "def main():\n", "import signal\n\n\ndef main():\n    signal.signal(signal.SIGTERM, lambda *a: None)\n"
    )
    root = make_tree({"bot.py": bot, "off.py": off, "handled.py": handled})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-graceful-shutdown"] for ep, c in checks.items()}
    assert statuses == {"bot.py": "pass", "off.py": "fail", "handled.py": "pass"}


def test_routes_of_bottles_default_app_are_seen(make_tree: Tree) -> None:
    app = (
        "import bottle\n\nfetcher = bottle.default_app()\n\n\n@bottle.route('/', method='POST')\ndef handle_task():\n"
        "    return 'ok'\n\n\n@bottle.route('/healthz')\ndef healthz():\n    return 'ok'\n\n\n"
        "fetcher.run(host='0.0.0.0', port=8080)\n"
    )
    root = make_tree({"fetcher.py": app})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: (c["missing-health-route"], c["missing-readiness-route"]) for ep, c in checks.items()}
    assert statuses == {"fetcher.py": ("pass", "fail")}


def test_a_secret_read_from_a_web_apps_config_with_a_literal_fallback(make_tree: Tree) -> None:
    source = (
        "import configparser\n\nimport bottle\nfrom flask import Flask, current_app\n\n"
        "fetcher = bottle.default_app()\nsecret = fetcher.config.get('global.secret', 'correct horse battery staple')\n"
        "app = Flask(__name__)\nkey = app.config.get('SECRET_KEY', 'dev-signing-key')\n\n\ndef sign():\n"
        "    return current_app.config.get('JWT_SECRET', 'jwt-dev-secret')\n\n\n"
        "config = configparser.ConfigParser()\npassword = config.get('credentials', 'password')\n"
        "timeout = app.config.get('TIMEOUT', '30')\n"
    )
    root = make_tree({"app.py": source})
    lines = sorted(f.line for f in run([str(root)]).findings if f.name == "hardcoded-secret-fallback")
    assert lines == [7, 9, 13]


def test_scripts_that_work_through_their_own_class_or_a_module_level_deletion_are_jobs(make_tree: Tree) -> None:
    backup = (
        "import subprocess\n\n\nclass DBBackup:\n    def backup_databases(self):\n"
        "        subprocess.run(['mariadb-dump', '--all-databases'], check=True)\n\n\n"
        "obj = DBBackup()\nobj.backup_databases()\n"
    )
    clear = (
        "import datetime\n\nfrom pymongo import MongoClient\n\nclient = MongoClient('mongodb://127.0.0.1:27018')\n"
        "db = client.mymongodb\nlimit = datetime.datetime.now() - datetime.timedelta(days=7)\n"
        "db.logs.delete_many({'date': {'$lt': limit}})\n"
    )
    settings = "class Settings:\n    def load(self):\n        return {}\n\n\nsettings = Settings()\nsettings.load()\n"
    root = make_tree({"backup.py": backup, "clear_logs.py": clear, "settings_loader.py": settings})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("backup.py", "job"), ("clear_logs.py", "job")]


def test_a_banner_printed_by_a_modules_own_main_block_is_not_a_job(make_tree: Tree) -> None:
    banner = "def display_banner():\n    print('banner')\n\n\nif __name__ == '__main__':\n    display_banner()\n"
    init_db = banner.replace("print('banner')", "create_tables()").replace("display_banner", "init_db")
    main = (
        "import time\n\nfrom banner import display_banner\nfrom db import init_db\n\n\ndef main():\n"
        "    display_banner()\n    init_db()\n    while True:\n        poll()\n        time.sleep(60)\n\n\n"
        "def poll():\n    pass\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"banner.py": banner, "db.py": init_db + "\n\ndef create_tables():\n    pass\n", "main.py": main})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("db.py", "job"), ("main.py", "worker")]


def test_removing_a_working_directory_named_by_an_attribute_is_temporary(make_tree: Tree) -> None:
    job = (
        "import shutil\n\n\nclass Exporter:\n    def __init__(self):\n        self.unzip_path = 'tmp/'\n"
        "        self.archive = '/srv/archive/'\n\n    def cleanup(self):\n        shutil.rmtree(self.unzip_path)\n\n"
        "    def purge(self):\n        shutil.rmtree(self.archive)\n\n\n"
        "if __name__ == '__main__':\n    Exporter().cleanup()\n"
    )
    purge = job.replace("Exporter().cleanup()", "Exporter().purge()")
    export = job.replace("    def purge(self):\n        shutil.rmtree(self.archive)\n\n", "")
    root = make_tree({"export.py": export, "purge.py": purge})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-dry-run"] for ep, c in checks.items()}
    assert statuses == {"export.py": "na", "purge.py": "fail"}


def test_a_process_started_and_waited_for_in_one_expression_drops_its_status(make_tree: Tree) -> None:
    job = (
        "import subprocess\n\n\ndef dump():\n"
        "    out, err = subprocess.Popen('mysqldump db > db.sql', shell=True).communicate()\n    return out\n\n\n"
        "if __name__ == '__main__':\n    dump()\n"
    )
    kept = job.replace(
        "    out, err = subprocess.Popen('mysqldump db > db.sql', shell=True).communicate()\n    return out\n",
        "    p = subprocess.Popen('mysqldump db > db.sql', shell=True)\n    p.communicate()\n"
        "    if p.returncode:\n        raise SystemExit(p.returncode)\n",
    )
    root = make_tree({"dump.py": job, "kept.py": kept})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"dump.py": "fail", "kept.py": "pass"}


# Round 17 ------------------------------------------------------------------------------------


def test_a_subclass_of_an_rq_worker_run_from_main_is_a_worker(make_tree: Tree) -> None:
    run = (
        "import signal\n\nfrom redis import StrictRedis\nfrom rq import Connection, Worker\n\n\n"
        "class QuickKillWorker(Worker):\n    def execute_job(self, job, queue):\n        super().execute_job(job, queue)\n\n\n"
        "if __name__ == '__main__':\n    with Connection(StrictRedis(host='redis')):\n"
        "        worker = QuickKillWorker('scanner')\n        worker.work()\n"
    )
    root = make_tree({"run.py": run})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("run.py", "worker")]


def test_a_discord_client_built_and_run_in_the_function_main_calls_is_a_worker(make_tree: Tree) -> None:
    bot = (
        "import discord\n\n\ndef bot_main():\n    client = discord.Client(intents=discord.Intents.default())\n\n"
        "    @client.event\n    async def on_ready():\n        pass\n\n    client.run('token')\n\n\n"
        "if __name__ == '__main__':\n    bot_main()\n"
    )
    root = make_tree({"bot/bot_main.py": bot})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("bot/bot_main.py", "worker")]


def test_a_poller_run_in_a_pool_and_stopped_by_ctrl_c_is_one_worker(make_tree: Tree) -> None:
    monitor = (
        "import multiprocessing.dummy as multiprocessing\nimport time\n\nimport requests\n\n\ndef ping(url):\n"
        "    while True:\n        try:\n            requests.get(url, timeout=3)\n        except KeyboardInterrupt:\n"
        "            return\n        time.sleep(5)\n\n\ndef run():\n    pool = multiprocessing.Pool(3)\n"
        "    pool.map_async(ping, ['https://a', 'https://b']).get(9999)\n\n\nif __name__ == '__main__':\n    run()\n"
    )
    threaded = (
        "import threading\nimport time\n\n\ndef poll():\n    while True:\n        sync()\n        time.sleep(5)\n\n\n"
        "def sync():\n    pass\n\n\ndef main():\n    t = threading.Thread(target=poll)\n    t.start()\n    t.join()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"run.py": monitor, "threaded.py": threaded})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("run.py", "worker"), ("threaded.py", "worker")]


def test_a_script_others_take_only_a_constant_from_is_still_a_job(make_tree: Tree) -> None:
    delete = (
        "import argparse\nimport re\n\nBACKUP_PATTERN = re.compile(r'\\d{8}')\n\n\ndef main():\n"
        "    args = argparse.ArgumentParser().parse_args()\n"
        "    enforce(args)\n\n\ndef enforce(args):\n    pass\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    migrate = "from delete_backups import BACKUP_PATTERN\n\n\ndef main():\n    print(BACKUP_PATTERN)\n\n\nif __name__ == '__main__':\n    main()\n"
    helper = (
        "from purge import enforce\n\n\ndef main():\n    enforce(None)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"delete_backups.py": delete, "migrate.py": migrate, "purge.py": delete, "helper.py": helper})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [
        ("delete_backups.py", "job"),
        ("helper.py", "job"),
        ("migrate.py", "job"),
    ]


def test_waiting_for_a_child_process_is_not_a_consume_loop(make_tree: Tree) -> None:
    copy = (
        "import subprocess\n\n\ndef watch(process):\n    while True:\n        print(process.stdout.readline())\n"
        "        if process.poll() is not None:\n            return\n\n\ndef main():\n"
        "    watch(subprocess.Popen(['pg_dump'], stdout=subprocess.PIPE))\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    consumer = (
        "from confluent_kafka import Consumer\n\n\ndef main():\n    consumer = Consumer({'group.id': 'g'})\n"
        "    while True:\n        msg = consumer.poll(1.0)\n        print(msg)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"copy.py": copy, "consumer.py": consumer})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("consumer.py", "worker"), ("copy.py", "job")]


def test_a_docstring_about_a_pushgateway_is_not_a_heartbeat(make_tree: Tree) -> None:
    job = (
        "import requests\n\n\ndef prune(url):\n    '''Deletes stale groups from the pushgateway.'''\n"
        "    requests.get(url, timeout=5)\n\n\nif __name__ == '__main__':\n    prune('http://gateway:9091')\n"
    )
    pinging = job.replace("requests.get(url, timeout=5)", "requests.get('https://hc-ping.com/abc', timeout=5)")
    helped = job.replace("if __name__", "HELP = 'URL for your pushgateway instance'\n\nif __name__")
    pushing = job.replace("if __name__", "GATEWAY = 'http://pushgateway:9091'\n\nif __name__")
    root = make_tree({"prune.py": job, "pinging.py": pinging, "helped.py": helped, "pushing.py": pushing})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-heartbeat"] for ep, c in checks.items()}
    assert statuses == {"prune.py": "fail", "pinging.py": "pass", "helped.py": "fail", "pushing.py": "pass"}


def test_an_aio_pika_consumer_started_by_run_until_complete_and_an_app_served_through_a_reexport(
    make_tree: Tree,
) -> None:
    worker = (
        "import asyncio\n\nimport worker.context\nimport worker.handling\n\nif __name__ == '__main__':\n"
        "    loop = asyncio.get_event_loop()\n    loop.run_until_complete(worker.context.initialize())\n"
        "    loop.run_until_complete(worker.context.queue.consume(worker.handling.handler))\n    loop.run_forever()\n"
    )
    rest = "from aiohttp import web\n\napp = web.Application()\napp.router.add_get('/tasks', lambda r: None)\n"
    run_rest = "from rest import web, app\n\nif __name__ == '__main__':\n    web.run_app(app, port=3333)\n"
    root = make_tree(
        {
            "run_worker.py": worker,
            "worker/context.py": "queue = None\n\n\nasync def initialize():\n    pass\n",
            "worker/handling.py": "async def handler(message):\n    pass\n",
            "rest/__init__.py": rest,
            "run_rest.py": run_rest,
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("rest/__init__.py", "api"), ("run_worker.py", "worker")]


def test_a_main_block_that_prints_a_computed_sample_is_not_a_job(make_tree: Tree) -> None:
    generator = (
        "import json\nfrom base64 import b64encode\n\n\ndef generate_message(message):\n"
        "    return {'data': b64encode(json.dumps(message).encode('utf-8')).decode('utf-8')}\n\n\n"
        "if __name__ == '__main__':\n    print(json.dumps(generate_message({'type': 'new-order'})))\n"
    )
    writer = generator.replace("print(json.dumps(", "open('out.json', 'w').write(json.dumps(")
    root = make_tree({"message_generator.py": generator, "writer.py": writer})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("writer.py", "job")]


def test_flask_restful_resources_are_routes(make_tree: Tree) -> None:
    app = (
        "from flask import Flask\nfrom flask_restful import Api, Resource\n\napp = Flask(__name__)\napi = Api(app)\n\n\n"
        "class State(Resource):\n    def get(self):\n        return {}\n\n\n"
        "class Health(Resource):\n    def get(self):\n        return {'ok': True}\n\n\n"
        "api.add_resource(State, '/')\napi.add_resource(Health, '/healthz', '/healthz/')\n"
    )
    root = make_tree({"api.py": app})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: (c["missing-health-route"], c["missing-readiness-route"]) for ep, c in checks.items()}
    assert statuses == {"api.py": ("pass", "fail")}


def test_a_click_command_that_swallows_every_failure_exits_0(make_tree: Tree) -> None:
    job = (
        "import logging\nimport sys\n\nimport click\n\nlogger = logging.getLogger()\n\n\n@click.command()\n"
        "@click.option('--url', default='http://localhost:9091/')\ndef main(url):\n    try:\n        prune(url)\n"
        "    except Exception as e:\n        logger.error('pruning failed', e)\n    return 0\n\n\n"
        "def prune(url):\n    pass\n\n\nif __name__ == '__main__':\n    sys.exit(main())\n"
    )
    raising = job.replace(
        "        logger.error('pruning failed', e)\n", "        logger.error('pruning failed', e)\n        raise\n"
    )
    plain = job.replace(
        "    try:\n        prune(url)\n    except Exception as e:\n        logger.error('pruning failed', e)\n",
        "    prune(url)\n",
    )
    root = make_tree({"pruner.py": job, "raising.py": raising, "plain.py": plain})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"pruner.py": "fail", "raising.py": "pass", "plain.py": "pass"}


def test_a_database_error_handed_on_as_an_empty_result_is_lost(make_tree: Tree) -> None:
    database = (
        "import logging\nimport sqlite3\n\n\nclass MessageDatabase:\n    def __init__(self, path):\n        self.path = path\n\n"
        "    def expired(self):\n        try:\n            with sqlite3.connect(self.path) as conn:\n"
        "                return conn.execute('SELECT id FROM messages').fetchall()\n"
        "        except sqlite3.Error as e:\n            logging.error('Error getting messages: %s', e)\n            return []\n"
    )
    cleanup = (
        "import asyncio\nimport sys\n\nfrom database import MessageDatabase\n\n\nasync def cleanup():\n"
        "    db = MessageDatabase('bot.db')\n    rows = db.expired()\n    print(len(rows))\n\n\n"
        "def main():\n    try:\n        asyncio.run(cleanup())\n    except Exception:\n        sys.exit(1)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    raising = database.replace("            return []\n", "            raise\n")
    strict = cleanup.replace("from database import", "from database_strict import")
    root = make_tree(
        {"database.py": database, "cleanup.py": cleanup, "database_strict.py": raising, "cleanup_strict.py": strict}
    )
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()}
    assert statuses == {"cleanup.py": "fail", "cleanup_strict.py": "pass"}


def test_a_failure_lost_three_steps_below_the_job(make_tree: Tree) -> None:
    job = (
        "import logging\n\nimport requests\n\n\ndef fetch(url):\n    try:\n        return requests.get(url, timeout=5).json()\n"
        "    except requests.RequestException as e:\n        logging.error('fetch failed: %s', e)\n\n\n"
        "def sync_one(url):\n    data = fetch(url)\n    save(data)\n\n\ndef save(data):\n    pass\n\n\n"
        "def sync_all():\n    sync_one('https://a')\n\n\ndef main():\n    sync_all()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"sync.py": job})
    _, checks = summary(root)
    assert {ep.split(":")[1]: c["missing-exit-code"] for ep, c in checks.items()} == {"sync.py": "fail"}


# Round 18 ------------------------------------------------------------------------------------


def test_a_loop_on_a_flag_a_websocket_server_and_a_streamlit_page(make_tree: Tree) -> None:
    sync = (
        "import time\n\nimport requests\n\nflag = True\n\nwhile flag:\n"
        "    rows = requests.get('https://sheets.example.com/orders', timeout=10).json()\n    print(len(rows))\n"
        "    time.sleep(60)\n"
    )
    server = (
        "import asyncio\n\nimport websockets\n\n\nasync def handler(websocket, path):\n    await websocket.send('hi')\n\n\n"
        "if __name__ == '__main__':\n    start_server = websockets.serve(handler, '0.0.0.0', 8765)\n"
        "    loop = asyncio.get_event_loop()\n    loop.run_until_complete(start_server)\n    loop.run_forever()\n"
    )
    page = "import pandas as pd\nimport streamlit as st\n\nst.title('Tasks')\nst.dataframe(pd.read_csv('tasks.csv'))\n"
    root = make_tree({"getData.py": sync, "service.py": server, "dashboard.py": page})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("getData.py", "worker"), ("service.py", "api")]


def test_arq_drains_on_sigterm_unless_its_signal_handling_is_switched_off(make_tree: Tree) -> None:
    settings = "async def send_mail(ctx, to):\n    pass\n\n\nclass WorkerSettings:\n    functions = [send_mail]\n"
    off = settings + "    handle_signals = False\n"
    root = make_tree({"worker.py": settings, "quiet/worker.py": off})
    _, checks = summary(root)
    statuses = {ep.split(":")[1]: c["missing-graceful-shutdown"] for ep, c in checks.items()}
    assert statuses == {"worker.py": "pass", "quiet/worker.py": "fail"}


# Session 7: failures handed back as values ---------------------------------------------------

_BACKUP_STEP = (
    "import logging\nimport subprocess\n\nlog = logging.getLogger(__name__)\n\n\n"
    "class Dump:\n    def run(self, db):\n        try:\n"
    "            subprocess.run(['pg_dump', db], check=True)\n"
    "        except subprocess.CalledProcessError as e:\n"
    "            message = f'dump failed: {e}'\n            self.logger.error(message)\n"
    "            return {'status': 'error', 'message': message}\n"
    "        return {'status': 'success'}\n"
)


def test_a_failure_returned_as_a_record_is_lost_when_the_job_only_reports_it(make_tree: Tree) -> None:
    job = (
        "import sys\nfrom dump import Dump\n\n\ndef main():\n    result = Dump().run('shop')\n"
        "    if result['status'] == 'success':\n        print('ok')\n    else:\n        print('failed', result['message'])\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    exits = job.replace("print('failed', result['message'])", "sys.exit(1)")
    counted = job.replace("print('failed', result['message'])", "failures.append(result)")
    passed_up = job.replace(
        "        print('failed', result['message'])\n", "        print('failed')\n    return result\n"
    )
    passed_up = passed_up.replace("    main()\n", "    sys.exit(0 if main()['status'] == 'success' else 1)\n")
    root = make_tree(
        {
            "dump.py": _BACKUP_STEP,
            "lost.py": job,
            "exits.py": exits,
            "counted.py": counted,
            "passed_up.py": passed_up,
        }
    )
    assert _exit_code(root) == {"lost.py": "fail", "exits.py": "pass", "counted.py": "pass", "passed_up.py": "pass"}


def test_a_failed_command_returned_as_false_is_lost_when_only_tested_for_success(make_tree: Tree) -> None:
    step = (
        "import logging\nimport subprocess\n\nlog = logging.getLogger(__name__)\n\n\n"
        "def list_databases():\n    result = subprocess.run(['mysql', '-e', 'show databases'], capture_output=True)\n"
        "    if result.returncode > 0:\n        log.error(result.stderr)\n        return False\n"
        "    return result.stdout.split()\n"
    )
    job = (
        "from step import list_databases\n\n\ndef main():\n    databases = list_databases()\n"
        "    if databases:\n        for db in databases:\n            print(db)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    checked = job.replace(
        "    if databases:\n", "    if not databases:\n        raise SystemExit(1)\n    if databases:\n"
    )
    root = make_tree({"step.py": step, "lost.py": job, "checked.py": checked})
    assert _exit_code(root) == {"lost.py": "fail", "checked.py": "pass"}


def test_a_probe_that_returns_false_quietly_is_not_a_lost_failure(make_tree: Tree) -> None:
    # Without a report of the error, `except ...: return False` answers a question ("is it up?").
    step = (
        "import requests\n\n\ndef reachable(url):\n    try:\n        requests.get(url, timeout=5)\n"
        "    except requests.RequestException:\n        return False\n    return True\n"
    )
    job = (
        "import logging\nfrom step import reachable\n\n\ndef main():\n    if not reachable('https://x'):\n"
        "        logging.warning('mirror down, skipping')\n        return\n    print('sync')\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"step.py": step, "job.py": job})
    assert _exit_code(root) == {"job.py": "pass"}


def test_a_bare_return_on_failure_is_kept_when_the_function_returns_values(make_tree: Tree) -> None:
    # `if rows is None: return` in a function that returns counts hands None up: the caller can tell.
    step = (
        "import logging\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\n"
        "def fetch():\n    try:\n        return requests.get('https://x', timeout=5).json()\n"
        "    except requests.RequestException as e:\n        log.error('fetch failed: %s', e)\n        return False\n"
    )
    job = (
        "import sys\nfrom step import fetch\n\n\ndef sync():\n    rows = fetch()\n    if not rows:\n"
        "        print('nothing fetched')\n        return\n    return len(rows)\n\n\n"
        "if __name__ == '__main__':\n    sys.exit(0 if sync() is not None else 1)\n"
    )
    lost = job.replace("    return len(rows)\n", "    print(len(rows))\n").replace(
        "    sys.exit(0 if sync() is not None else 1)\n", "    sync()\n"
    )
    root = make_tree({"step.py": step, "kept.py": job, "lost.py": lost})
    assert _exit_code(root) == {"kept.py": "pass", "lost.py": "fail"}


def test_a_notification_helper_returning_its_failure_is_not_the_jobs_work(make_tree: Tree) -> None:
    notify = (
        "import logging\nimport requests\n\n\ndef send_telegram_message(text):\n    try:\n"
        "        requests.post('https://api.telegram.org/x', data={'text': text}, timeout=5)\n"
        "    except requests.RequestException as e:\n        logging.error('telegram: %s', e)\n        return False\n"
        "    return True\n"
    )
    job = (
        "import logging\nimport subprocess\nfrom notify import send_telegram_message\n\n\ndef main():\n"
        "    subprocess.run(['pg_dump', 'shop'], check=True)\n    if not send_telegram_message('done'):\n"
        "        logging.warning('could not tell anyone')\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"notify.py": notify, "job.py": job})
    assert _exit_code(root) == {"job.py": "pass"}


# Round 19 ------------------------------------------------------------------------------------


def test_module_level_sends_uploads_and_statements_make_a_script_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "producer.py": (
                "import boto3\nimport json\n\nsqs = boto3.client('sqs')\n"
                "response = sqs.send_message(QueueUrl='q', MessageBody=json.dumps({}))\n"
            ),
            "backup.py": "import sys\nimport boto3\n\ns3 = boto3.client('s3')\ns3.upload_file(sys.argv[1], 'bucket', 'key')\n",
            "settings.py": "import boto3\n\nsqs = boto3.client('sqs')\nQUEUE = 'q'\n",
        }
    )
    eps, _ = summary(root)
    assert sorted((path, kind) for path, kind, _ in eps) == [
        ("backup.py", "job"),
        ("producer.py", "job"),
    ]


def test_a_forever_loop_waiting_in_an_inner_loop_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "forwarder.py": (
                "import time\n\nqueue = []\n\n\ndef flush():\n    queue.clear()\n\n\ndef main():\n    while True:\n"
                "        while len(queue) == 0:\n            time.sleep(2)\n        flush()\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("forwarder.py", "worker")]


def test_an_aioschedule_loop_is_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "scheduler.py": (
                "import asyncio\nimport aioschedule\n\n\nasync def remind():\n    pass\n\n\nasync def scheduler():\n"
                "    aioschedule.every().day.at('20:00').do(remind)\n    while True:\n"
                "        await aioschedule.run_pending()\n        await asyncio.sleep(1)\n\n\n"
                "if __name__ == '__main__':\n    asyncio.run(scheduler())\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("scheduler.py", "job")]


def test_aiogram_2s_executor_does_not_drain_on_sigterm(make_tree: Tree) -> None:
    two = (
        "from aiogram import Bot, Dispatcher, executor\n\nbot = Bot(token='x')\ndp = Dispatcher(bot)\n\n"
        "if __name__ == '__main__':\n    executor.start_polling(dp, skip_updates=True)\n"
    )
    three = (
        "import asyncio\nfrom aiogram import Bot, Dispatcher\n\nbot = Bot(token='x')\ndp = Dispatcher()\n\n\n"
        "async def main():\n    await dp.start_polling(bot)\n\n\nif __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    root = make_tree({"two/bot.py": two, "three/bot.py": three})
    statuses = {}
    for path in ("two", "three"):
        _, checks = summary(root / path)
        (worker,) = checks.values()
        statuses[path] = worker["missing-graceful-shutdown"]
    assert statuses == {"two": "fail", "three": "pass"}


def test_a_telegram_bot_fed_by_a_webhook_route_is_part_of_the_api(make_tree: Tree) -> None:
    webhook = (
        "import flask\nimport telebot\n\napp = flask.Flask(__name__)\nbot = telebot.TeleBot('x')\n\n\n"
        "@app.route('/hook', methods=['POST'])\ndef hook():\n"
        "    bot.process_new_updates([telebot.types.Update.de_json(flask.request.get_data().decode())])\n"
        "    return ''\n\n\n@bot.message_handler(commands=['start'])\ndef start(message):\n    pass\n"
    )
    polling = webhook + "\n\nif __name__ == '__main__':\n    bot.infinity_polling()\n"
    root = make_tree({"hook/main.py": webhook, "poll/main.py": polling})
    kinds = {path: sorted(kind for _, kind, _ in summary(root / path)[0]) for path in ("hook", "poll")}
    assert kinds == {"hook": ["api"], "poll": ["api", "worker"]}


def test_a_conditional_expression_guarding_makedirs_is_guarded(make_tree: Tree) -> None:
    root = make_tree(
        {
            "save.py": (
                "import os\n\n\ndef save(path):\n    folder = os.path.dirname(path)\n"
                "    os.makedirs(folder) if os.path.exists(folder) == False else None\n"
                "    os.makedirs(folder) if not os.path.isdir(folder) else None\n    os.makedirs(folder)\n"
            ),
        }
    )
    report = run([str(root)])
    assert [f.line for f in report.findings if f.name == "non-idempotent-mkdir"] == [8]


def _dry_run(root: Path) -> dict[str, str]:
    _, checks = summary(root)
    return {ident.split(":")[1]: rules["missing-dry-run"] for ident, rules in checks.items()}


def test_removing_a_lock_file_is_not_a_deletion_but_dropping_an_index_is(make_tree: Tree) -> None:
    root = make_tree(
        {
            "sync.py": (
                "import os\n\nLOCK_PATH = '/var/run/sync.lock'\n\n\ndef main():\n    open(LOCK_PATH, 'w').close()\n"
                "    try:\n        pass\n    finally:\n        os.remove(LOCK_PATH)\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
            "clean.py": (
                "from elasticsearch import Elasticsearch\n\nes = Elasticsearch('http://es:9200')\n\n\ndef main():\n"
                "    for index in es.indices.get(index='logstash-*'):\n        es.indices.delete(index=index)\n\n\n"
                "if __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    assert _dry_run(root) == {"sync.py": "na", "clean.py": "fail"}


def test_a_deletion_counts_only_where_its_function_is_called_or_handed_on(make_tree: Tree) -> None:
    utils = "import shutil\n\n\ndef purge_cache():\n    shutil.rmtree('/srv/cache')\n\n\ndef load():\n    return []\n"
    root = make_tree(
        {
            "utils.py": utils,
            "backfill.py": "from utils import load\n\nif __name__ == '__main__':\n    load()\n",
            "purge.py": "from utils import purge_cache\n\nif __name__ == '__main__':\n    purge_cache()\n",
            "threaded.py": (
                "import threading\nfrom utils import purge_cache\n\nif __name__ == '__main__':\n"
                "    threading.Thread(target=purge_cache).start()\n"
            ),
            "dispatch.py": (
                "import sys\nimport utils\n\nCOMMANDS = {'purge': utils.purge_cache, 'load': utils.load}\n\n"
                "\ndef main():\n    COMMANDS[sys.argv[1]]()\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
        }
    )
    assert _dry_run(root) == {"backfill.py": "na", "purge.py": "fail", "threaded.py": "fail", "dispatch.py": "fail"}


def test_a_password_passed_by_position_is_a_hardcoded_secret(make_tree: Tree) -> None:
    root = make_tree(
        {
            "create.py": 'import MySQLdb as mysql\n\ndb = mysql.connect("localhost", "sensor", "123456", "readings")\n',
            "ftp.py": 'import ftplib\n\nftp = ftplib.FTP("ftp.example.com")\nftp.login("backup", "Xq7#mz29Lp")\n',
            "env.py": (
                'import os\nimport MySQLdb\n\ndb = MySQLdb.connect("db", "app", os.environ["DB_PASSWORD"], "shop")\n'
                'ftp_login = lambda ftp: ftp.login("anonymous", "")\n'
            ),
        }
    )
    report = run([str(root)])
    found = sorted((f.path, f.line) for f in report.findings if f.name == "hardcoded-secret")
    assert found == [("create.py", 3), ("ftp.py", 4)]


def test_a_deletion_in_a_plain_classs_method_counts_only_where_the_method_is_called(make_tree: Tree) -> None:
    db = (
        "import sqlite3\n\n\nclass DataBase:\n    def __init__(self):\n        self.conn = sqlite3.connect('bot.db')\n\n"
        "    def users(self):\n        return self.conn.execute('SELECT id FROM users').fetchall()\n\n"
        "    def delete_user(self, user_id):\n        self.conn.execute('DELETE FROM users WHERE id = ?', (user_id,))\n"
    )
    root = make_tree(
        {
            "db.py": db,
            "remind.py": "from db import DataBase\n\nif __name__ == '__main__':\n    print(DataBase().users())\n",
            # (building the object at module level hands on none of its methods)
            "report.py": "from db import DataBase\n\nstore = DataBase()\n\nif __name__ == '__main__':\n    print(store.users())\n",
            "prune.py": "from db import DataBase\n\nif __name__ == '__main__':\n    DataBase().delete_user(1)\n",
            "reaper.py": (
                "import os\nimport threading\n\n\nclass Reaper(threading.Thread):\n    def run(self):\n"
                "        os.remove('/srv/data/old.csv')\n\n\nif __name__ == '__main__':\n    Reaper().start()\n"
            ),
        }
    )
    assert _dry_run(root) == {"remind.py": "na", "report.py": "na", "prune.py": "fail", "reaper.py": "fail"}


def test_a_connections_keep_alive_setting_is_not_a_heartbeat(make_tree: Tree) -> None:
    sub = (
        "import paho.mqtt.client as mqtt\n\nKeep_Alive_Interval = 45\n\n\ndef on_message(client, userdata, msg):\n"
        "    pass\n\n\nclient = mqtt.Client()\nclient.on_message = on_message\n"
        "client.connect('broker', 1883, Keep_Alive_Interval)\nclient.subscribe('sensors/#')\nclient.loop_forever()\n"
    )
    root = make_tree({"sub.py": sub})
    _, checks = summary(root)
    (worker,) = checks.values()
    assert worker["missing-heartbeat"] == "fail"


def test_tornado_settings_built_as_a_dict_with_debug_on_are_debug_mode(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app/settings.py": "from app.urls import urls\n\nsettings = dict(handlers=urls, debug=True)\nlimits = dict(debug=True)\n",
            "app/urls.py": "urls = []\n",
            "app/__init__.py": "",
        }
    )
    report = run([str(root)])
    assert [(f.path, f.line) for f in report.findings if f.name == "debug-mode-enabled"] == [("app/settings.py", 3)]


# Round 20 ------------------------------------------------------------------------------------


def test_stand_ins_and_file_names_bound_to_secret_names_are_not_secrets(make_tree: Tree) -> None:
    root = make_tree(
        {
            "config.py": (
                'TELEGRAM_TOKEN = "TU_WPISZ_TOKEN"\ncredentials = "gcp_private_key.json"\n'
                'API_KEY = "Xk29fpQ_TOKEN8mz"\nDB_PASSWORD = "haha"\n'
            ),
        }
    )
    report = run([str(root)])
    assert [f.line for f in report.findings if f.name == "hardcoded-secret"] == [3, 4]


def test_a_python_telegram_bot_updater_built_in_main_drains_on_sigterm(make_tree: Tree) -> None:
    bot = (
        "from telegram.ext import Updater\n\n\ndef main():\n    updater = Updater('x', use_context=True)\n"
        "    updater.start_polling()\n    updater.idle()\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"bot.py": bot})
    eps, checks = summary(root)
    assert [(path, kind, framework) for path, kind, framework in eps] == [("bot.py", "worker", "python-telegram-bot")]
    assert next(iter(checks.values()))["missing-graceful-shutdown"] == "pass"


def test_a_console_loop_asking_for_input_is_not_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": (
                "import logic\n\nlogic.setup()\nprint('Reminder bot (local)')\ntry:\n    while True:\n"
                "        msg = input('You: ')\n        print(logic.answer(msg))\nexcept KeyboardInterrupt:\n    pass\n"
            ),
            "logic.py": "def setup():\n    pass\n\n\ndef answer(msg):\n    return msg\n",
            "report.py": "from logic import answer\n\nfor word in ['a', 'b']:\n    answer(word)\n",
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("report.py", "job")]


def test_a_script_whose_constant_another_script_imports_is_still_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "cronsql.py": (
                "import pandas as pd\n\nCONFIG_FILE = 'config.yaml'\n\n\ndef query():\n"
                "    return pd.read_sql('SELECT 1', 'sqlite://')\n\n\ndf = query()\nprint(df)\n"
            ),
            "parse.py": "from cronsql import CONFIG_FILE\n\nprint(CONFIG_FILE)\n",
            # a module run for its functions: importing one makes it a library, whatever it does at import
            "cache.py": "def load():\n    return []\n\n\nrows = load()\n",
            "report.py": "from cache import load\nfrom uploader import send\n\nsend(load())\n",
            "uploader.py": "def send(rows):\n    return rows\n",
        }
    )
    eps, _ = summary(root)
    assert sorted((path, kind) for path, kind, _ in eps) == [("cronsql.py", "job"), ("report.py", "job")]


def test_a_tweepy_stream_is_a_worker(make_tree: Tree) -> None:
    publisher = (
        "import tweepy\n\n\nclass Listener(tweepy.Stream):\n    def on_data(self, raw):\n        print(raw)\n\n\n"
        "if __name__ == '__main__':\n    stream = Listener('k', 's', 't', 'ts')\n    stream.filter(track=['#python'])\n"
    )
    root = make_tree({"publisher.py": publisher})
    eps, checks = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("publisher.py", "worker")]
    assert next(iter(checks.values()))["missing-graceful-shutdown"] == "fail"


def test_exiting_without_a_status_after_reporting_a_missing_setting_loses_the_failure(make_tree: Tree) -> None:
    script = (
        "import logging\nimport os\nimport sys\n\nTOKEN = os.environ.get('TOKEN')\nif TOKEN is None:\n"
        "    logging.critical('TOKEN is required!')\n    sys.exit()\n\nfor url in ['a', 'b']:\n    print(url)\n"
    )
    kept = script.replace("    sys.exit()\n", "    sys.exit(1)\n")
    root = make_tree({"notify.py": script, "kept.py": kept})
    assert _exit_code(root) == {"notify.py": "fail", "kept.py": "pass"}


def test_module_level_assignments_of_constants_or_imported_factories_are_not_script_work(make_tree: Tree) -> None:
    root = make_tree(
        {
            "regex.py": "import re\n\n\ndef compile_log_regex():\n    return re.compile('x')\n\n\nLOG_RE = compile_log_regex()\n",
            "matchers.py": "from regex import LOG_RE\n\n\ndef match(line):\n    return LOG_RE.match(line)\n",
            "manage.py": "from factory import create_app\n\napp = create_app()\n",
            "factory.py": "def create_app():\n    return object()\n",
        }
    )
    eps, _ = summary(root)
    assert eps == []


# Round 21 ------------------------------------------------------------------------------------


def test_a_claims_name_in_jwt_settings_is_not_a_secret(make_tree: Tree) -> None:
    root = make_tree(
        {
            "settings.py": (
                "SIMPLE_JWT = {\n    'SLIDING_TOKEN_REFRESH_EXP_CLAIM': 'refresh_exp',\n"
                "    'SIGNING_KEY': 'Xk29fpQmz7Lw2Rt8',\n}\n"
            ),
            "mail.py": "def send():\n    PASS = 'tmuonaezprppfbss'\n    result = {'pass': 'completed-ok-1'}\n",
        }
    )
    report = run([str(root)])
    found = sorted((f.path, f.line) for f in report.findings if f.name == "hardcoded-secret")
    assert found == [("mail.py", 2), ("settings.py", 3)]


def test_an_aiogram_dispatcher_star_imported_from_a_loader_module_drains_on_sigterm(make_tree: Tree) -> None:
    root = make_tree(
        {
            "loader.py": "from aiogram import Bot, Dispatcher\n\nbot = Bot(token='x')\ndp = Dispatcher()\n",
            "bot.py": (
                "import asyncio\nfrom loader import *\n\n\nasync def main():\n    await dp.start_polling(bot)\n\n\n"
                "if __name__ == '__main__':\n    asyncio.run(main())\n"
            ),
        }
    )
    eps, checks = summary(root)
    assert [(path, kind, framework) for path, kind, framework in eps] == [("bot.py", "worker", "aiogram")]
    assert next(iter(checks.values()))["missing-graceful-shutdown"] == "pass"


# Session 8 -----------------------------------------------------------------------------------


def _dry_run_status(make_tree: Tree, body: str) -> str:
    root = make_tree(
        {
            "job.py": f"import os\nimport subprocess\n\n\ndef main(d):\n{body}\n\n\nif __name__ == '__main__':\n    main('x')\n"
        }
    )
    eps, checks = summary(root)
    assert [kind for _, kind, _ in eps] == ["job"]
    return next(iter(checks.values()))["missing-dry-run"]


def test_deleting_commands_as_argument_lists_and_strings_need_a_dry_run(make_tree: Tree) -> None:
    for body in (
        '    subprocess.run(["restic", "forget", "--prune", "--keep-last", str(5)], check=True)',
        '    subprocess.check_call(["sudo", "zfs", "destroy", d])',
        '    subprocess.run(["rm", "-rf", d], check=True)',
        '    os.system(f"find {d} -mtime +7 -delete")',
        '    subprocess.run("kubectl -n jobs delete pods -l done=true", shell=True, check=True)',
        '    subprocess.run(["/usr/bin/borg", "prune", "--keep-daily", "7", d], check=True)',
        '    subprocess.run(["aws", "s3", "rm", d, "--recursive"], check=True)',
        '    cmd = ["kubectl", "delete", "pods", "--field-selector=status.phase==Failed"]\n    subprocess.run(cmd, check=True)',
        '    subprocess.run(("zfs", "destroy", d), check=True)',
        '    subprocess.run(["docker", "system", "prune", "--all", "--force"], check=True)',
    ):
        assert _dry_run_status(make_tree, body) == "fail", body


def test_commands_that_only_read_or_mention_deleting_are_not_deletions(make_tree: Tree) -> None:
    for body in (
        '    subprocess.run(["restic", "backup", d], check=True)\n    print("restic forget failed")',
        '    subprocess.run(["ls", "-l", d], check=True)\n    subprocess.run(["find", d, "-name", "*.log"], check=True)',
        '    subprocess.run(["rm", "-rf", "/tmp/work"], check=True)',
        '    """Runs rm -rf on the old build."""\n    subprocess.run(["kubectl", "get", "pods"], check=True)',
        '    names = ["remove old files", "delete the rest"]\n    subprocess.run(["echo", *names], check=True)',
        '    print("restic forget --prune --keep-daily 7 would be next; run it by hand")',
        '    assert os.path.exists(d) and shutil.which("dropdb")',
        '    FORBIDDEN = ("dropdb", "kubectl delete", "docker system prune")\n    check(d, FORBIDDEN)',
        '    subprocess.run(["kubectl", "get", "pods", "-l", "delete=false"], check=True)',
        '    subprocess.run(["restic", "backup", d, "--tag", "prune-exempt"], check=True)',
        '    subprocess.run(["kubectl", "delete", "pods", "--all", "--dry-run=client"], check=True)',
    ):
        assert _dry_run_status(make_tree, body) == "na", body


# Round 22 ------------------------------------------------------------------------------------


def test_bottles_default_app_served_at_module_level_or_in_main_is_an_api(make_tree: Tree) -> None:
    routes = "from bottle import route, get\n\n\n@route('/')\ndef index():\n    return 'hi'\n\n\n@get('/items')\ndef items():\n    return []\n"
    root = make_tree(
        {
            "one/app.py": "from bottle import run\n\nimport routes\n\nrun(host='0.0.0.0', port=8080)\n",
            "one/routes.py": routes,
        }
    )
    eps, checks = summary(root / "one")
    assert eps == [("app.py", "api", "bottle")]
    assert next(iter(checks.values()))["missing-health-route"] == "fail"
    root = make_tree(
        {
            "two/serve.py": "import bottle\n\n\n@bottle.route('/health')\ndef health():\n    return 'ok'\n\n\n"
            "if __name__ == '__main__':\n    bottle.run(port=8080)\n"
        }
    )
    eps, checks = summary(root / "two")
    assert eps == [("serve.py", "api", "bottle")]
    assert next(iter(checks.values()))["missing-health-route"] == "pass"


def test_a_beat_schedule_without_any_celery_app_is_left_over_configuration(make_tree: Tree) -> None:
    config = (
        "from celery.schedules import crontab\n\nCELERYBEAT_SCHEDULE = {\n"
        "    'scrape': {'task': 'tasks.scrape', 'schedule': crontab(minute=3)},\n}\n"
    )
    eps, _ = summary(make_tree({"celeryconfig.py": config, "tasks.py": "def scrape():\n    return 1\n"}))
    assert eps == []
    with_app = "from celery import Celery\n\napp = Celery('tasks')\napp.config_from_object('celeryconfig')\n\n\n@app.task\ndef scrape():\n    return 1\n"
    eps, _ = summary(make_tree({"celeryconfig.py": config, "tasks.py": with_app}))
    assert sorted(kind for _, kind, _ in eps) == ["job", "worker"]


def test_a_module_that_consumes_forever_at_import_serves_no_routeless_app(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": (
                "from flask import Flask\nfrom pykafka import KafkaClient\n\napp = Flask(__name__)\n\n"
                "client = KafkaClient()\n"
                "consumer = client.topics['jobs'].get_simple_consumer(consumer_group='g')\n\n"
                "for message in consumer:\n    handle(message.value)\n"
            )
        }
    )
    eps, _ = summary(root)
    assert eps == [("app.py", "worker", "kafka")]


def test_main_calling_an_imported_function_that_builds_and_runs_a_bot_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "bot.py": (
                "import discord\n\n\ndef run_discord_bot():\n    client = discord.Client(intents=None)\n\n"
                "    @client.event\n    async def on_ready():\n        pass\n\n    client.run('x')\n"
            ),
            "main.py": "import bot\n\nif __name__ == '__main__':\n    bot.run_discord_bot()\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("main.py", "worker", "discord")]


def test_flask_socketio_serving_the_app_keeps_a_consumer_thread_part_of_the_api(make_tree: Tree) -> None:
    root = make_tree(
        {
            "app.py": (
                "import threading\n\nimport pika\nfrom flask import Flask\nfrom flask_socketio import SocketIO\n\n"
                "app = Flask(__name__)\nsocketio = SocketIO(app)\n\n\ndef consume():\n"
                "    channel = pika.BlockingConnection().channel()\n"
                "    channel.basic_consume(queue='q', on_message_callback=print)\n    channel.start_consuming()\n\n\n"
                "threading.Thread(target=consume).start()\n\n\n@app.route('/health')\ndef health():\n    return 'ok'\n\n\n"
                "if __name__ == '__main__':\n    socketio.run(app, port=6000)\n"
            )
        }
    )
    eps, _ = summary(root)
    assert eps == [("app.py", "api", "flask")]


def test_a_module_level_forever_loop_without_a_pause_is_a_worker(make_tree: Tree) -> None:
    loop = "import json\n\nwhile True:\n    counts = json.load(open('/data/views.json'))\n    store.update(counts)\n"
    eps, _ = summary(make_tree({"updater.py": loop}))
    assert eps == [("updater.py", "worker", "polling-loop")]
    for body in (
        "    line = input('> ')\n    store.update(line)\n",  # a console: a tool, not a service
        "    if store.update({}):\n        break\n",  # leaves once done
    ):
        eps, _ = summary(make_tree({"updater.py": f"while True:\n{body}"}))
        assert all(kind != "worker" for _, kind, _ in eps), body


def test_a_polling_script_whose_importers_take_only_its_constants_is_still_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "builder.py": (
                "import os\nimport time\n\nQUEUE_DIR = 'queue'\n\n\ndef main():\n    while True:\n        time.sleep(1)\n"
                "        for name in os.listdir(QUEUE_DIR):\n            build(name)\n\n\n"
                "def build(name):\n    os.system('make ' + name)\n\n\nif __name__ == '__main__':\n    main()\n"
            ),
            "ui.py": "from flask import Flask\n\nfrom builder import QUEUE_DIR\n\napp = Flask(__name__)\n",
        }
    )
    eps, _ = summary(root)
    assert ("builder.py", "worker", "polling-loop") in eps


def test_a_standalone_script_running_a_command_for_its_status_is_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "backup.py": (
                "import os\n\ncmd = 'pg_basebackup -D /backup -U postgres'\nexit_code = os.system(cmd)\n"
                "print(exit_code)\n"
            )
        }
    )
    eps, _ = summary(root)
    assert eps == [("backup.py", "job", "script")]


def test_a_stdlib_server_built_inline_in_main_is_an_api(make_tree: Tree) -> None:
    root = make_tree(
        {
            "exporter.py": (
                "from http.server import BaseHTTPRequestHandler, HTTPServer\n\n\n"
                "class Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200)\n\n\n"
                "if __name__ == '__main__':\n    HTTPServer(('', 9000), Handler).serve_forever()\n"
            )
        }
    )
    eps, _ = summary(root)
    assert eps == [("exporter.py", "api", "http.server")]


def test_a_command_line_script_whose_helpers_a_sibling_borrows_is_still_a_job(make_tree: Tree) -> None:
    check = (
        "import argparse\nimport sys\n\n\ndef load_state(path):\n    return open(path).read()\n\n\n"
        "def main(dry_run):\n    state = load_state('state.json')\n    return post(state, dry_run)\n\n\n"
        "if __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n"
        "    parser.add_argument('--dry-run', action='store_true')\n    args = parser.parse_args()\n"
        "    sys.exit(main(dry_run=args.dry_run))\n"
    )
    persist = "import sys\n\nfrom check import load_state\n\nif __name__ == '__main__':\n    sys.exit(save(load_state('s')))\n"
    eps, _ = summary(make_tree({"tools/scripts/check.py": check, "tools/scripts/persist.py": persist}) / "tools")
    assert ("scripts/check.py", "job", "argparse") in eps
    # a package's module with a command line stays a library's self-test when others import it
    root = make_tree(
        {
            "lib/pkg/__init__.py": "",
            "lib/pkg/check.py": check,
            "lib/pkg/persist.py": persist.replace("from check", "from pkg.check"),
        }
    )
    eps, _ = summary(root / "lib")
    assert ("pkg/check.py", "job", "argparse") not in eps
    # a library module beside others, whose command line shows a result and exits with nothing
    demo = check.replace("sys.exit(main(dry_run=args.dry_run))", "print(main(dry_run=args.dry_run))")
    eps, _ = summary(make_tree({"flat/check.py": demo, "flat/persist.py": persist}) / "flat")
    assert ("check.py", "job", "argparse") not in eps


def test_discord_tokens_random_bytes_keys_and_storage_account_keys_are_secrets(make_tree: Tree) -> None:
    token = (
        "MTAxMjM0NTY3ODkwMTIzNDU2" + ".Gq7Lz2." + "R9vXw3YtK8pQm1Nb6Hc4Jd0Fs5Ae2Ug7Io"
    )  # (made up, of the right shape)
    storage = "Zm9vYmFyYmF6cXV4" + "Q29ycmVjdEhvcnNlQmF0dGVyeVN0YXBsZTEyMzQ1Njc4OTBhYmNkZWZnaGlqa2w=="
    root = make_tree(
        {
            "bot.py": f"import discord\n\nclient = discord.Client()\nclient.run('{token}')\n",
            "web.py": "from flask import Flask\n\napp = Flask(__name__)\napp.secret_key = b'_5#y2L\"F4Q8z\\n\\xec]/'\n",
            "store.py": f"storage_key = '{storage}'\n",
            "quiet.py": (
                "module = 'MainWindowController.widget.ApplicationSettingsDialog'\n"
                "MIDDLEWARE = 'NewsCrawlerDistributedSpider.random.RandomUserAgentMiddlewareV2'\n"
                "secret_key = b'dev'\nstorage_key_name = 'uploads'\nTOKEN_STORAGE = 'redis'\n"
                "EXPORT_STORAGE_KEY = 'exports/latest.csv'\nSYNC_TOKEN = b'\\xaa\\x55\\x01\\x02\\x03\\x04\\x05\\x06'\n"
            ),
        }
    )
    report = run([str(root)])
    found = sorted((f.path, f.line) for f in report.findings if f.name == "hardcoded-secret")
    assert found == [("bot.py", 4), ("store.py", 1), ("web.py", 4)]
    text = " ".join(f.message for f in report.findings)
    assert token not in text and "F4Q8z" not in text and storage[:20] not in text


# Round 23 ------------------------------------------------------------------------------------


def test_a_silent_none_from_a_failure_handler_is_left_to_the_caller(make_tree: Tree) -> None:
    # (a caller may take None as "none found": `ip or "an unknown address"`; a silent handler is not
    # read as a failure handed back, which a reported one is)
    script = (
        "import requests\n\n\ndef public_ip():\n    try:\n"
        "        return requests.get('https://api.ipify.org', timeout=5).text\n"
        "    except requests.RequestException:\n{handler}        return None\n\n\n"
        "ip = public_ip()\nprint('exporting from', ip or 'an unknown address')\n"
    )
    root = make_tree({"one/export.py": script.format(handler="")})
    _, checks = summary(root / "one")
    assert next(iter(checks.values()))["missing-exit-code"] == "pass"
    root = make_tree({"two/export.py": script.format(handler="        print('lookup failed')\n")})
    _, checks = summary(root / "two")
    assert next(iter(checks.values()))["missing-exit-code"] == "fail"


def test_a_confirmation_or_fallback_prompt_does_not_make_a_script_a_console(make_tree: Tree) -> None:
    confirm = (
        "import requests\n\nitems = requests.get('https://gitlab.example.com/api/v4/jobs', timeout=5).json()\n"
        "input('This deletes every artifact. Press Enter to continue...')\n"
        "for item in items:\n    requests.delete(item['url'], timeout=5)\n"
    )
    fallback = (
        "import getpass\nimport os\n\nimport psycopg2\n\n\ndef connect():\n    try:\n"
        "        return psycopg2.connect(os.environ['DSN'])\n    except psycopg2.OperationalError:\n"
        "        password = getpass.getpass('Password: ')\n        return psycopg2.connect(password=password)\n\n\n"
        "def main():\n    conn = connect()\n    dump(conn)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    asks = "import getpass\n\n\ndef main():\n    token = getpass.getpass()\n    rotate(token)\n\n\nif __name__ == '__main__':\n    main()\n"
    eps, _ = summary(make_tree({"one/delete_artifacts.py": confirm, "one/backup.py": fallback}) / "one")
    assert sorted(path for path, kind, _ in eps if kind == "job") == ["backup.py", "delete_artifacts.py"]
    eps, _ = summary(make_tree({"two/rotate.py": asks}) / "two")
    assert eps == []  # asks for what the work needs: a tool run by a person


def test_module_level_data_loads_and_http_writes_make_a_script(make_tree: Tree) -> None:
    etl = (
        "import psycopg2\nimport requests\n\nprice = requests.get('https://api.example.com/p', timeout=5).json()\n"
        "conn = psycopg2.connect(dbname='prices')\ncur = conn.cursor()\n"
        "cur.execute('INSERT INTO prices (usd) VALUES (%s) ON CONFLICT DO NOTHING', [price])\nconn.commit()\n"
    )
    ping = "import requests\n\nres = requests.post('https://hooks.example.com/keepwarm', json={'ok': 1}, timeout=5)\n"
    setup = "import sqlite3\n\nconn = sqlite3.connect('app.db')\nconn.execute('CREATE TABLE IF NOT EXISTS t (id INTEGER)')\n"
    eps, _ = summary(make_tree({"etl.py": etl, "ping.py": ping, "setup_db.py": setup}))
    assert sorted(path for path, kind, _ in eps) == ["etl.py", "ping.py"]


def test_a_package_main_that_calls_a_function_serving_the_app_is_not_a_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "encoder/__init__.py": "",
            "encoder/server.py": (
                "from aiohttp import web\n\n\nasync def health(request):\n    return web.Response(text='ok')\n\n\n"
                "def application():\n    app = web.Application()\n    app.router.add_get('/healthcheck/', health)\n"
                "    return app\n\n\ndef main(host, port):\n    web.run_app(application(), host=host, port=port)\n"
            ),
            "encoder/__main__.py": (
                "import os\n\nfrom encoder.server import main\n\nif __name__ == '__main__':\n"
                "    main('0.0.0.0', int(os.environ.get('PORT', 8080)))\n"
            ),
        }
    )
    eps, _ = summary(root)
    assert [kind for _, kind, _ in eps] == ["api"]


def test_a_tornado_application_subclass_built_and_served_in_main(make_tree: Tree) -> None:
    root = make_tree(
        {
            "server.py": (
                "import tornado.ioloop\nimport tornado.options\nimport tornado.web\n\n\n"
                "class Application(tornado.web.Application):\n    def __init__(self):\n"
                "        super().__init__([(r'/', MainHandler)], cookie_secret='(d(34@)%g(6@056!z78+!z_&#no@)3$y0@l*8h')\n\n\n"
                "def run():\n    tornado.options.parse_command_line()\n    app = Application()\n    app.listen(8888)\n"
                "    tornado.ioloop.IOLoop.current().start()\n\n\nif __name__ == '__main__':\n    run()\n"
            )
        }
    )
    eps, checks = summary(root)
    assert eps == [("server.py", "api", "tornado")]
    assert next(iter(checks.values()))["missing-logging"] == "pass"  # parse_command_line sets up logging
    report = run([str(root)])
    assert [(f.path, f.line) for f in report.findings if f.name == "hardcoded-secret"] == [("server.py", 8)]


def test_a_module_reading_its_configuration_in_a_with_block_is_not_a_script(make_tree: Tree) -> None:
    constants = "import json\n\nwith open('config.json') as f:\n    data = json.load(f)\n    HOST = data['host']\n"
    eps, _ = summary(make_tree({"constants.py": constants, "main.py": "from constants import HOST\n\nprint(HOST)\n"}))
    assert all(path != "constants.py" for path, _, _ in eps)


def test_a_process_that_starts_background_consumers_and_pauses_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "listener/__init__.py": (
                "from signal import pause\n\nimport paho.mqtt.client as mqtt\n\n\ndef run():\n"
                "    client = mqtt.Client()\n    client.on_message = store\n    client.connect('broker')\n"
                "    client.loop_start()\n    pause()\n"
            ),
            "__main__.py": "from listener import run\n\nrun()\n",
        }
    )
    eps, _ = summary(root)
    assert ("__main__.py", "worker", "consume-loop") in eps


def test_insert_only_when_absent_and_weak_signing_keys(make_tree: Tree) -> None:
    root = make_tree(
        {
            "sql.py": (
                "TOPIC = '''\n    INSERT INTO topics (topic)\n    SELECT %s FROM topics WHERE topic = %s\n"
                "    HAVING COUNT(id) = 0;\n'''\n\n\ndef save(cur, topic):\n    cur.execute(TOPIC, (topic, topic))\n"
            ),
            "web.py": (
                "from flask import Flask\n\napp = Flask(__name__)\napp.config['SECRET_KEY'] = 'supersecretkey'\n"
                "app.secret_key = 'sadasdasdasdasdasdasdas'\nSECRET_KEY_NAME = 'session'\nAPI_KEY = 'changeme'\n"
            ),
        }
    )
    report = run([str(root)])
    assert [f for f in report.findings if f.name == "non-idempotent-insert"] == []
    found = [(f.path, f.line, f.confidence) for f in report.findings if f.name == "hardcoded-secret"]
    assert found == [("web.py", 4, "medium"), ("web.py", 5, "medium")]


def test_a_camel_case_mailer_a_missing_state_file_and_a_library_delete_are_not_job_failures(make_tree: Tree) -> None:
    monitor = (
        "import os\n\nimport requests\n\n\ndef sendEmail(html):\n    try:\n"
        "        requests.post('https://api.sendgrid.com/v3/mail/send', json={'html': html}, timeout=5)\n"
        "    except Exception as e:\n        print(f'send error: {e}')\n\n\n"
        "if __name__ == '__main__':\n    try:\n        with open('seen.txt') as f:\n            seen = f.read()\n"
        "    except:\n        seen = ''\n    found = [p for p in os.listdir('/data') if p not in seen]\n"
        "    if found:\n        sendEmail('\\n'.join(found))\n"
    )
    client = (
        "import requests\n\n\nclass Client:\n    def get(self, url):\n        return requests.get(url, timeout=5)\n\n"
        "    def delete(self, url):\n        return requests.delete(url, timeout=5)\n"
    )
    batch = "from client import Client\n\n\ndef main():\n    Client().get('https://x/y')\n\n\nif __name__ == '__main__':\n    main()\n"
    notes = "'''Run once by hand:\nINSERT INTO users (name) VALUES ('admin');\n'''\n\n\ndef main():\n    pass\n"
    root = make_tree({"monitor.py": monitor, "client.py": client, "batch.py": batch, "notes.py": notes})
    _, checks = summary(root)
    verdicts = {key.split(":")[1]: value for key, value in checks.items()}
    assert verdicts["monitor.py"]["missing-exit-code"] == "pass"
    assert verdicts["batch.py"]["missing-dry-run"] == "na"
    assert [f for f in run([str(root)]).findings if f.name == "non-idempotent-insert"] == []


# Round 24 ------------------------------------------------------------------------------------


def test_a_dagster_repository_is_a_job_whose_logging_dagster_configures(make_tree: Tree) -> None:
    root = make_tree(
        {
            "repo.py": (
                "from dagster import repository\n\nfrom pipelines import upload\n\n\n"
                "@repository\ndef backups():\n    return [upload]\n"
            ),
            "pipelines.py": (
                "import os\n\nfrom dagster import pipeline, solid\n\n\n@solid\ndef send(context, path):\n"
                "    context.log.info(path)\n    os.remove(path)\n\n\n@pipeline\ndef upload():\n    send()\n"
            ),
        }
    )
    eps, checks = summary(root)
    assert eps == [("repo.py", "job", "dagster")]
    verdicts = next(iter(checks.values()))
    assert (verdicts["missing-logging"], verdicts["missing-dry-run"]) == ("pass", "fail")


def test_an_aws_client_set_to_work_at_module_level_makes_a_script(make_tree: Tree) -> None:
    root = make_tree(
        {
            "ec2_scheduler.py": (
                "from datetime import datetime\n\nimport boto3\n\nec2 = boto3.client('ec2')\n\n"
                "if 9 <= datetime.now().hour < 18:\n    ec2.start_instances(InstanceIds=['i-1'])\n"
                "else:\n    ec2.stop_instances(InstanceIds=['i-1'])\n"
            ),
            "aws.py": "import boto3\n\ns3 = boto3.client('s3')\n\n\ndef upload(path):\n    s3.upload_file(path, 'b', path)\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("ec2_scheduler.py", "job", "script")]


def test_an_event_loop_kept_running_for_a_client_built_elsewhere_is_a_worker(make_tree: Tree) -> None:
    main = (
        "import asyncio\n\nfrom bot_setup import start_bot\nfrom monitoring import monitor_loop\n\n"
        "if __name__ == '__main__':\n    bot = start_bot()\n    loop = asyncio.get_event_loop()\n"
        "    loop.create_task(monitor_loop(bot))\n    loop.run_forever()\n"
    )
    root = make_tree(
        {
            "main.py": main,
            "bot_setup.py": "from telethon import TelegramClient\n\n\ndef start_bot():\n    return TelegramClient('n', 1, 'h').start()\n",
            "monitoring.py": "async def monitor_loop(bot):\n    await bot.send_message(1, 'changed')\n",
            "serve.py": "import uvicorn\n\nif __name__ == '__main__':\n    uvicorn.run('api.main:app', port=8000)\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [("main.py", "worker", "asyncio")]  # (uvicorn serving another module's app adds nothing here)
    assert next(iter(checks.values()))["missing-graceful-shutdown"] == "fail"


def test_a_health_probe_script_and_a_paused_scheduler_process(make_tree: Tree) -> None:
    # (gaps the session's tests left: a container's health probe posting to its own server is
    # no job; `scheduler.start(); pause()` keeps an APScheduler process alive, no worker of its own;
    # asyncio's create_subprocess_exec takes the command word by word)
    root = make_tree(
        {
            "healthcheck.py": "import requests\n\nr = requests.post('http://0.0.0.0:5000/translate', json={'q': 'hi'}, timeout=60)\n",
            "clock.py": (
                "from signal import pause\n\nfrom apscheduler.schedulers.background import BackgroundScheduler\n\n"
                "scheduler = BackgroundScheduler()\nscheduler.add_job(print, 'interval', minutes=5)\n"
                "scheduler.start()\npause()\n"
            ),
            "prune.py": (
                "import asyncio\n\n\nasync def main(repo):\n"
                "    proc = await asyncio.create_subprocess_exec('restic', '-r', repo, 'forget', '--prune')\n"
                "    await proc.wait()\n\n\nif __name__ == '__main__':\n    asyncio.run(main('/srv/repo'))\n"
            ),
        }
    )
    eps, checks = summary(root)
    assert sorted((path, kind) for path, kind, _ in eps) == [("clock.py", "job"), ("prune.py", "job")]
    assert checks["job:prune.py:__main__"]["missing-dry-run"] == "fail"


# Session 9 -----------------------------------------------------------------------------------

_STATUS_ONLY_REPORTED = {
    "reused.py": 'import json\nimport requests\n\nURL = "https://api.example.com/items"\nresponse = requests.get(URL, timeout=10)\nitems = json.loads(response.text)\nfor item in items:\n    response = requests.delete(f"{URL}/{item[\'id\']}", timeout=10)\n    print(response)\n',
    "trigger.py": 'import requests\n\nr = requests.post("https://ci.example.com/job/build", timeout=10)\nprint(f"Triggered job: {r.status_code}")\n',
    "purge.py": 'import requests\n\nfor entry in requests.get("https://api.example.com/items", timeout=10).json():\n    response = requests.delete(f"https://api.example.com/items/{entry[\'id\']}", timeout=10)\n    print(response)\n',
    "sync.py": 'import logging\nimport requests\n\nlogger = logging.getLogger(__name__)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    r = requests.put("https://api.example.com/state", json={"ok": True}, timeout=10)\n    logger.info("state pushed: %s", r.status_code)\n\n\nif __name__ == "__main__":\n    main()\n',
    "dump.py": 'import os\nimport sys\n\nif __name__ == "__main__":\n    rc = os.system("pg_dump mydb > /backups/mydb.sql")\n    print("pg_dump finished with", rc)\n',
    "popen_dump.py": 'import shlex\nfrom subprocess import Popen, PIPE\n\ncmd = "pg_dump mydb"\nprocess = Popen(shlex.split(cmd), stdout=PIPE)\n(output, err) = process.communicate()\nexit_code = process.wait()\nwith open("/backups/mydb.sql", "wb") as f:\n    f.write(output)\n',
}

_STATUS_READ = {
    "checked.py": 'import sys\nimport requests\n\nr = requests.post("https://ci.example.com/job/build", timeout=10)\nprint(f"Triggered job: {r.status_code}")\nr.raise_for_status()\n',
    "tested.py": 'import sys\nimport requests\n\nr = requests.post("https://ci.example.com/job/build", timeout=10)\nif r.status_code != 201:\n    sys.exit(f"trigger failed: {r.status_code}")\n',
    "used.py": 'import requests\n\nr = requests.post("https://auth.example.com/token", data={"grant_type": "client_credentials"}, timeout=10)\ntoken = r.json()["access_token"]\nwith open("token.txt", "w") as f:\n    f.write(token)\n',
    "metric.py": 'import os\nfrom prometheus_client import CollectorRegistry, Gauge, push_to_gateway\n\nexit_code = os.system("pg_basebackup -D /tmp/backup -U postgres")\nregistry = CollectorRegistry()\ng = Gauge("backup_status", "Backup Status", registry=registry)\ng.set(1 if exit_code == 0 else 0)\npush_to_gateway("pushgateway:9091", job="pg_basebackup", registry=registry)\n',
    "exits.py": 'import os\nimport sys\n\nif __name__ == "__main__":\n    rc = os.system("pg_dump mydb > /backups/mydb.sql")\n    print("pg_dump finished with", rc)\n    sys.exit(rc)\n',
    "notifier.py": 'import logging\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef send_slack_alert(text):\n    r = requests.post("https://hooks.slack.com/services/T000/B000/XXXX", json={"text": text}, timeout=10)\n    log.info("slack answered %s", r.status_code)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    with open("/data/in.csv") as f:\n        rows = f.read().splitlines()\n    with open("/data/out.csv", "w") as f:\n        f.write("\\n".join(rows))\n    send_slack_alert(f"copied {len(rows)} rows")\n\n\nif __name__ == "__main__":\n    main()\n',
    "returned.py": 'import sys\nimport requests\n\n\ndef trigger():\n    r = requests.post("https://ci.example.com/job/build", timeout=10)\n    print(r.status_code)\n    return r\n\n\nif __name__ == "__main__":\n    resp = trigger()\n    if not resp.ok:\n        sys.exit(1)\n',
}


def test_a_status_kept_in_a_name_and_only_printed_or_logged_is_dropped(make_tree: Tree) -> None:
    root = make_tree(_STATUS_ONLY_REPORTED)
    eps, checks = summary(root)
    assert sorted(path for path, kind, _ in eps if kind == "job") == sorted(_STATUS_ONLY_REPORTED)
    assert {ep: c["missing-exit-code"] for ep, c in checks.items()} == dict.fromkeys(checks, "fail")
    messages = " ".join(f.message for f in run([str(root)]).findings if f.name == "missing-exit-code")
    assert "The status of `requests.put()`'s response is never checked in `main()`" in messages
    assert "`subprocess.Popen().wait()`'s exit status is never checked" in messages


def test_a_status_checked_used_passed_on_or_sent_by_a_notifier_is_not_dropped(make_tree: Tree) -> None:
    root = make_tree(_STATUS_READ)
    eps, checks = summary(root)
    assert sorted(path for path, kind, _ in eps if kind == "job") == sorted(_STATUS_READ)
    assert {ep: c["missing-exit-code"] for ep, c in checks.items()} == dict.fromkeys(checks, "pass")


# Round 25-27 --------------------------------------------------------------------------------


def test_a_tornado_factory_with_a_route_table_beside_a_decorator_registry_app(make_tree: Tree) -> None:
    root = make_tree(
        {
            "server.py": "import asyncio\nimport tornado.httpserver\nfrom app import create_app\n\n\ndef main():\n    loop = asyncio.get_event_loop()\n    http_server = tornado.httpserver.HTTPServer(create_app())\n    http_server.listen(9097)\n    loop.run_forever()\n\n\nif __name__ == '__main__':\n    main()\n",
            "app/__init__.py": "import tornado.web\nfrom .handlers import UserHandler\n\n\ndef create_app():\n    handlers = [('/user/([0-9]+)', UserHandler)]\n    return tornado.web.Application(handlers)\n",
            "app/handlers.py": "import tornado.web\nfrom .route import app\n\n\n@app.route('/user')\nclass UserHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write('ok')\n",
            "app/route.py": "import tornado.web\n\n\nclass RouterConfig(tornado.web.Application):\n    def route(self, url):\n        def register(handler):\n            self.add_handlers('.*$', [(url, handler)])\n            return handler\n\n        return register\n\n\napp = RouterConfig()\n",
        }
    )
    eps, _ = summary(root)
    assert ("app/__init__.py", "api", "tornado") in eps
    assert not any(path == "server.py" for path, _, _ in eps)


def test_an_access_key_in_a_url_query_is_a_secret_and_shown_redacted(make_tree: Tree) -> None:
    key = "84924720cd2c1a5f0af672c807851d2a"
    root = make_tree(
        {
            "fetch.py": f"import requests\n\nAPI_URL = f'https://api.example.com/v1/flights?access_key={key}'\nrows = requests.get(API_URL, timeout=10).json()\n",
            "other.py": "URL = 'https://api.example.com/v1/flights?access_key=YOUR_ACCESS_KEY'\n",
        }
    )
    found = [f for f in run([str(root)]).findings if f.name == "hardcoded-secret"]
    assert [(f.path, f.line) for f in found] == [("fetch.py", 3)]
    assert key not in found[0].message


def test_an_exit_without_status_after_printing_a_failure_exits_zero(make_tree: Tree) -> None:
    failing = "import os\nimport sys\n\nif __name__ == '__main__':\n    path = sys.argv[1]\n    if not os.path.exists(path):\n        '''the path must exist'''\n        print('The file path %s does not exist.' % path)\n        raise SystemExit()\n    clean(path)\n"
    usage = "import sys\n\nif __name__ == '__main__':\n    if len(sys.argv) < 2:\n        print('usage: clean.py PATH')\n        sys.exit()\n    clean(sys.argv[1])\n"
    root = make_tree({"failing.py": failing, "usage.py": usage})
    assert verdicts(root, "missing-exit-code") == {
        "failing.py": "fail",
        "usage.py": "pass",
    }


def test_iterating_a_pika_channels_consume_generator_in_a_method_is_a_worker(make_tree: Tree) -> None:
    root = make_tree(
        {
            "main.py": "import os\nfrom consumer import QueueConsumer\n\nif __name__ == '__main__':\n    consumer = QueueConsumer(os.environ['BROKER_HOST'])\n    consumer.run()\n",
            "consumer.py": "import json\nimport pika\n\n\nclass QueueConsumer:\n    def __init__(self, host):\n        self.channel = pika.BlockingConnection(pika.ConnectionParameters(host)).channel()\n\n    def run(self):\n        for method, _, body in self.channel.consume(queue='offers', auto_ack=False):\n            handle(json.loads(body))\n            self.channel.basic_ack(method.delivery_tag)\n",
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("main.py", "worker")]


def test_a_per_item_handler_that_only_sends_an_alert_loses_the_failure(make_tree: Tree) -> None:
    job = "import boto3\n\n\ndef send_alert(text):\n    print(text)\n\n\ndef main():\n    for day in ('2026-11-01', '2026-11-02'):\n        try:\n            boto3.client('s3').download_file('bucket', day, day)\n            load(day)\n        except Exception as e:\n            send_alert(f'load of {day} failed: {e}')\n\n\nif __name__ == '__main__':\n    main()\n"
    collected = job.replace(
        "            send_alert(f'load of {day} failed: {e}')\n",
        "            send_alert(f'load of {day} failed: {e}')\n            failed.append(day)\n",
    )
    collected = (
        collected.replace("def main():\n", "def main():\n    failed = []\n")
        .replace("\n\nif __name__", "    return 1 if failed else 0\n\n\nif __name__")
        .replace("    main()\n", "    raise SystemExit(main())\n")
    )
    root = make_tree({"load.py": job, "load_counted.py": collected})
    assert verdicts(root, "missing-exit-code") == {
        "load.py": "fail",
        "load_counted.py": "pass",
    }


def test_a_script_running_an_app_from_a_package_below_its_own_directory_is_no_job(make_tree: Tree) -> None:
    root = make_tree(
        {
            "offers/server.py": "import os\n\nfrom backends.app import app\n\napp.config['PSQL_URL'] = os.getenv('PSQL_URL')\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8002)\n",
            "offers/backends/__init__.py": "",
            "offers/backends/app.py": "from sanic import Sanic\n\napp = Sanic('offers')\n",
        }
    )
    eps, _ = summary(root)
    assert eps == [("offers/backends/app.py", "api", "sanic")]


def test_a_dramatiq_producer_beside_the_actors_module_is_not_a_worker(make_tree: Tree) -> None:
    broker = (
        "import dramatiq\nfrom dramatiq.brokers.rabbitmq import RabbitmqBroker\n\n"
        "broker = RabbitmqBroker(url='amqp://rabbitmq')\ndramatiq.set_broker(broker)\n"
    )
    root = make_tree(
        {
            "page_worker.py": broker
            + "\n\n@dramatiq.actor(queue_name='pages')\ndef company_page(url):\n    store(fetch(url))\n",
            "main_page.py": broker
            + "\nif __name__ == '__main__':\n    for url in ('https://a.example', 'https://b.example'):\n"
            + "        broker.enqueue(dramatiq.Message(queue_name='pages', actor_name='company_page', args=(url,), kwargs={}, options={}))\n",
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("main_page.py", "job"), ("page_worker.py", "worker")]


def test_a_password_in_a_libpq_keyword_dsn_is_a_secret(make_tree: Tree) -> None:
    root = make_tree(
        {
            "db.py": 'dsn = "dbname=shop user=shop password=nuts_pass host=localhost port=5432"\nlocal = "dbname=shop user=shop password={password}"\n'
        }
    )
    found = [f for f in run([str(root)]).findings if f.name == "hardcoded-secret"]
    assert [(f.path, f.line) for f in found] == [("db.py", 1)]
    assert "nuts_pass" not in found[0].message


# Round 31 -------------------------------------------------------------------------------------


def test_a_busy_wait_loop_in_the_function_main_calls_is_a_worker_but_not_one_that_sleeps(make_tree: Tree) -> None:
    busy = "import time\n\n\ndef main():\n    last = 0\n    while True:\n        if time.time() - last > 60:\n            last = time.time()\n            upload(collect())\n\n\nif __name__ == '__main__':\n    main()\n"
    cron = "import time\n\n\ndef main():\n    while True:\n        remaining = 3600\n        while remaining > 0:\n            time.sleep(60)\n            remaining -= 60\n        upload(collect())\n\n\nif __name__ == '__main__':\n    main()\n"
    root = make_tree({"busy.py": busy, "cron.py": cron})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("busy.py", "worker"), ("cron.py", "job")]


def test_a_module_level_ftp_upload_is_a_script_and_a_failed_settings_lookup_is_no_swallow(make_tree: Tree) -> None:
    root = make_tree(
        {
            "push.py": "import configparser\nimport ftplib\n\nserver = ''\nconfig = configparser.ConfigParser()\nconfig.read('config.ini')\ntry:\n    server = config['ftp']['server']\n    password = config['ftp'].get('password')\nexcept:\n    print('no ftp settings')\n\nftp = ftplib.FTP(server, 'push', password)\nwith open('stats.csv', 'rb') as fh:\n    ftp.storbinary('STOR stats.csv', fh)\n",
            "fetch.py": "import requests\n\ntry:\n    rows = requests.get('https://api.example.com/rows', timeout=5)\nexcept Exception:\n    print('fetch failed')\nresp = requests.post('https://api.example.com/load', json={}, timeout=5)\nresp.raise_for_status()\n",
            "swallow.py": "import ftplib\n\ntry:\n    ftp = ftplib.FTP('ftp.example.com', 'push', 'x')\n    ftp.storbinary('STOR stats.csv', open('stats.csv', 'rb'))\nexcept Exception:\n    print('upload failed')\n",
        }
    )
    assert verdicts(root, "missing-exit-code") == {"push.py": "pass", "swallow.py": "fail", "fetch.py": "fail"}


def test_a_console_loop_around_rich_prompts_is_a_tool_like_one_around_input(make_tree: Tree) -> None:
    shell = "import sqlite3\n\nfrom rich.prompt import Prompt\n\n\ndef main():\n    db = sqlite3.connect('shop.db')\n    while True:\n        query = Prompt.ask('sql')\n        for row in db.execute(query):\n            print(row)\n\n\nif __name__ == '__main__':\n    main()\n"
    root = make_tree({"shell.py": shell, "plain.py": shell.replace("Prompt.ask('sql')", "input('sql> ')")})
    eps, _ = summary(root)
    assert eps == []


# Session 10 ----------------------------------------------------------------------------------

_LOOP_PROCESS = (
    "import multiprocessing\n\nimport bridge\n\n\nclass Base(multiprocessing.Process):\n"
    "    def __init__(self, queue):\n        multiprocessing.Process.__init__(self)\n        self.queue = queue\n\n\n"
    "class Pump(Base):\n    def run(self):\n        while True:\n            bridge.step(self.queue)\n\n\n"
    "def main(children):\n    [p.start() for p in children]\n    bridge.wait(children)\n\n\n"
    "if __name__ == '__main__':\n    queue = multiprocessing.Queue()\n    children = [Pump(queue)]\n    main(children)\n"
)


def test_a_started_thread_or_process_class_whose_run_loops_forever_is_a_worker(make_tree: Tree) -> None:
    imported_thread = (
        "import threading\n\nimport bridge\n\n\nclass Listener(threading.Thread):\n    def run(self):\n"
        "        while True:\n            bridge.step(None)\n"
    )
    root = make_tree(
        {
            "bridge.py": "def step(queue):\n    return queue\n\n\ndef wait(children):\n    return children\n",
            "pump.py": _LOOP_PROCESS,
            "listener.py": imported_thread,
            "serve.py": "from listener import Listener\n\nif __name__ == '__main__':\n    Listener().start()\n",
            # a daemon thread ends with the program: the job below still ends when its work is done
            "daemon.py": _LOOP_PROCESS.replace(
                "multiprocessing.Process.__init__(self)", "super().__init__(daemon=True)"
            ),
            # a run() that can leave its loop, and a class built but never started
            "drain.py": _LOOP_PROCESS.replace(
                "bridge.step(self.queue)", "if bridge.step(self.queue):\n                break"
            ),
            "unstarted.py": _LOOP_PROCESS.replace("[p.start() for p in children]", "print(children)"),
            "daemon_set.py": _LOOP_PROCESS.replace(
                "[p.start()",
                "for p in children:\n        p.daemon = True\n    [p.start()",
            ),
        }
    )
    eps, _ = summary(root)
    assert {path: (kind, framework) for path, kind, framework in eps} == {
        "pump.py": ("worker", "multiprocessing"),
        "serve.py": ("worker", "threading"),
        "daemon.py": ("job", "python"),
        "drain.py": ("job", "python"),
        "unstarted.py": ("job", "python"),
        "daemon_set.py": ("job", "python"),
    }


def test_iterating_psycopg_notifies_is_a_consume_loop_but_not_with_a_timeout(make_tree: Tree) -> None:
    listen = (
        "import psycopg\n\n\ndef main():\n    conn = psycopg.connect(autocommit=True)\n"
        "    conn.execute('LISTEN tasks')\n    for note in conn.notifies():\n        handle(note.payload)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"listen.py": listen, "drain.py": listen.replace("notifies()", "notifies(timeout=5)")})
    eps, _ = summary(root)
    assert eps == [("drain.py", "job", "python"), ("listen.py", "worker", "postgres-listen")]


def test_a_telegram_updater_polling_without_idle_handles_no_sigterm(make_tree: Tree) -> None:
    bot = (
        "import logging\n\nfrom telegram.ext import CommandHandler, Updater\n\nlogging.basicConfig(level=logging.INFO)\n"
        "updater = Updater('')\nupdater.dispatcher.add_handler(CommandHandler('start', start))\n"
        "updater.start_polling()\nupdater.idle()\n"
    )
    beside = "import time\n\n" + bot.replace("updater.idle()\n", "while True:\n    check()\n    time.sleep(60)\n")
    root = make_tree({"idle.py": bot, "bare.py": bot.replace("updater.idle()\n", ""), "beside.py": beside})
    assert verdicts(root, "missing-graceful-shutdown") == {"idle.py": "pass", "bare.py": "fail", "beside.py": "fail"}


def test_logging_set_up_in_an_imported_modules_main_block_does_not_count(make_tree: Tree) -> None:
    web = (
        "import logging\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/health')\ndef health():\n"
        "    return 'ok'\n\n\nif __name__ == '__main__':\n    logging.basicConfig(level=logging.INFO)\n    app.run()\n"
    )
    poller = (
        "import logging\nimport threading\nimport time\n\nfrom web import app\n\nlog = logging.getLogger(__name__)\n\n\n"
        "def main():\n    threading.Thread(target=app.run, daemon=True).start()\n    while True:\n"
        "        log.info('poll')\n        time.sleep(60)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"web.py": web, "poller.py": poller})
    assert verdicts(root, "missing-logging") == {"poller.py": "fail", "web.py": "pass"}


def test_flask_apscheduler_started_beside_the_app_is_a_job_too(make_tree: Tree) -> None:
    app = (
        "from flask import Flask\nfrom flask_apscheduler import APScheduler\n\napp = Flask(__name__)\n"
        "scheduler = APScheduler()\nscheduler.init_app(app)\nscheduler.start()\n\n\n"
        "@scheduler.task('interval', id='idle', seconds=10)\ndef check():\n    pass\n\n\n"
        "@app.route('/')\ndef index():\n    return 'ok'\n"
    )
    eps, _ = summary(make_tree({"app.py": app}))
    assert eps == [("app.py", "api", "flask"), ("app.py", "job", "apscheduler")]


def test_a_consumer_that_only_the_importers_main_block_runs_is_a_worker(make_tree: Tree) -> None:
    worker = (
        "import json\n\nimport redis\n\nr = redis.Redis()\n\n\ndef run_worker():\n    while True:\n"
        "        _, data = r.blpop('events')\n        deliver(json.loads(data))\n\n\n"
        "if __name__ == '__main__':\n    run_worker()\n"
    )
    api = (
        "from fastapi import FastAPI\n\nfrom app import worker\n\napp = FastAPI()\n\n\n@app.post('/events')\n"
        "def post(event: dict):\n    worker.r.rpush('events', str(event))\n"
    )
    # a launcher that calls the same consumer is that worker; the file's own block is then a demo
    launcher = "from app.worker import run_worker\n\nif __name__ == '__main__':\n    run_worker()\n"
    eps, _ = summary(make_tree({"app/worker.py": worker, "app/main.py": api}))
    assert eps == [("app/main.py", "api", "fastapi"), ("app/worker.py", "worker", "redis")]
    eps, _ = summary(make_tree({"app/worker.py": worker, "app/main.py": api, "run.py": launcher}))
    assert [(path, kind) for path, kind, _ in eps] == [("app/main.py", "api"), ("run.py", "worker")]


def test_script_shapes_consumer_factories_and_flask_script_managers(make_tree: Tree) -> None:
    etl = (
        "import psycopg2\nimport requests\n\nconn = psycopg2.connect(host='db')\ncursor = conn.cursor()\n"
        "response = requests.get('https://api.example.com/docs', timeout=10)\nif response.status_code == 200:\n"
        "    for item in response.json():\n        cursor.execute('INSERT INTO docs VALUES (%s)', (item['id'],))\n"
        "    conn.commit()\n"
    )
    consumer = (
        "import json\n\nfrom kafka import KafkaConsumer\n\n\ndef get_consumer(topic):\n"
        "    consumer = KafkaConsumer(topic, value_deserializer=json.loads)\n    return consumer\n\n\n"
        "for message in get_consumer('emails'):\n    send(message.value)\n"
    )
    bound = consumer.replace(
        "for message in get_consumer('emails'):", "consumer = get_consumer('emails')\nfor message in consumer:"
    )
    manage = (
        "from flask_script import Manager, Server\n\nfrom web import create_app\n\napp = create_app()\n"
        "manager = Manager(app)\nmanager.add_command('server', Server())\n\nif __name__ == '__main__':\n    manager.run()\n"
    )
    web = "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n"
    root = make_tree({"etl.py": etl, "consumer.py": bound, "manage.py": manage, "web.py": web})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [
        ("consumer.py", "worker"),
        ("etl.py", "job"),
        ("web.py", "api"),
    ]


def test_aiogram_2_polling_and_a_logging_switch_named_like_djangos_setting(make_tree: Tree) -> None:
    bot = (
        "import asyncio\nimport logging\nimport os\n\nfrom aiogram import Bot, Dispatcher\n"
        "from aiogram.contrib.fsm_storage.memory import MemoryStorage\n\nlogging.basicConfig(level=logging.INFO)\n"
        "bot = Bot(os.environ['TOKEN'])\ndp = Dispatcher(bot, storage=MemoryStorage())\n\n\n"
        "if __name__ == '__main__':\n    asyncio.get_event_loop().run_until_complete(dp.start_polling())\n"
    )
    three = bot.replace(
        "from aiogram.contrib.fsm_storage.memory import MemoryStorage",
        "from aiogram.fsm.storage.memory import MemoryStorage",
    )
    switch = (
        "import os\nimport time\n\nimport schedule\n\nLOGGING = bool(os.environ.get('LOGGING', ''))\n\n\n"
        "def main():\n    schedule.every(5).minutes.do(collect)\n    while True:\n        schedule.run_pending()\n"
        "        time.sleep(1)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"bot2.py": bot, "bot3.py": three, "collector.py": switch})
    assert verdicts(root, "missing-graceful-shutdown") == {"bot2.py": "fail", "bot3.py": "pass", "collector.py": "na"}
    assert verdicts(root, "missing-logging")["collector.py"] == "fail"


def test_a_whole_tables_query_delete_is_destructive(make_tree: Tree) -> None:
    cron = (
        "from api import app, db\nfrom models import Friend\n\n\ndef reset():\n    with app.app_context():\n"
        "        Friend.query.delete()\n        db.session.commit()\n\n\nif __name__ == '__main__':\n    reset()\n"
    )
    root = make_tree({"cron.py": cron, "api.py": "db = None\napp = None\n", "models.py": "class Friend:\n    pass\n"})
    assert verdicts(root, "missing-dry-run") == {"cron.py": "fail"}


def test_broker_and_basic_auth_passwords_given_by_position_are_secrets(make_tree: Tree) -> None:
    source = (
        "import pika\nfrom requests.auth import HTTPBasicAuth\n\n"
        "creds = pika.PlainCredentials('orders', 'Xk92mQp4Lz')\nauth = HTTPBasicAuth('ci', 'Vb83nTq1Wd')\n"
        "named = pika.PlainCredentials('orders', os.environ['MQ_PASSWORD'])\n"
    )
    report = run([str(make_tree({"send.py": "import os\n" + source}))])
    found = [(f.name, f.line) for f in report.findings if f.name == "hardcoded-secret"]
    assert found == [("hardcoded-secret", 5), ("hardcoded-secret", 6)]
    assert not any("Xk92mQp4Lz" in f.message or "Vb83nTq1Wd" in f.message for f in report.findings)


def test_a_busy_loop_in_the_main_block_is_a_worker_like_one_at_module_level(make_tree: Tree) -> None:
    bot = (
        "import logging\n\nfrom mail import Inbox\n\nif __name__ == '__main__':\n    inbox = Inbox()\n    while True:\n"
        "        try:\n            inbox.forward_new()\n        except Exception as e:\n"
        "            logging.error(f'check failed: {e}')\n"
    )
    menu = bot.replace("inbox.forward_new()", "if inbox.forward_new() == 0:\n                break")
    mail = "class Inbox:\n    def forward_new(self):\n        return 0\n"
    eps, _ = summary(make_tree({"bot.py": bot, "once.py": menu, "mail.py": mail}))
    assert [(path, kind) for path, kind, _ in eps] == [("bot.py", "worker"), ("once.py", "job")]


def test_waiting_on_an_event_a_signal_handler_sets_keeps_an_exporter_running(make_tree: Tree) -> None:
    exporter = (
        "import signal\nfrom threading import Event\n\nfrom prometheus_client import start_http_server\n\n\n"
        "def main():\n    start_http_server(9333)\n    stop = Event()\n"
        "    signal.signal(signal.SIGTERM, lambda *_: stop.set())\n    stop.wait()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    # a job that waits for its own worker thread to finish the work
    waits_for_work = (
        "import threading\n\n\ndef main():\n    done = threading.Event()\n"
        "    threading.Thread(target=copy_all, args=(done,)).start()\n    done.wait()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    eps, checks = summary(make_tree({"exporter.py": exporter, "copy.py": waits_for_work}))
    assert [(path, kind) for path, kind, _ in eps] == [("copy.py", "job"), ("exporter.py", "worker")]
    assert checks["worker:exporter.py:main"]["missing-graceful-shutdown"] == "pass"


def test_a_busy_main_block_of_a_module_its_package_imports_or_of_a_schedule_script(make_tree: Tree) -> None:
    client = "def step():\n    return None\n\n\nif __name__ == '__main__':\n    while True:\n        step()\n"
    main = (
        "import time\n\nfrom bridge import client\n\n\ndef main():\n    while True:\n        client.step()\n"
        "        time.sleep(1)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    # a schedule registered over and over, never run: still the `schedule` script, not a busy worker
    post = (
        "import schedule\n\n\ndef post():\n    send_chart()\n\n\nif __name__ == '__main__':\n    post()\n"
        "    while True:\n        schedule.every().day.at('12:00').do(post)\n"
    )
    root = make_tree({"bridge/__init__.py": "", "bridge/client.py": client, "bridge/main.py": main, "post.py": post})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("bridge/main.py", "worker"), ("post.py", "job")]


def test_a_websocket_stream_read_round_after_round_is_a_worker(make_tree: Tree) -> None:
    client = (
        "import json\n\nimport websockets\n\n\nclass Stream:\n    async def start(self):\n"
        "        self.ws = await websockets.connect('wss://stream.example.com/ws')\n        while True:\n"
        "            message = await self.ws.recv()\n            await self.store(json.loads(message))\n\n"
        "    async def store(self, row):\n        return row\n"
    )
    app = (
        "import asyncio\n\nfrom client import Stream\n\nif __name__ == '__main__':\n    asyncio.run(Stream().start())\n"
    )
    # one answer read from a plain socket is no stream
    probe = (
        "import socket\n\nif __name__ == '__main__':\n    s = socket.create_connection(('db', 5432), timeout=5)\n"
        "    while True:\n        data = s.recv(1024)\n        if not data:\n            break\n        print(data)\n"
    )
    eps, _ = summary(make_tree({"client.py": client, "app.py": app, "probe.py": probe}))
    assert [(path, kind, framework) for path, kind, framework in eps] == [
        ("app.py", "worker", "websocket"),
        ("probe.py", "job", "python"),
    ]


def test_pollers_that_leave_only_on_a_failure_or_a_cancellation_are_workers(make_tree: Tree) -> None:
    check = (
        "import time\nimport urllib.request\n\nwhile True:\n    try:\n"
        "        urllib.request.urlopen('https://example.com', timeout=60)\n    except Exception as e:\n"
        "        send_mail('site down', str(e))\n        break\n    time.sleep(60)\n"
    )
    monitor = (
        "import asyncio\n\n\nclass Dispatcher:\n    async def watch(self, monitor):\n        while True:\n"
        "            try:\n                await monitor.check()\n            except asyncio.CancelledError:\n"
        "                break\n            await asyncio.sleep(30)\n\n\n"
        "def main():\n    asyncio.run(Dispatcher().watch(None))\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    # leaving on success is a retry loop: the job is done once it works
    retry = check.replace(
        "    except Exception as e:\n        send_mail('site down', str(e))\n        break\n",
        "        break\n    except Exception as e:\n        send_mail('site down', str(e))\n",
    )
    # a silent `except Exception: break` ends the loop when there is no more (the button is gone)
    more = (
        "import time\n\n\ndef load_all(driver):\n    while True:\n        try:\n            driver.find('more').click()\n"
        "            time.sleep(2)\n        except Exception:\n            break\n\n\n"
        "if __name__ == '__main__':\n    load_all(open_driver())\n    save(read_page())\n"
    )
    eps, _ = summary(make_tree({"check.py": check, "monitor.py": monitor, "retry.py": retry, "more.py": more}))
    assert [(path, kind) for path, kind, _ in eps] == [
        ("check.py", "worker"),
        ("monitor.py", "worker"),
        ("more.py", "job"),
        ("retry.py", "job"),
    ]


def test_waiting_for_ctrl_c_with_nothing_started_is_a_job(make_tree: Tree) -> None:
    watcher = (
        "import asyncio\nimport signal\n\nstop = asyncio.Event()\n\n\nasync def main():\n"
        "    signal.signal(signal.SIGINT, lambda *_: stop.set())\n    await stop.wait()\n"
        "    await publish_shutdown()\n\n\nif __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    exporter = (
        "import signal\nfrom threading import Event\n\nfrom prometheus_client import start_http_server\n\n\n"
        "def serve(port):\n    start_http_server(port)\n\n\ndef main():\n    serve(9333)\n    stop = Event()\n"
        "    signal.signal(signal.SIGINT, lambda *_: stop.set())\n    stop.wait()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    eps, _ = summary(make_tree({"watcher.py": watcher, "exporter.py": exporter}))
    assert [(path, kind) for path, kind, _ in eps] == [("exporter.py", "worker"), ("watcher.py", "job")]


def test_gunicorn_embedded_in_main_serves_the_app_and_a_named_stand_in_token(make_tree: Tree) -> None:
    exporter = (
        "import gunicorn.app.base\nimport telegram\nfrom flask import Flask\n\napp = Flask(__name__)\n"
        "bot = telegram.Bot(token='botToken')\n\n\n@app.route('/metrics')\ndef metrics():\n    return ''\n\n\n"
        "class StandaloneApplication(gunicorn.app.base.BaseApplication):\n    def __init__(self, app, options=None):\n"
        "        self.options = options or {}\n        self.application = app\n        super().__init__()\n\n"
        "    def load(self):\n        return self.application\n\n\n"
        "if __name__ == '__main__':\n    StandaloneApplication(app, {'bind': '0.0.0.0:9092'}).run()\n"
    )
    report = run([str(make_tree({"exporter.py": exporter}))])
    assert [(r.entrypoint.path, r.entrypoint.kind) for r in report.entrypoints] == [("exporter.py", "api")]
    assert not [f for f in report.findings if f.name == "hardcoded-secret"]


def test_a_cron_script_calling_a_project_class_and_a_pushover_post(make_tree: Tree) -> None:
    shortener = (
        "from db import session\n\n\nclass URL(session.Model):\n    @staticmethod\n    def clear_expired():\n"
        "        session.execute('DELETE FROM urls WHERE expires < now()')\n"
    )
    notify = (
        "import requests\n\n\ndef main():\n    page = requests.get('https://shop.example.com/item', timeout=10)\n"
        "    page.raise_for_status()\n    r = requests.post('https://api.pushover.net/1/messages.json', data={'message': 'in stock'}, timeout=10)\n"
        "    print(r.status_code)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree(
        {
            "apis/__init__.py": "",
            "apis/shortener.py": shortener,
            "db.py": "session = None\n",
            "recycle.py": "from apis.shortener import URL\n\nURL.clear_expired()\n",
            "notify.py": notify,
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("notify.py", "job"), ("recycle.py", "job")]
    assert verdicts(root, "missing-exit-code")["notify.py"] == "pass"


# Session 11 ----------------------------------------------------------------------------------


def test_a_script_that_sets_django_up_through_wsgi_leaves_the_api_at_wsgi_py(make_tree: Tree) -> None:
    setup = "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n"
    wsgi = setup + "\nfrom django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n"
    command = (
        setup + "from django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n\n"
        "from django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n"
        "    def handle(self, *args, **options):\n        pass\n"
    )
    root = make_tree(
        {
            "site/__init__.py": "",
            "site/settings.py": "ROOT_URLCONF = 'site.urls'\nINSTALLED_APPS = ['api']\n",
            "site/wsgi.py": wsgi,
            "api/__init__.py": "",
            "api/management/__init__.py": "",
            "api/management/commands/__init__.py": "",
            "api/management/commands/scan.py": command,
        }
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [
        ("api/management/commands/scan.py", "job"),
        ("site/wsgi.py", "api"),
    ]


def test_telegram_bots_that_listen_and_bots_that_only_send(make_tree: Tree) -> None:
    listening = (
        "import threading\n\nimport schedule\nimport telebot\n\nBOT = telebot.AsyncTeleBot('x')\n\n\n"
        "def tick():\n    pass\n\n\ndef loop():\n    schedule.every(5).minutes.do(tick)\n    while True:\n"
        "        schedule.run_pending()\n\n\ndef main():\n    threading.Thread(target=loop).start()\n"
        "    BOT.polling(none_stop=True)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    sender = (
        "import os\nimport time\n\nimport requests\nimport telebot\n\n\n"
        "def check(tb):\n    r = requests.get('https://example.com', timeout=5)\n"
        "    if r.status_code != 200:\n        tb.send_message(os.environ['CHAT'], 'down')\n\n\n"
        "if __name__ == '__main__':\n    tb = telebot.TeleBot(os.environ['TOKEN'])\n    check(tb)\n"
    )
    handler = sender.replace(
        "    check(tb)\n",
        "    check(tb)\n\n    @tb.message_handler(commands=['start'])\n    def start(m):\n        tb.reply_to(m, 'hi')\n",
    )
    eps, _ = summary(make_tree({"bot.py": listening, "monitor.py": sender, "helper_bot.py": handler}))
    assert [(path, kind) for path, kind, _ in eps] == [
        ("bot.py", "worker"),  # polls in its `__main__` block: not a job of its own
        ("bot.py", "job"),  # the `schedule` scheduler in its thread
        ("helper_bot.py", "job"),
        ("helper_bot.py", "worker"),  # registers a handler: it listens
        ("monitor.py", "job"),
    ]


def test_a_discord_client_that_closes_itself_when_ready_is_a_job(make_tree: Tree) -> None:
    once = (
        "import os\n\nimport discord\n\nclient = discord.Client()\n\n\n@client.event\nasync def on_ready():\n"
        "    await client.get_channel(1).send('daily report')\n    await client.close()\n\n\n"
        "client.run(os.environ['TOKEN'])\n"
    )
    bot = once.replace("    await client.close()\n", "")
    eps, _ = summary(make_tree({"report.py": once, "bot.py": bot}))
    assert [(path, kind) for path, kind, _ in eps] == [("bot.py", "worker"), ("report.py", "job")]


def test_a_loop_that_waits_on_an_event_with_a_timeout_is_a_poller(make_tree: Tree) -> None:
    bridge = (
        "import threading\n\nimport requests\n\n\ndef check():\n    return requests.get('https://example.com', timeout=5)\n\n\n"
        "def loop(event):\n    while True:\n        check()\n        event.wait(300)\n\n\n"
        "def start():\n    event = threading.Event()\n    threading.Thread(target=loop, args=(event,)).start()\n\n\n"
        "if __name__ == '__main__':\n    start()\n"
    )
    once = bridge.replace("        event.wait(300)\n", "        if event.wait():\n            break\n")
    eps, _ = summary(make_tree({"bridge.py": bridge, "once.py": once}))
    assert [(path, kind) for path, kind, _ in eps] == [("bridge.py", "worker"), ("once.py", "job")]


def test_websocket_client_streams_read_with_async_for_are_workers(make_tree: Tree) -> None:
    stream = (
        "import asyncio\n\nimport websockets\n\n\nasync def consume():\n"
        "    async with websockets.connect('wss://stream.example.com') as ws:\n"
        "        await ws.send('subscribe')\n        async for message in ws:\n            print(message)\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(consume())\n"
    )
    reconnecting = (
        "import asyncio\n\nimport websockets\n\n\nasync def consume():\n"
        "    async for ws in websockets.connect('wss://stream.example.com'):\n        try:\n"
        "            async for message in ws:\n                print(message)\n"
        "        except websockets.ConnectionClosed:\n            continue\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(consume())\n"
    )
    aiohttp_stream = (
        "import asyncio\n\nimport aiohttp\n\n\nasync def consume():\n    async with aiohttp.ClientSession() as session:\n"
        "        async with session.ws_connect('wss://stream.example.com') as ws:\n"
        "            async for msg in ws:\n                print(msg.data)\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(consume())\n"
    )
    snapshot = stream.replace("            print(message)\n", "            print(message)\n            break\n")
    root = make_tree(
        {"stream.py": stream, "reconnect.py": reconnecting, "ws_aiohttp.py": aiohttp_stream, "snapshot.py": snapshot}
    )
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [
        ("reconnect.py", "worker"),
        ("snapshot.py", "job"),  # reads one message and leaves
        ("stream.py", "worker"),
        ("ws_aiohttp.py", "worker"),
    ]


def test_review11_bots_and_django_runners(make_tree: Tree) -> None:
    listening = (
        "import threading\n\nimport telebot\n\nbot = telebot.TeleBot('x')\n\n\n@bot.message_handler(commands=['start'])\n"
        "def start(m):\n    bot.send_message(m.chat.id, 'hi')\n\n\n"
        "if __name__ == '__main__':\n    threading.Thread(target=bot.infinity_polling).start()\n"
    )
    guarded = (
        "import os\n\nimport discord\nfrom discord.ext import commands\n\nbot = commands.Bot(command_prefix='!')\n\n\n"
        "@bot.event\nasync def on_ready():\n    if bot.get_guild(1) is None:\n        await bot.close()\n\n\n"
        "@bot.command()\nasync def ping(ctx):\n    await ctx.send('pong')\n\n\nbot.run(os.environ['TOKEN'])\n"
    )
    eps, _ = summary(make_tree({"bot.py": listening, "cmd.py": guarded}))
    assert ("bot.py", "worker") in [(p, k) for p, k, _ in eps] and ("cmd.py", "worker") in [(p, k) for p, k, _ in eps]
    setup = "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n"
    asgi = setup + "\nfrom django.core.asgi import get_asgi_application\n\napplication = get_asgi_application()\n"
    script = setup + "\nfrom django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n"
    root = make_tree(
        {
            "site/__init__.py": "",
            "site/settings.py": "ROOT_URLCONF = 'site.urls'\n",
            "site/asgi.py": asgi,
            "scripts/load.py": script + "\n\nif __name__ == '__main__':\n    print('loaded')\n",
        }
    )
    assert ("site/asgi.py", "api") in [(p, k) for p, k, _ in summary(root)[0]]


def test_pyrogram_telethon_and_matrix_clients_that_listen_are_workers(make_tree: Tree) -> None:
    pyrogram_run = (
        "from pyrogram import Client, filters\n\napp = Client('bot')\n\n\n@app.on_message(filters.private)\n"
        "async def hello(client, message):\n    await message.reply('hi')\n\n\nif __name__ == '__main__':\n    app.run()\n"
    )
    pyrogram_send = (
        "from pyrogram import Client\n\napp = Client('me')\n\n\nasync def main():\n    async with app:\n"
        "        await app.send_message('me', 'backup done')\n\n\nif __name__ == '__main__':\n    app.run(main())\n"
    )
    subclass = (
        "from pyrogram import Client, idle\n\n\nclass MyBot(Client):\n    def __init__(self):\n"
        "        super().__init__('bot')\n        self.run(self._run())\n\n    async def _run(self):\n"
        "        await self.start()\n        await idle()\n        await self.stop()\n\n\n"
        "if __name__ == '__main__':\n    MyBot()\n"
    )
    telethon = (
        "import os\n\nfrom telethon import TelegramClient, events\n\nif __name__ == '__main__':\n"
        "    client = TelegramClient('s', 1, 'h').start()\n\n    @client.on(events.NewMessage)\n"
        "    async def handler(event):\n        print(event.raw_text)\n\n    client.run_until_disconnected()\n"
    )
    matrix = (
        "import asyncio\n\nfrom nio import AsyncClient\n\n\nasync def main():\n"
        "    client = AsyncClient('https://matrix.example.org', '@bot:example.org')\n"
        "    await client.sync_forever(timeout=30000)\n\n\nif __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    root = make_tree(
        {"run.py": pyrogram_run, "send.py": pyrogram_send, "sub.py": subclass, "tl.py": telethon, "mx.py": matrix}
    )
    report = run([str(root)])
    eps = {(r.entrypoint.path, r.entrypoint.kind, r.entrypoint.framework) for r in report.entrypoints}
    assert eps == {
        ("mx.py", "worker", "matrix-nio"),
        ("run.py", "worker", "pyrogram"),
        ("send.py", "job", "python"),  # runs one coroutine and stops
        ("sub.py", "worker", "pyrogram"),
        ("tl.py", "worker", "telethon"),
    }
    shutdown = {
        r.entrypoint.path: {c.name: c.status for c in r.checks}["missing-graceful-shutdown"] for r in report.entrypoints
    }
    assert shutdown["run.py"] == "pass" and shutdown["tl.py"] == "fail" and shutdown["mx.py"] == "fail"


def test_logging_set_up_by_the_module_that_serves_the_app_counts(make_tree: Tree) -> None:
    app = "from aiohttp import web\n\napp = web.Application()\n\n\nasync def health(request):\n    return web.Response()\n\n\napp.router.add_get('/health', health)\n"
    runner = (
        "import logging\n\nfrom aiohttp import web\n\nfrom .main import app\n\n"
        "logging.basicConfig(level=logging.INFO)\nweb.run_app(app, port=8080)\n"
    )
    quiet = runner.replace("logging.basicConfig(level=logging.INFO)\n", "")
    served = make_tree({"svc/__init__.py": "", "svc/main.py": app, "svc/__main__.py": runner})
    assert verdicts(served, "missing-logging") == {"svc/main.py": "pass"}
    (served / "svc" / "__main__.py").write_text(quiet)
    assert verdicts(served, "missing-logging") == {"svc/main.py": "fail"}
    # a module that only imports the app (a test helper, a script reading its routes) is no runner
    (served / "svc" / "__main__.py").write_text(
        "import logging\n\nfrom .main import app\n\nlogging.basicConfig()\nprint(app)\n"
    )
    assert verdicts(served, "missing-logging") == {"svc/main.py": "fail"}


def test_handlers_copied_from_the_server_and_a_scheduler_inside_a_served_app(make_tree: Tree) -> None:
    flask_app = (
        "import logging\n\nfrom flask import Flask\n\napp = Flask(__name__)\n"
        "gunicorn_logger = logging.getLogger('gunicorn.error')\napp.logger.handlers = gunicorn_logger.handlers\n\n\n"
        "@app.route('/health')\ndef health():\n    return 'ok'\n"
    )
    extended = flask_app.replace(
        "app.logger.handlers = gunicorn_logger.handlers", "app.logger.handlers.extend(gunicorn_logger.handlers)"
    )
    cleared = flask_app.replace("app.logger.handlers = gunicorn_logger.handlers", "app.logger.handlers = []")
    root = make_tree({"a/app.py": flask_app, "b/app.py": extended, "c/app.py": cleared})
    assert verdicts(root / "a", "missing-logging") == {"app.py": "pass"}
    assert verdicts(root / "b", "missing-logging") == {"app.py": "pass"}
    assert verdicts(root / "c", "missing-logging") == {"app.py": "fail"}
    web = (
        "from aiohttp import web\n\nfrom .tasks import scheduler\n\napp = web.Application()\n\n\n"
        "async def start(app):\n    scheduler.start()\n\n\napp.on_startup.append(start)\n"
    )
    tasks = (
        "from apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nscheduler = AsyncIOScheduler()\n\n\n"
        "@scheduler.scheduled_job('interval', hours=1)\nasync def sync():\n    pass\n"
    )
    runner = (
        "import logging\n\nfrom aiohttp import web\n\nfrom .web import app\n\n\ndef main():\n"
        "    logging.basicConfig(level=logging.INFO)\n    web.run_app(app)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    svc = make_tree(
        {"d/bot/__init__.py": "", "d/bot/web.py": web, "d/bot/tasks.py": tasks, "d/bot/__main__.py": runner}
    )
    assert verdicts(svc / "d", "missing-logging") == {"bot/tasks.py": "pass", "bot/web.py": "pass"}


# Session 12 ----------------------------------------------------------------------------------


def test_an_insert_counts_only_for_services_that_call_its_function(make_tree: Tree) -> None:
    db = (
        "class Store:\n"
        "    def save(self, cur, row):\n"
        "        cur.execute('INSERT INTO seen (id) VALUES (%s)', row)\n\n"
        "    def sign_up(self, cur, email):\n"
        "        cur.execute('INSERT INTO mailing_list (email) VALUES (%s)', (email,))\n\n\n"
        "def record_batch(cur, batch):\n"
        "    cur.execute('INSERT INTO batches (id) VALUES (%s)', (batch,))\n\n\n"
        "def record_user(cur, user):\n"
        "    cur.execute('INSERT INTO users (id) VALUES (%s)', (user,))\n"
    )
    sync = (
        "from db import Store, record_batch\n\n\ndef main(cur):\n    Store().save(cur, (1,))\n"
        "    record_batch(cur, 7)\n\n\nif __name__ == '__main__':\n    main(None)\n"
    )
    root = make_tree({"db.py": db, "sync.py": sync})
    report = run([str(root)])
    inserts = sorted((f.line, f.entrypoints) for f in report.findings if f.name == "non-idempotent-insert")
    # `sign_up` and `record_user` are never called: their INSERTs write nothing for the job.
    assert inserts == [(3, ("job:sync.py:__main__",)), (10, ("job:sync.py:__main__",))]
    assert verdicts(root, "non-idempotent-insert") == {"sync.py": "fail"}
    # With only the uncalled functions reached, the job passes.
    root = make_tree(
        {"sync.py": sync.replace("Store().save(cur, (1,))", "pass").replace("record_batch(cur, 7)", "pass")}
    )
    assert verdicts(root, "non-idempotent-insert") == {"sync.py": "pass"}


def test_a_scrapy_spider_is_a_job_that_runs_the_pipelines_its_settings_enable(make_tree: Tree) -> None:
    spider = (
        "import scrapy\n\n\nclass QuotesSpider(scrapy.Spider):\n    name = 'quotes'\n"
        "    start_urls = ['https://quotes.example.com/']\n\n    def parse(self, response):\n"
        "        yield {'text': response.css('span.text::text').get()}\n"
    )
    pipelines = (
        "class StorePipeline:\n    def process_item(self, item, spider):\n"
        "        spider.db.execute('INSERT INTO quotes (text) VALUES (%s)', (item['text'],))\n        return item\n"
    )
    settings = "BOT_NAME = 'shop'\nITEM_PIPELINES = {\n    'shop.pipelines.StorePipeline': 300,\n}\n"
    base = (
        "from scrapy.spiders import CrawlSpider\n\n\nclass Base(CrawlSpider):\n    allowed_domains = ['example.com']\n"
    )
    root = make_tree(
        {
            "scrapy.cfg": "[settings]\ndefault = shop.settings\n",
            "shop/__init__.py": "",
            "shop/settings.py": settings,
            "shop/pipelines.py": pipelines,
            "shop/spiders/__init__.py": "",
            "shop/spiders/quotes.py": spider,
            "shop/spiders/base.py": base,  # no `name`: a base class, not a spider one can crawl
        }
    )
    # (an `EXTENSIONS` dict of another program's configuration names no Scrapy component)
    root = make_tree(
        {
            "shop/docs_config.py": "EXTENSIONS = {'.md': 'markdown', 'shop.cleanup.Cleanup': 1}\n",
            "shop/cleanup.py": "import shutil\n\n\nclass Cleanup:\n    pass\n\n\nshutil.rmtree('build/site')\n",
        }
    )
    eps, checks = summary(root)
    assert eps == [("shop/spiders/quotes.py", "job", "scrapy")]
    assert checks["job:shop/spiders/quotes.py:QuotesSpider"]["missing-dry-run"] == "na"
    (job,) = checks.values()
    # The crawl loads the pipeline the settings enable; Scrapy sets up logging for the crawl.
    assert job["non-idempotent-insert"] == "fail" and job["missing-logging"] == "pass"
    # A spider that a runner script imports and crawls: the runner is the job.
    runner = (
        "from scrapy.crawler import CrawlerProcess\nfrom shop.spiders.quotes import QuotesSpider\n\n"
        "if __name__ == '__main__':\n    process = CrawlerProcess()\n    process.crawl(QuotesSpider)\n    process.start()\n"
    )
    root = make_tree({"crawl.py": runner})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("crawl.py", "job")]


def test_a_bot_reaches_the_cogs_it_loads_by_name_and_their_tasks_loop_is_its_polling(make_tree: Tree) -> None:
    bot = (
        "import logging\nimport os\n\nimport discord\nfrom discord.ext import commands\n\n"
        "logging.basicConfig(level=logging.INFO)\n\n\nclass Bot(commands.Bot):\n"
        "    async def setup_hook(self):\n        await self.load_extension('cogs.auction')\n\n\n"
        "if __name__ == '__main__':\n    Bot(command_prefix='!', intents=discord.Intents.default()).run(os.environ['TOKEN'])\n"
    )
    cog = (
        "from discord.ext import commands, tasks\n\n\nclass Auction(commands.Cog):\n"
        "    def __init__(self, bot):\n        self.bot = bot\n        self.check.start()\n\n"
        "    @tasks.loop(minutes=30)\n    async def check(self):\n        print('checking')\n\n\n"
        "async def setup(bot):\n    await bot.add_cog(Auction(bot))\n"
    )
    root = make_tree({"bot.py": bot, "cogs/__init__.py": "", "cogs/auction.py": cog})
    eps, checks = summary(root)
    # `@tasks.loop` polls inside the bot's process: labellers read it as the bot's polling, not a job.
    assert eps == [("bot.py", "worker", "discord")]
    # The cog's print runs in the bot's process: the bot loads the cog by its module name.
    assert checks["worker:bot.py:__main__"]["bare-print"] == "fail"


def test_dash_apps_sanic_schedulers_and_a_module_bound_to_another_name(make_tree: Tree) -> None:
    dash_app = (
        "import dash\nfrom dash import html\n\napp = dash.Dash(__name__)\nserver = app.server\n"
        "app.layout = html.Div('holdings')\n"
    )
    sanic_ext = "from sanic_scheduler import SanicScheduler\n\nscheduler = SanicScheduler()\n"
    notify = (
        "import schedule\nimport time\n\nimport mail\n\nsched = schedule\nsched.every().day.at('09:30').do(mail.send)\n\n\n"
        "def run():\n    while True:\n        sched.run_pending()\n        time.sleep(1)\n\n\n"
        "if __name__ == '__main__':\n    run()\n"
    )
    root = make_tree(
        {
            "dashboard/app.py": dash_app,
            "prices/ext.py": sanic_ext,
            "notify/main.py": notify,
            "notify/mail.py": "def send():\n    pass\n",
        }
    )
    eps, _ = summary(root)
    assert [(path, kind, framework) for path, kind, framework in eps] == [
        ("dashboard/app.py", "api", "dash"),
        ("notify/main.py", "job", "schedule"),
        ("prices/ext.py", "job", "sanic-scheduler"),
    ]


def test_a_telethon_client_listening_at_module_level_is_a_worker(make_tree: Tree) -> None:
    forwarder = (
        "import asyncio\n\nfrom telethon import events\n\nfrom settings import get_client\n\n"
        "client = asyncio.get_event_loop().run_until_complete(get_client())\n\n\n"
        "@client.on(events.NewMessage(chats=['news']))\nasync def forward(event):\n"
        "    await client.forward_messages('archive', event.message)\n\n\n"
        "client.start()\nclient.run_until_disconnected()\n"
    )
    settings = (
        "import os\n\nfrom telethon import TelegramClient\n\n\nasync def get_client():\n"
        "    client = TelegramClient('forwarder', int(os.environ['API_ID']), os.environ['API_HASH'])\n"
        "    await client.connect()\n    return client\n"
    )
    root = make_tree({"main.py": forwarder, "settings.py": settings})
    eps, checks = summary(root)
    assert eps == [("main.py", "worker", "telethon")]
    # Telethon does not stop on SIGTERM by itself.
    assert checks["worker:main.py:loop"]["missing-graceful-shutdown"] == "fail"


def test_an_aiomqtt_message_stream_is_a_consume_loop(make_tree: Tree) -> None:
    new_api = (
        "import asyncio\n\nimport aiomqtt\n\n\nasync def main():\n"
        "    async with aiomqtt.Client('broker') as client:\n        await client.subscribe('sensors/#')\n"
        "        async for message in client.messages:\n            store(message.payload)\n\n\n"
        "def store(payload):\n    pass\n\n\nif __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    old_api = (
        "import asyncio\n\nimport asyncio_mqtt as aiomqtt\n\n\nasync def listen(client: aiomqtt.Client):\n"
        "    async with client:\n        async with client.messages() as messages:\n"
        "            await client.subscribe('meters/#')\n            async for message in messages:\n"
        "                print(message.payload)\n\n\nclient = aiomqtt.Client(hostname='broker')\n\n"
        "if __name__ == '__main__':\n    asyncio.run(listen(client))\n"
    )
    once = (
        "import asyncio\n\nimport aiomqtt\n\n\nasync def main():\n"
        "    async with aiomqtt.Client('broker') as client:\n        await client.subscribe('config')\n"
        "        async for message in client.messages:\n            print(message.payload)\n            break\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    chat = (
        "import asyncio\n\nimport aiomqtt\n\n\nasync def relay(dialog):\n    async for message in dialog.messages:\n"
        "        print(message)\n\n\nif __name__ == '__main__':\n    asyncio.run(relay(load_dialog()))\n"
    )
    root = make_tree({"bridge.py": new_api, "meters.py": old_api, "read_config.py": once, "chat.py": chat})
    eps, _ = summary(root)
    # (the one that reads a single message and leaves is a job; a chat's messages are no MQTT stream)
    assert [(path, kind, framework) for path, kind, framework in eps] == [
        ("bridge.py", "worker", "mqtt"),
        ("chat.py", "job", "python"),
        ("meters.py", "worker", "mqtt"),
        ("read_config.py", "job", "python"),
    ]


def test_a_deletion_counts_only_when_the_chain_of_calls_to_it_starts_in_code_that_runs(make_tree: Tree) -> None:
    index = (
        "import shutil\n\n\ndef make_index(root):\n    (root / 'index').mkdir(exist_ok=True)\n\n\n"
        "def drop_index(root):\n    shutil.rmtree(root / 'index')\n\n\n"
        "def reset(root):\n    drop_index(root)\n    make_index(root)\n\n\n"
        "class Rebuild:\n    def __init__(self, root, empty_first):\n        if empty_first:\n"
        "            drop_index(root)\n        make_index(root)\n\n\n"
        "def rebuild(root):\n    Rebuild(root, True)\n"
    )
    create = "from pathlib import Path\n\nfrom search.index import make_index\n\nif __name__ == '__main__':\n    make_index(Path('data'))\n"
    rebuild = "from pathlib import Path\n\nfrom search.index import rebuild\n\nif __name__ == '__main__':\n    rebuild(Path('data'))\n"
    root = make_tree(
        {
            "search/__init__.py": "",
            "search/index.py": index,
            "create_index.py": create,
            "rebuild_index.py": rebuild,
        }
    )
    # `drop_index` is called by `reset` and `Rebuild.__init__`; only rebuild_index.py runs either.
    assert verdicts(root, "missing-dry-run") == {"create_index.py": "na", "rebuild_index.py": "fail"}


def test_an_aws_lambda_handler_is_a_job(make_tree: Tree) -> None:
    scaler = (
        "import os\n\nimport boto3\n\necs = boto3.client('ecs')\n\n\ndef handler(event, context):\n"
        "    ecs.update_service(cluster=os.environ['CLUSTER'], service='worker', desiredCount=2)\n"
    )
    callbacks = (
        "def on_message_handler(event):\n    return event\n\n\nclass Events:\n"
        "    def lambda_handler(self, event, context):\n        return None\n"
    )
    snapshots = (
        "import boto3\n\nec2 = boto3.client('ec2')\n\n\ndef make_snapshots(event, context):\n"
        "    ec2.create_snapshot(VolumeId=event['volume'])\n\n\ndef delete_old_snapshots(event, context):\n"
        "    for snap in ec2.describe_snapshots(OwnerIds=['self'])['Snapshots']:\n"
        "        ec2.delete_snapshot(SnapshotId=snap['SnapshotId'])\n"
    )
    gui = (
        "import tkinter\n\n\ndef click_handler(event, context):\n    print(event)\n\n\n"
        "root = tkinter.Tk()\nroot.bind('<Button-1>', lambda e: click_handler(e, None))\nroot.mainloop()\n"
    )
    root = make_tree({"scaler.py": scaler, "callbacks.py": callbacks, "snapshots.py": snapshots, "gui.py": gui})
    eps, checks = summary(root)
    # (a callback with one parameter, a method, or a function its own file calls is not what Lambda calls)
    assert [(path, kind, framework) for path, kind, framework in eps if framework == "aws-lambda"] == [
        ("scaler.py", "job", "aws-lambda"),
        ("snapshots.py", "job", "aws-lambda"),
    ]
    # (deleting EBS snapshots with no dry run, in the file's second handler)
    assert checks["job:snapshots.py:make_snapshots"]["missing-dry-run"] == "fail"
    assert checks["job:scaler.py:handler"]["missing-logging"] == "fail"


def test_a_poller_an_app_starts_beside_itself_is_a_worker(make_tree: Tree) -> None:
    poller = (
        "import time\n\n\ndef run_scheduler():\n    while True:\n        check_files()\n        time.sleep(5)\n\n\n"
        "def check_files():\n    pass\n"
    )
    flask_app = (
        "import threading\n\nfrom flask import Flask\n\nfrom poller import run_scheduler\n\napp = Flask(__name__)\n\n"
        "if __name__ == '__main__':\n    threading.Thread(target=run_scheduler).start()\n    app.run()\n"
    )
    fetcher = (
        "import asyncio\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\nasync def fetch_forever():\n"
        "    while True:\n        log.info('fetching')\n        await asyncio.sleep(60)\n"
    )
    aiohttp_app = (
        "import asyncio\n\nfrom aiohttp import web\n\nfrom .fetcher import fetch_forever\n\n\n"
        "async def start_background_tasks(app):\n    app['task'] = asyncio.create_task(fetch_forever())\n\n\n"
        "app = web.Application()\napp.on_startup.append(start_background_tasks)\n"
    )
    root = make_tree(
        {
            "scheduler/poller.py": poller,
            "scheduler/app.py": flask_app,
            "notify/__init__.py": "",
            "notify/fetcher.py": fetcher,
            "notify/main.py": aiohttp_app,
            "notify/__main__.py": "import logging\n\nfrom aiohttp import web\n\nfrom .main import app\n\nlogging.basicConfig(level=logging.INFO)\nweb.run_app(app)\n",
        }
    )
    eps, checks = summary(root)
    # (placed where the app's process starts them: session 24's blind labellers, five of five)
    assert [(path, kind) for path, kind, _ in eps] == [
        ("notify/main.py", "api"),
        ("notify/main.py", "worker"),
        ("scheduler/app.py", "api"),
        ("scheduler/app.py", "worker"),
    ]
    # The poller logs through the logging its app's runner sets up.
    assert checks["worker:notify/main.py:fetch_forever"]["missing-logging"] == "pass"
    assert checks["worker:scheduler/app.py:run_scheduler"]["missing-logging"] == "fail"
    # A loop a route handler runs for one request (a websocket relay) is the route's, not a worker.
    relay = (
        "import asyncio\n\n\nasync def push_updates(ws, channel):\n    while True:\n"
        "        message = await channel.get_message(timeout=1.0)\n        if message:\n"
        "            await ws.send_str(message)\n        await asyncio.sleep(0.1)\n"
    )
    prices = (
        "from aiohttp import web\n\nfrom relay import push_updates\n\n\nasync def prices(request):\n"
        "    ws = web.WebSocketResponse()\n    await ws.prepare(request)\n    await push_updates(ws, request.app['channel'])\n"
        "    return ws\n\n\napp = web.Application()\napp.router.add_get('/ws/prices', prices)\n"
    )
    root = make_tree({"prices/relay.py": relay, "prices/app.py": prices})
    eps, _ = summary(root)
    assert [(path, kind) for path, kind, _ in eps if path.startswith("prices/")] == [("prices/app.py", "api")]


def test_modules_a_launcher_starts_as_processes_are_workers_and_the_launcher_is_not(make_tree: Tree) -> None:
    stream = (
        "import asyncio\nimport signal\n\nimport websockets\n\n\nasync def consume(url):\n"
        "    loop = asyncio.get_running_loop()\n    loop.add_signal_handler(signal.SIGTERM, loop.stop)\n"
        "    async for ws in websockets.connect(url):\n        async for message in ws:\n            print(message)\n\n\n"
        "def start_stream(url):\n    asyncio.run(consume(url))\n\n\nif __name__ == '__main__':\n    start_stream('wss://example.com')\n"
    )
    launcher = (
        "from multiprocessing import Process\n\nimport feeds.trades\nimport feeds.quotes\n\n"
        "if __name__ == '__main__':\n"
        "    workers = [Process(target=feeds.trades.start_stream, args=('wss://a',)),\n"
        "               Process(target=feeds.quotes.start_stream, args=('wss://b',))]\n"
        "    for w in workers:\n        w.start()\n    for w in workers:\n        w.join()\n"
    )
    root = make_tree(
        {
            "feeds/__init__.py": "",
            "feeds/trades.py": stream,
            "feeds/quotes.py": stream,
            "launcher.py": launcher,
        }
    )
    eps, checks = summary(root)
    assert [(path, kind) for path, kind, _ in eps] == [("feeds/quotes.py", "worker"), ("feeds/trades.py", "worker")]
    assert all(c["missing-graceful-shutdown"] == "pass" for c in checks.values())


def test_a_heartbeat_the_worker_only_logs_receiving_is_not_one_it_sends(make_tree: Tree) -> None:
    worker = (
        "import json\nimport logging\n\nimport websocket\n\nlog = logging.getLogger(__name__)\n\n\n"
        "def on_message(ws, message):\n    data = json.loads(message)\n    if data.get('type') == 'hb':\n"
        "        log.debug(f'Heartbeat received: {data}')\n        return\n    store(data)\n\n\n"
        "def store(data):\n    pass\n\n\nif __name__ == '__main__':\n    logging.basicConfig(level=logging.INFO)\n"
        "    app = websocket.WebSocketApp('wss://feed.example.com', on_message=on_message)\n    app.run_forever()\n"
    )
    root = make_tree({"feed.py": worker})
    # (the log line only reports the heartbeat the feed sends)
    assert verdicts(root, "missing-heartbeat") == {"feed.py": "fail"}


def test_a_step_that_reports_a_failed_sub_step_and_returns_false_loses_it_when_dropped(make_tree: Tree) -> None:
    index = (
        "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef create_index(es):\n"
        "    if not es.indices_exist():\n        if not es.create_index_and_mapping():\n"
        "            log.error('Unable to create index')\n            return False\n    return True\n"
    )
    dropped = "from index import create_index\n\n\ndef main():\n    create_index(None)\n\n\nif __name__ == '__main__':\n    main()\n"
    checked = (
        "import sys\n\nfrom index import create_index\n\n\ndef main():\n    if not create_index(None):\n        sys.exit(1)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    # (nothing to do, told as a warning, and a predicate's "no" are not failures)
    nothing = (
        "import logging\n\nlog = logging.getLogger(__name__)\n\n\ndef fetch():\n    return []\n\n\ndef sync():\n"
        "    items = fetch()\n    if not items:\n        log.warning('no new items today')\n        return\n"
        "    return len(items)\n\n\nif __name__ == '__main__':\n    sync()\n"
    )
    predicate = (
        "import logging\nimport os\n\nlog = logging.getLogger(__name__)\n\n\ndef should_run():\n"
        "    if not os.path.exists('/tmp/flag'):\n        log.warning('flag missing')\n        return False\n    return True\n\n\n"
        "def main():\n    if not should_run():\n        return\n    log.info('running')\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    root = make_tree(
        {
            "index.py": index,
            "create.py": dropped,
            "create_checked.py": checked,
            "sync_items.py": nothing,
            "flagged.py": predicate,
        }
    )
    assert verdicts(root, "missing-exit-code") == {
        "create.py": "fail",
        "create_checked.py": "pass",
        "flagged.py": "pass",
        "sync_items.py": "pass",
    }


def test_django_heroku_logging_and_a_scheduler_an_app_config_starts(make_tree: Tree) -> None:
    settings = (
        "import django_heroku\n\nSECRET_KEY = __import__('os').environ['SECRET_KEY']\n"
        "INSTALLED_APPS = ['rest']\nROOT_URLCONF = 'site_.urls'\n\ndjango_heroku.settings(locals())\n"
    )
    updater = (
        "from apscheduler.schedulers.background import BackgroundScheduler\n\n\ndef refresh():\n    pass\n\n\n"
        "def start():\n    scheduler = BackgroundScheduler()\n    scheduler.add_job(refresh, 'interval', minutes=5)\n    scheduler.start()\n"
    )
    apps = (
        "from django.apps import AppConfig\n\n\nclass RestConfig(AppConfig):\n    name = 'rest'\n\n"
        "    def ready(self):\n        from jobs import updater\n        updater.start()\n"
    )
    root = make_tree(
        {
            "site_/__init__.py": "",
            "site_/settings.py": settings,
            "site_/urls.py": "urlpatterns = []\n",
            "site_/wsgi.py": "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_.settings')\napplication = get_wsgi_application()\n",
            "rest/__init__.py": "",
            "rest/apps.py": apps,
            "jobs/__init__.py": "",
            "jobs/updater.py": updater,
        }
    )
    # django-heroku writes LOGGING; the scheduler runs inside the Django process
    assert verdicts(root, "missing-logging") == {"jobs/updater.py": "pass", "site_/wsgi.py": "pass"}


def test_a_schedule_loop_a_launcher_starts_stays_the_schedule_job(make_tree: Tree) -> None:
    sched = (
        "import time\n\nimport schedule\n\n\ndef post(park):\n    pass\n\n\ndef execute_schedule(park):\n"
        "    schedule.every().day.at('06:00').do(post, park=park)\n    while True:\n        post(park)\n        time.sleep(300)\n"
    )
    clock = (
        "import multiprocessing\n\nfrom sched_jobs import execute_schedule\n\nif __name__ == '__main__':\n"
        "    p = multiprocessing.Process(target=execute_schedule, args=('north',))\n    p.start()\n    p.join()\n"
    )
    root = make_tree({"sched_jobs.py": sched, "clock.py": clock})
    eps, _ = summary(root)
    assert ("sched_jobs.py", "job", "schedule") in eps
    assert not any(path == "sched_jobs.py" and kind == "worker" for path, kind, _ in eps)


def test_a_paho_client_looped_by_hand_is_a_worker(make_tree: Tree) -> None:
    # `while True: client.loop()`: paho's network loop, one round at a time (round 56)
    script = (
        "import paho.mqtt.client as mqtt\n\n\ndef on_message(client, userdata, msg):\n    store(msg.payload)\n\n\n"
        "def store(payload):\n    pass\n\n\nif __name__ == '__main__':\n    client = mqtt.Client('bridge')\n"
        "    client.on_message = on_message\n    client.connect('broker', 1883, 60)\n    while True:\n"
        "        rc = client.loop()\n        if rc != mqtt.MQTT_ERR_SUCCESS:\n            client.reconnect()\n"
    )
    # a `loop()` of something else in a forever loop is no consume loop
    other = (
        "import sys\n\n\nclass Game:\n    def loop(self):\n        return 0\n\n\nif __name__ == '__main__':\n"
        "    game = Game()\n    while True:\n        if game.loop():\n            sys.exit(0)\n"
    )
    root = make_tree({"bridge.py": script, "game.py": other})
    eps, _ = summary(root)
    assert ("bridge.py", "worker", "consume-loop") in eps
    assert not any(path == "game.py" and kind == "worker" and fw == "consume-loop" for path, kind, fw in eps)


def test_a_scheduled_script_with_only_calls_at_import_is_a_job(make_tree: Tree) -> None:
    # A scheduled workflow runs `python main.py`, whose module level only assigns results and prints (round 57)
    main = "from scripts.station import get_token, get_data\n\na = get_token()\nb = get_data()\nprint(b['body'])\n"
    station = "import requests\n\n\ndef get_token():\n    return 't'\n\n\ndef get_data():\n    return requests.get('https://x', timeout=5).json()\n"
    workflow = (
        "on:\n  schedule:\n    - cron: '*/5 * * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: python main.py\n"
    )
    files = {"main.py": main, "scripts/__init__.py": "", "scripts/station.py": station}
    root = make_tree({**files, ".github/workflows/cron.yml": workflow})
    eps, _ = summary(root)
    assert eps == [("main.py", "job", "github-schedule")]
    # without the schedule, the same file is no entrypoint (its calls read as module set-up)
    assert summary(make_tree({f"plain/{k}": v for k, v in files.items()}) / "plain")[0] == []


def test_twitchio_bots_are_workers(make_tree: Tree) -> None:
    bot = (
        "import os\n\nfrom twitchio.ext import commands\n\nbot = commands.Bot(token=os.environ['TOKEN'], prefix='!',"
        " initial_channels=['chan'])\n\n\n@bot.command(name='uptime')\nasync def uptime(ctx):\n"
        "    await ctx.send('up')\n\n\nbot.run()\n"
    )
    sub = (
        "import os\n\nfrom twitchio.ext import commands\n\n\nclass Bot(commands.Bot):\n"
        "    async def event_ready(self):\n        pass\n\n\nif __name__ == '__main__':\n"
        "    Bot(token=os.environ['TOKEN'], prefix='!').run()\n"
    )
    eps, _ = summary(make_tree({"src/bot.py": bot, "sub.py": sub}))
    assert ("src/bot.py", "worker", "twitchio") in eps and ("sub.py", "worker", "twitchio") in eps
    assert not any(kind == "job" for _, kind, _ in eps)


def test_a_telethon_client_class_running_until_disconnected_makes_a_worker(make_tree: Tree) -> None:
    client = (
        "from telethon import TelegramClient, events\n\n\nclass Client(TelegramClient):\n"
        "    def __init__(self, api_id, api_hash):\n        super().__init__('s', api_id=api_id, api_hash=api_hash)\n"
        "        self.add_event_handler(self.on_message, events.NewMessage())\n\n"
        "    async def on_message(self, event):\n        await self.send_message('out', event.message)\n\n"
        "    def run(self):\n        self.start()\n        self.run_until_disconnected()\n"
    )
    main = (
        "import logging\nimport os\n\nfrom client import Client\n\nlogging.basicConfig(level=logging.INFO)\n\n\n"
        "def main():\n    Client(int(os.environ['API_ID']), os.environ['API_HASH']).run()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    eps, checks = summary(make_tree({"client.py": client, "main.py": main}))
    assert eps == [("main.py", "worker", "telethon")]
    assert checks["worker:main.py:__main__"]["missing-graceful-shutdown"] == "fail"


def test_attempts_that_hand_on_what_they_got_keep_the_failure_but_silent_ones_do_not(make_tree: Tree) -> None:
    # Round 57: `for attempt in range(1, n + 1):` logs each failed attempt, backs off, then returns
    # what it got; the caller raises when that is nothing.
    fetch = (
        "import logging\nimport time\n\nimport requests\n\n\ndef fetch(symbol):\n    price = 0\n"
        "    for attempt in range(1, 6):\n        try:\n            price = requests.get('https://x/' + symbol, timeout=5).json()['p']\n"
        "        except Exception as e:\n            logging.warning('attempt %s failed: %s', attempt, e)\n"
        "        if price:\n            break\n        time.sleep(10 * attempt)\n    return price\n\n\n"
    )
    kept = fetch + (
        "def main():\n    price = fetch('abc')\n    if not price:\n        raise RuntimeError('no price')\n    print(price)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    # the same attempts in a function that returns nothing: once they give up, nobody knows
    silent = (
        "import logging\nimport time\n\nimport requests\n\n\ndef upload(symbol):\n    for attempt in range(5):\n"
        "        try:\n            requests.post('https://x/' + symbol, timeout=5).raise_for_status()\n            break\n"
        "        except Exception as e:\n            logging.warning('attempt %s failed: %s', attempt, e)\n"
        "        time.sleep(10)\n\n\ndef main():\n    upload('abc')\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    # item after item (`range(len(urls))`): each item's failure is only reported
    items = (
        "import logging\n\nimport requests\n\nURLS = ['https://a', 'https://b']\n\n\ndef main():\n    done = []\n"
        "    for i in range(len(URLS)):\n        try:\n            done.append(requests.get(URLS[i], timeout=5).text)\n"
        "        except Exception as e:\n            logging.error('failed: %s', e)\n        if len(done) > 5:\n            break\n"
        "    return done\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    statuses = _exit_code(make_tree({"kept.py": kept, "silent.py": silent, "items.py": items}))
    assert statuses == {"kept.py": "pass", "silent.py": "fail", "items.py": "fail"}


def test_a_script_that_counts_failures_and_exits_with_a_status_keeps_them(make_tree: Tree) -> None:
    # Round 61: per-item catch-alls that log, then `sys.exit(EX_SOFTWARE)` when some failed
    counted = (
        "import logging\nimport sys\nfrom os import EX_OK, EX_SOFTWARE\n\nimport client\n\n"
        "logging.basicConfig(level=logging.INFO)\nitems = client.load()\nok = 0\nfor item in items:\n"
        "    try:\n        client.send(item)\n        ok += 1\n    except Exception as e:\n"
        "        logging.error('failed (%s)', e)\n\nif ok == len(items):\n    sys.exit(EX_OK)\nelse:\n"
        "    logging.error('finished with errors')\n    sys.exit(EX_SOFTWARE)\n"
    )
    # the same loop with no status at the end
    lost = counted.split("\nif ok ==", maxsplit=1)[0] + "\nlogging.info('done %s', ok)\n"
    guard = (
        "import logging\nimport sys\n\n\ndef run(item):\n    pass\n\n\nif __name__ == '__main__':\n    failed = 0\n"
        "    for item in sys.argv[1:]:\n        try:\n            run(item)\n        except Exception:\n"
        "            logging.exception('failed')\n            failed += 1\n    sys.exit(1 if failed else 0)\n"
    )
    lib = "def load():\n    return []\n\n\ndef send(item):\n    pass\n"
    root = make_tree({"counted.py": counted, "lost.py": lost, "guard.py": guard, "client.py": lib})
    statuses = _exit_code(root)
    assert statuses["counted.py"] == "pass" and statuses["guard.py"] == "pass"
    assert statuses["lost.py"] == "fail"


def test_kinds_from_round_60_and_59_grpc_tornado_celery3_and_django_scripts(make_tree: Tree) -> None:
    grpc_server = (
        "import os\nfrom concurrent import futures\n\nimport grpc\n\nimport svc_pb2_grpc\n\n\n"
        "class Service(svc_pb2_grpc.ServiceServicer):\n    def Predict(self, request, context):\n        return None\n\n\n"
        "def serve():\n    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))\n"
        "    svc_pb2_grpc.add_ServiceServicer_to_server(Service(), server)\n"
        "    server.add_insecure_port('[::]:' + os.environ.get('PORT', '5002'))\n    server.start()\n"
        "    server.wait_for_termination()\n\n\nif __name__ == '__main__':\n    serve()\n"
    )
    # the IOLoop bound to a name and started in the `__main__` block serves the app, it is no job
    tornado_server = (
        "import logging\n\nimport tornado.web\nfrom tornado.options import options\n\nfrom handlers import routing\n\n"
        "tornado.options.parse_command_line()\nioLoop = tornado.ioloop.IOLoop.current()\n"
        "app = tornado.web.Application(routing)\napp.listen(options.port)\n\nif __name__ == '__main__':\n"
        "    try:\n        ioLoop.start()\n    except KeyboardInterrupt:\n        ioLoop.stop()\n"
    )
    handlers = "import tornado.web\n\n\nclass Main(tornado.web.RequestHandler):\n    def get(self):\n        self.write('ok')\n\n\nrouting = [(r'/', Main)]\n"
    # Celery 3's setting name for the beat schedule
    celery3 = (
        "from celery import Celery\nfrom celery.schedules import crontab\n\ncelery = Celery('scraper')\n"
        "celery.conf.update(\n    BROKER_URL='redis://',\n    CELERYBEAT_SCHEDULE={\n"
        "        'scrape': {'task': 'tasks.scrape', 'schedule': crontab(hour=11, minute=0)},\n    },\n)\n"
    )
    # a module the site imports, whose `__main__` block sets Django up and does the work: a script
    parse = (
        "import os\n\nimport django\n\n\ndef parse_one(path):\n    return path\n\n\nif __name__ == '__main__':\n"
        "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_.settings')\n    django.setup()\n"
        "    from filings.models import Filing\n\n    for path in os.listdir('out'):\n"
        "        Filing.objects.create(name=parse_one(path))\n"
    )
    views = "from parse import parse_one\n\n\ndef index(request):\n    return parse_one('x')\n"
    root = make_tree(
        {
            "grpcsvc/main.py": grpc_server,
            "tornadosvc/server.py": tornado_server,
            "tornadosvc/handlers.py": handlers,
            "celerysvc/celeryd.py": celery3,
            "celerysvc/tasks.py": "from celeryd import celery\n\n\n@celery.task\ndef scrape():\n    pass\n",
            "djsvc/parse.py": parse,
            "djsvc/views.py": views,
        }
    )
    eps = {(path, kind, fw) for path, kind, fw in summary(root)[0]}
    assert ("grpcsvc/main.py", "api", "grpc") in eps
    assert [e for e in eps if e[0].startswith("tornadosvc/")] == [("tornadosvc/server.py", "api", "tornado")]
    assert ("celerysvc/celeryd.py", "job", "celery-beat") in eps
    assert ("djsvc/parse.py", "job", "python") in eps


def test_a_guard_named_dry_counts_as_a_dry_run(make_tree: Tree) -> None:
    # Round 61: `delete_outdated(paths, dry=True)` and `if dry:` around the deletion
    lib = (
        "import os\nimport shutil\n\n\ndef delete_outdated(paths, dry=True):\n    for path in paths:\n"
        "        if dry:\n            print('would delete', path)\n        else:\n            shutil.rmtree(path)\n"
    )
    main = (
        "import os\n\nfrom cleaner import delete_outdated\n\n\ndef main():\n"
        "    delete_outdated(['/var/log/app'], dry=os.environ.get('CLEANER_DRY', 'TRUE') != 'FALSE')\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    unguarded = "import shutil\n\n\ndef main():\n    shutil.rmtree('/var/log/app/old')\n\n\nif __name__ == '__main__':\n    main()\n"
    root = make_tree({"guarded/cleaner.py": lib, "guarded/main.py": main, "bare/main.py": unguarded})
    assert _dry_run(root) == {"guarded/main.py": "pass", "bare/main.py": "fail"}


def test_the_same_deletion_in_two_functions_counts_for_each(make_tree: Tree) -> None:
    # Round 55: `delete_many` in the scheduler's purge and again in the hand-run purge; the
    # script calls only the second
    utils = (
        "from db import db\n\n\ndef purge_old_data():\n    db.prices.delete_many({'old': True})\n\n\n"
        "def manual_day_purge(days):\n    db.prices.delete_many({'age': days})\n"
    )
    purge = "from utils import manual_day_purge\n\nif __name__ == '__main__':\n    manual_day_purge(300)\n"
    db = "import pymongo\n\ndb = pymongo.MongoClient('mongodb://localhost')['prices']\n"
    root = make_tree({"utils.py": utils, "purge.py": purge, "db.py": db})
    assert _dry_run(root) == {"purge.py": "fail"}


def test_removing_old_backups_on_an_ftp_server_is_a_deletion(make_tree: Tree) -> None:
    # Round 61: retention on the backup server (`host.remove(...)` on an ftputil host)
    backup = (
        "import ftputil\n\n\ndef main():\n    with ftputil.FTPHost('backup.example', 'u', 'p') as host:\n"
        "        files = sorted(host.listdir('/backups'))\n        while len(files) > 7:\n"
        "            host.remove('/backups/' + files.pop(0))\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    # a list's remove() is no deletion
    tidy = (
        "def main():\n    files = ['a', 'b']\n    files.remove('a')\n    print(files)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"backup.py": backup, "tidy.py": tidy})
    assert _dry_run(root) == {"backup.py": "fail", "tidy.py": "na"}


def test_a_per_item_failure_reported_through_a_print_wrapper_is_lost(make_tree: Tree) -> None:
    # Round 61: `def log(level, message): print(json.dumps(...))`, a catch-all per index that only
    # calls it, and exits with status 1 only for the checks made before the loop
    head = (
        "import json\nimport sys\n\nimport elasticsearch\n\n\ndef log(level, message, extra=None):\n"
        "    msg = {'level': level, 'message': message}\n    if extra is not None:\n        msg['extra'] = extra\n"
        "    print(json.dumps(msg))\n\n\ndef main():\n    if len(sys.argv) < 2:\n        log('error', 'no prefix')\n"
        "        sys.exit(1)\n    es = elasticsearch.Elasticsearch()\n    indices = es.indices.get(sys.argv[1])\n"
        "    done = 0\n    for index in indices:\n        try:\n            es.indices.delete(index=index)\n"
        "            log('info', 'deleted %s' % index)\n            done += 1\n        except Exception as e:\n"
        "            log('error', 'could not delete %s' % index, extra=str(e))\n"
    )
    lost = head + "\n\nif __name__ == '__main__':\n    main()\n"
    # a status after the loop tells
    kept = head + "    if done < len(indices):\n        sys.exit(1)\n\n\nif __name__ == '__main__':\n    main()\n"
    statuses = _exit_code(make_tree({"lost.py": lost, "kept.py": kept}))
    assert statuses == {"lost.py": "fail", "kept.py": "pass"}


def test_rqs_own_worker_command_makes_a_worker_at_the_enqueued_functions(make_tree: Tree) -> None:
    # Round 60: Compose runs `rq worker --url ... my_queue`; no Python file holds the loop
    api = (
        "from fastapi import FastAPI\nfrom redis import Redis\nfrom rq import Queue\n\nfrom worker import run_task\n\n"
        "app = FastAPI()\nq = Queue('my_queue', connection=Redis('redis'))\n\n\n@app.post('/groups')\n"
        "def create(name: str):\n    return {'id': q.enqueue(run_task, name).id}\n"
    )
    worker = "import time\n\n\ndef run_task(name):\n    time.sleep(5)\n    return {name: 'done'}\n"
    compose = (
        "services:\n  api:\n    build: .\n    command: uvicorn api:app --host 0.0.0.0\n"
        "  worker:\n    build: .\n    command: rq worker --url redis://redis:6379 my_queue\n"
    )
    files = {"api.py": api, "worker.py": worker}
    root = make_tree({**files, "docker-compose.yml": compose})
    eps, checks = summary(root)
    assert ("worker.py", "worker", "rq") in eps
    assert checks["worker:worker.py:rq-worker"]["missing-graceful-shutdown"] == "pass"  # RQ drains on SIGTERM
    # without the command, the task module is only imported
    assert [
        e for e in summary(make_tree({f"plain/{k}": v for k, v in files.items()}) / "plain")[0] if e[1] == "worker"
    ] == []
    # django-rq's management command, from a Procfile
    procfile = "web: gunicorn site_.wsgi\nworker: python manage.py rqworker default\n"
    jobs = "import django_rq\n\n\ndef refresh(pk):\n    pass\n\n\ndef later(pk):\n    django_rq.enqueue(refresh, pk)\n"
    root = make_tree({"dj/Procfile": procfile, "dj/jobs.py": jobs, "dj/manage.py": "import sys\n"})
    assert ("jobs.py", "worker", "rq") in summary(root / "dj")[0]


def test_a_zabbix_sender_push_is_a_metric_and_a_heartbeat(make_tree: Tree) -> None:
    # Round 55: a poller pushing its reading to a Zabbix trapper item each round
    sender = (
        "import time\n\nimport requests\nfrom pyzabbix import ZabbixMetric, ZabbixSender\n\nwhile True:\n"
        "    amount = requests.get('http://app:5000/count', timeout=5).json()['count']\n"
        "    ZabbixSender('zabbix-server').send([ZabbixMetric('host', 'count', amount)])\n    time.sleep(60)\n"
    )
    # the Zabbix API client configures Zabbix: no metric pushed
    api = (
        "import time\n\nfrom pyzabbix import ZabbixAPI\n\nzapi = ZabbixAPI('http://zabbix')\nwhile True:\n"
        "    print(zapi.host.get(output='extend'))\n    time.sleep(60)\n"
    )
    _, checks = summary(make_tree({"sender.py": sender, "hosts.py": api}))
    verdicts_of = {ident.split(":")[1]: c for ident, c in checks.items()}
    assert (
        verdicts_of["sender.py"]["missing-metrics"] == "pass"
        and verdicts_of["sender.py"]["missing-heartbeat"] == "pass"
    )
    assert (
        verdicts_of["hosts.py"]["missing-metrics"] == "fail" and verdicts_of["hosts.py"]["missing-heartbeat"] == "fail"
    )


def test_deletions_through_an_http_client_and_a_flask_sqlalchemy_session(make_tree: Tree) -> None:
    # Round 63: forks deleted through an httpx client parameter; old rows deleted one by one
    forks = (
        "import asyncio\n\nimport httpx\n\n\nasync def delete_fork(http_client: httpx.AsyncClient, url: str) -> None:\n"
        "    (await http_client.delete(url)).raise_for_status()\n\n\nasync def main():\n"
        "    async with httpx.AsyncClient() as client:\n        await delete_fork(client, 'https://api.github.com/repos/me/x')\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    clean = (
        "import time\n\nfrom models import Tweet, db\n\ntweets = Tweet.query.filter(Tweet.posted < time.time() - 86400).all()\n"
        "for tweet in tweets:\n    db.session.delete(tweet)\n    db.session.commit()\n"
    )
    models = "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Tweet(db.Model):\n    pass\n"
    # a session's delete() of something no query returned is left alone
    cache = (
        "import requests_cache\n\n\ndef main():\n    session = requests_cache.CachedSession()\n"
        "    session.cache.clear()\n    print(session.get('https://x', timeout=5).text)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"forks.py": forks, "clean/db_clean.py": clean, "clean/models.py": models, "cache.py": cache})
    assert _dry_run(root) == {"forks.py": "fail", "clean/db_clean.py": "fail", "cache.py": "na"}


def test_round_64_failures_lost_below_a_sum_and_below_a_click_command(make_tree: Tree) -> None:
    # `total += sync.sync_directory(...)`: a step; its upload returns None after logging a Google API error
    sync = (
        "import logging\nimport sys\nfrom pathlib import Path\n\nfrom googleapiclient.errors import HttpError\n\n"
        "logger = logging.getLogger(__name__)\n\n\nclass DriveSync:\n    def upload_file(self, path):\n        try:\n"
        "            return self.service.files().create(body={'name': path.name}).execute()['id']\n"
        "        except HttpError as e:\n            logger.error('failed to upload %s: %s', path, e)\n            return None\n\n"
        "    def sync_directory(self, directory):\n        uploaded = 0\n        for f in directory.glob('*.json'):\n"
        "            if self.upload_file(f):\n                uploaded += 1\n        return uploaded\n\n\n"
        "def main():\n    total = 0\n    try:\n        sync = DriveSync()\n        total += sync.sync_directory(Path('data'))\n"
        "        logger.info('uploaded %s', total)\n    except Exception as e:\n        logger.error('sync failed: %s', e)\n"
        "        sys.exit(1)\n\n\nif __name__ == '__main__':\n    main()\n"
    )
    # a click command whose step logs each failed deletion through `_LOGGER.exception` and carries on
    cleanup = (
        "import logging\nimport sys\n\nimport click\nfrom kubernetes import client\n\n_LOGGER = logging.getLogger(__name__)\n\n\n"
        "def _do_cleanup(namespace):\n    api = client.BatchV1Api()\n    for job in api.list_namespaced_job(namespace).items:\n"
        "        try:\n            api.delete_namespaced_job(job.metadata.name, namespace)\n        except Exception:\n"
        "            _LOGGER.exception('failed to delete %r', job.metadata.name)\n\n\n@click.command()\n"
        "@click.option('--namespace', required=True)\ndef cli(namespace):\n    _do_cleanup(namespace)\n\n\n"
        "if __name__ == '__main__':\n    sys.exit(cli())\n"
    )
    statuses = _exit_code(make_tree({"sync/sync_to_drive.py": sync, "cleanup/app.py": cleanup}))
    assert statuses == {"sync/sync_to_drive.py": "fail", "cleanup/app.py": "fail"}


def test_secret_fallbacks_bound_in_a_branch_or_handler(make_tree: Tree) -> None:
    settings = (
        "import os\n\n"
        'SECRET_KEY = os.environ.get("SECRET_KEY")\n'  # 3
        "if not SECRET_KEY:\n"
        '    SECRET_KEY = "a-dev-secret-value-123"\n'  # 5
        'if os.getenv("API_TOKEN") is None:\n'
        '    API_TOKEN = "tok-dev-98765"\n'  # 7
        "else:\n"
        '    API_TOKEN = os.environ["API_TOKEN"]\n'
        'if "DB_PASSWORD" in os.environ:\n'
        '    DB_PASSWORD = os.environ["DB_PASSWORD"]\n'
        "else:\n"
        '    DB_PASSWORD = "hunter2hunter"\n'  # 13
        "try:\n"
        '    JWT_SECRET = os.environ["JWT_SECRET"]\n'
        "except KeyError:\n"
        '    JWT_SECRET = "jwt-dev-secret"\n'  # 17
        'LOG_LEVEL = os.environ.get("LOG_LEVEL")\n'
        "if not LOG_LEVEL:\n"
        '    LOG_LEVEL = "INFO"\n'
        'if "REGION" not in os.environ:\n'
        '    REGION = "eu-west-1"\n'
        'WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET")\n'
        "if WEBHOOK_SECRET:\n"
        '    HEADER = "x-signature"\n'  # set only when the secret is there: no fallback
        'SESSION_SECRET = os.environ.get("SESSION_SECRET")\n'
        "SESSION_SECRET = load_from_vault()\n"
        "if not SESSION_SECRET:\n"
        '    SESSION_SECRET = "vault-missing-dev"\n'  # no longer the environment read
    )
    root = make_tree(
        {"settings.py": settings, "job.py": "import settings\n\nif __name__ == '__main__':\n    settings.run()\n"}
    )
    findings = run([str(root)]).findings
    assert sorted(f.line for f in findings if f.name == "hardcoded-secret-fallback") == [5, 7, 13, 17]
    # The fallback is reported once, by the rule made for it.
    assert [f.line for f in findings if f.name == "hardcoded-secret"] == [29]


def test_matrix_nio_client_syncing_round_after_round_is_a_worker(make_tree: Tree) -> None:
    client = (
        "from nio import AsyncClient\n\n\n"
        "class BotClient(AsyncClient):\n"
        "    async def run_sync_loop(self):\n"
        "        while True:\n"
        "            response = await self.sync(30000)\n"
        "            await self.answer(response)\n\n"
        "    async def run_client(self):\n"
        "        await self.login(self.password)\n"
        "        await self.run_sync_loop()\n"
    )
    once = (
        "from nio import AsyncClient\n\n\n"
        "class Poster(AsyncClient):\n"
        "    async def post_once(self):\n"
        "        await self.sync(3000)\n"  # one sync before posting: no loop
        "        await self.room_send('!room', 'm.room.message', {})\n"
    )
    start = "import asyncio\nfrom bot.client import BotClient\n\nbot = BotClient('https://matrix.org', 'me')\nasyncio.run(bot.run_client())\n"
    post = (
        "import asyncio\nfrom bot.poster import Poster\n\nasyncio.run(Poster('https://matrix.org', 'me').post_once())\n"
    )
    root = make_tree(
        {"bot/__init__.py": "", "bot/client.py": client, "bot/poster.py": once, "app.py": start, "post.py": post}
    )
    eps, checks = summary(root)
    assert sorted(eps) == [("app.py", "worker", "matrix-nio"), ("post.py", "job", "script")]
    (worker,) = (v for k, v in checks.items() if k.startswith("worker:app.py"))
    assert worker["missing-graceful-shutdown"] == "fail"


def test_bot_polled_by_the_main_block_beside_a_keep_alive_web_app(make_tree: Tree) -> None:
    main = (
        "import asyncio\nfrom aiogram import Bot, Dispatcher\nfrom aiohttp import web\n\n"
        "bot = Bot(token='x')\ndp = Dispatcher()\n\n\n"
        "async def handle(request):\n    return web.Response(text='running')\n\n\n"
        "async def main():\n"
        "    app = web.Application()\n    app.router.add_get('/', handle)\n"
        "    runner = web.AppRunner(app)\n    await runner.setup()\n"
        "    await web.TCPSite(runner, '0.0.0.0', 10000).start()\n"
        "    await dp.start_polling(bot)\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    # An app module whose function streams updates (not run by the file's own `__main__`): no worker.
    stream = (
        "from aiohttp import web\nfrom aiogram import Dispatcher\n\ndp = Dispatcher()\napp = web.Application()\n\n\n"
        "async def poll_later(bot):\n    await dp.start_polling(bot)\n\n\n"
        "if __name__ == '__main__':\n    web.run_app(app)\n"
    )
    root = make_tree({"main.py": main, "other/stream.py": stream})
    eps, _ = summary(root)
    assert sorted(eps) == [
        ("main.py", "api", "aiohttp"),
        ("main.py", "worker", "aiogram"),
        ("other/stream.py", "api", "aiohttp"),
    ]


def test_provider_token_as_an_environment_fallback_is_both_a_secret_and_a_fallback(make_tree: Tree) -> None:
    bot = (
        "import os\n\n"
        'BOT_TOKEN = os.getenv("BOT_TOKEN", "8108367367:AAGgZXVaS0lVbacNjzcnVxoO1XddDSijD3M")\n'
        'SECRET_KEY = os.getenv("SECRET_KEY", "dev-key-not-for-prod")\n'
    )
    root = make_tree({"bot.py": bot, "run.py": "import bot\n\nif __name__ == '__main__':\n    bot.main()\n"})
    found = sorted((f.name, f.line) for f in run([str(root)]).findings if "secret" in f.name)
    assert found == [("hardcoded-secret", 3), ("hardcoded-secret-fallback", 3), ("hardcoded-secret-fallback", 4)]


def test_a_class_that_consumes_in_its_constructor_built_at_module_level(make_tree: Tree) -> None:
    consumer = (
        "import pika\n\n\n"
        "class Consumer:\n"
        "    def __init__(self):\n"
        "        self.connection = pika.BlockingConnection(pika.URLParameters('amqp://queue'))\n"
        "        self.channel = self.connection.channel()\n"
        "        self.channel.basic_consume(self.callback, queue='raw_out')\n"
        "        self.channel.start_consuming()\n\n"
        "    def callback(self, ch, method, properties, body):\n"
        "        store(body)\n\n\n"
        "MyProcessor = Consumer()\n"
    )
    # A class that only connects in its constructor: building it at import starts nothing.
    client = (
        "import pika\n\n\n"
        "class Publisher:\n"
        "    def __init__(self):\n"
        "        self.channel = pika.BlockingConnection(pika.URLParameters('amqp://queue')).channel()\n\n"
        "    def consume_forever(self):\n"
        "        self.channel.start_consuming()\n\n\n"
        "publisher = Publisher()\n"
    )
    root = make_tree({"consumer.py": consumer, "shared/client.py": client})
    eps, checks = summary(root)
    assert eps == [("consumer.py", "worker", "rabbitmq")]
    (worker,) = checks.values()
    assert worker["missing-graceful-shutdown"] == "fail"


def test_guessable_passwords_in_urls_are_reported_with_medium_confidence(make_tree: Tree) -> None:
    settings = (
        'A = "postgres://postgres:password@localhost:5400/Conference"\n'  # 1: the word, a real user and host
        'B = "amqp://async_rabbitmq:async_rabbitmq@localhost:5672/vhost"\n'  # 2: the user name again
        'C = "amqp://guest:guest@rabbit//"\n'  # 3: a broker's default
        'D = "postgresql://user:password@host/dbname"\n'  # a documentation example
        'E = "amqp://user:password@queue:5672/"\n'  # (a placeholder user)
        'F = "redis://{user}:{user}@cache:6379"\n'  # a template
        'G = "mysql://test:test@db/app"\n'  # a placeholder word repeated
        'H = f"amqp://guest:guest@{host}/"\n'  # 8: a default, the host filled in later
        'I = f"postgres://app:password@{host}/db"\n'  # (a host unknown: the word may stand for anything)
    )
    root = make_tree(
        {"settings.py": settings, "job.py": "import settings\n\nif __name__ == '__main__':\n    settings.go()\n"}
    )
    found = {f.line: (f.confidence, f.message) for f in run([str(root)]).findings if f.name == "hardcoded-secret"}
    assert sorted(found) == [1, 2, 3, 8]
    assert all(confidence == "medium" for confidence, _ in found.values())
    assert "the word 'password'" in found[1][1] and "user name" in found[2][1] and "default password" in found[3][1]
    assert not any("async_rabbitmq" in message for _, message in found.values())


def test_nats_subscriptions_and_kombu_drain_loops_are_workers(make_tree: Tree) -> None:
    nats_consumer = (
        "import asyncio\nimport nats\n\n\n"
        "async def run():\n"
        "    nc = await nats.connect('nats://nats:4222')\n\n"
        "    async def handler(msg):\n        print(msg.data)\n\n"
        "    await nc.subscribe('updates', cb=handler)\n"
        "    await asyncio.Event().wait()\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(run())\n"
    )
    # A request/reply call that subscribes for its one answer (no callback) is a job.
    nats_request = (
        "import asyncio\nimport nats\n\n\n"
        "async def run():\n"
        "    nc = await nats.connect('nats://nats:4222')\n"
        "    sub = await nc.subscribe('answers')\n"
        "    await nc.publish('questions', b'hi')\n"
        "    print(await sub.next_msg(timeout=5))\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(run())\n"
    )
    kombu_consumer = (
        "import kombu\n\n\n"
        "def on_message(body, message):\n    message.ack()\n\n\n"
        "def main():\n"
        "    with kombu.Connection('amqp://mq') as connection:\n"
        "        with connection.Consumer(queues=(kombu.Queue('mail'),), callbacks=(on_message,)):\n"
        "            while True:\n"
        "                connection.drain_events()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree({"consumer.py": nats_consumer, "ask.py": nats_request, "mail.py": kombu_consumer})
    eps, checks = summary(root)
    assert sorted(eps) == [
        ("ask.py", "job", "python"),
        ("consumer.py", "worker", "nats"),
        ("mail.py", "worker", "kombu"),
    ]
    assert all(c["missing-graceful-shutdown"] == "fail" for k, c in checks.items() if k.startswith("worker:"))


def test_inserts_of_route_handlers_are_not_blamed_on_a_job_importing_the_app(make_tree: Tree) -> None:
    app = (
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "def create_user(cur, name):\n"
        "    cur.execute('INSERT INTO users (name) VALUES (%s)', (name,))\n\n\n"  # 7: only the route calls it
        "def save_readings(cur, rows):\n"
        "    cur.executemany('INSERT INTO readings (station, value) VALUES (%s, %s)', rows)\n\n\n"  # 11: the job's
        "@app.post('/users')\n"
        "def register():\n"
        "    create_user(db.cursor(), request.json['name'])\n"
        "    return {}\n\n\n"
        "@app.post('/readings')\n"
        "def add_reading():\n"
        "    db.cursor().execute('INSERT INTO readings (station, value) VALUES (%s, %s)', (1, 2))\n"  # 21: a route's own
        "    return {}\n"
    )
    job = "from app import app, save_readings\n\nif __name__ == '__main__':\n    save_readings(db.cursor(), fetch())\n"
    root = make_tree({"app.py": app, "fetch.py": job})
    inserts = {f.line: f.entrypoints for f in run([str(root)]).findings if f.name == "non-idempotent-insert"}
    assert list(inserts) == [11]
    assert inserts[11] == ("job:fetch.py:__main__",)


def test_sqlalchemy_drop_all_in_a_scheduled_job_needs_a_dry_run(make_tree: Tree) -> None:
    tasks = "from api import db\n\n\ndef job():\n    db.drop_all()\n    db.create_all()\n    load_countries()\n"
    app = (
        "from apscheduler.schedulers.background import BackgroundScheduler\nfrom api import app, tasks\n\n\n"
        "def scheduled_tasks():\n    tasks.job()\n\n\n"
        "if __name__ == '__main__':\n"
        "    sched = BackgroundScheduler(daemon=True)\n"
        "    sched.add_job(scheduled_tasks, 'interval', minutes=5)\n"
        "    sched.start()\n"
        "    app.run()\n"
    )
    api = "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\ndb = SQLAlchemy(app)\n"
    root = make_tree({"api/__init__.py": api, "api/tasks.py": tasks, "app.py": app})
    assert verdicts(root, "missing-dry-run") == {"api/__init__.py": "na", "app.py": "fail"}


def test_workers_run_by_their_main_block_and_servers_run_through_another_module(make_tree: Tree) -> None:
    arq_worker = (
        "from arq import Worker\nfrom tasks import process_item, REDIS\n\n\n"
        "class WorkerSettings:\n    functions = [process_item]\n    redis_settings = REDIS\n\n\n"
        "if __name__ == '__main__':\n    w = Worker(functions=[process_item], redis_settings=REDIS)\n    w.run()\n"
    )
    tasks = "REDIS = None\n\n\nasync def process_item(ctx, item):\n    return item\n"
    app = "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n"
    chat = "from flask_socketio import SocketIO\n\nsocketio = SocketIO()\n"
    main = "from web.app import create_app\nfrom web import chat\n\napp = create_app()\n\nif __name__ == '__main__':\n    chat.socketio.run(app)\n"
    root = make_tree(
        {
            "worker.py": arq_worker,
            "tasks.py": tasks,
            "web/__init__.py": "",
            "web/app.py": app,
            "web/chat.py": chat,
            "web/main.py": main,
        }
    )
    eps, _ = summary(root)
    assert sorted((p, k) for p, k, _ in eps) == [("web/app.py", "api"), ("worker.py", "worker")]


def test_huey_periodic_tasks_are_a_job_and_huey_and_faust_runners_configure_logging(make_tree: Tree) -> None:
    huey_tasks = (
        "from huey import RedisHuey, crontab\n\nqueue = RedisHuey('trending')\n\n\n"
        "@queue.periodic_task(crontab(minute='0', hour='*'))\ndef send_mail():\n    deliver()\n\n\n"
        "@queue.task()\ndef deliver():\n    pass\n"
    )
    faust_app = "import faust\n\napp = faust.App('poc', broker='kafka://kafka:9092')\ntopic = app.topic('events')\n\n\n@app.agent(topic)\nasync def process(stream):\n    async for event in stream:\n        print(event)\n"
    root = make_tree({"tasks.py": huey_tasks, "stream/app.py": faust_app})
    eps, checks = summary(root)
    assert sorted((p, k) for p, k, _ in eps) == [
        ("stream/app.py", "worker"),
        ("tasks.py", "job"),
        ("tasks.py", "worker"),
    ]
    assert all(c["missing-logging"] == "pass" for c in checks.values())


def test_pubsub_streaming_pull_in_main_and_service_bus_receivers(make_tree: Tree) -> None:
    pubsub = (
        "from google.cloud import pubsub_v1\n\nsubscriber = pubsub_v1.SubscriberClient()\n\n\n"
        "def callback(message):\n    message.ack()\n\n\n"
        "if __name__ == '__main__':\n"
        "    future = subscriber.subscribe('projects/p/subscriptions/s', callback=callback)\n"
        "    with subscriber:\n        future.result()\n"
    )
    receiver = (
        "import os\nfrom azure.servicebus import ServiceBusClient\n\n"
        "client = ServiceBusClient.from_connection_string(os.environ['SB'])\n\n\n"
        "def main():\n    with client:\n"
        "        receiver = client.get_queue_receiver(queue_name='jobs'{wait})\n"
        "        with receiver:\n            for msg in receiver:\n                receiver.complete_message(msg)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    root = make_tree(
        {
            "pull.py": pubsub,
            "listen.py": receiver.replace("{wait}", ""),
            "drain.py": receiver.replace("{wait}", ", max_wait_time=5"),  # stops once the queue is empty
        }
    )
    eps, _ = summary(root)
    assert sorted(eps) == [
        ("drain.py", "job", "python"),
        ("listen.py", "worker", "azure-servicebus"),
        ("pull.py", "worker", "pubsub"),
    ]


def test_websocket_servers_in_a_function_and_kopf_operators(make_tree: Tree) -> None:
    ws = (
        "import asyncio\nimport websockets\n\n\n"
        "async def echo(websocket):\n    async for message in websocket:\n        await websocket.send(message)\n\n\n"
        "async def main():\n    async with websockets.serve(echo, '0.0.0.0', 8765):\n        await asyncio.Future()\n\n\n"
        "asyncio.run(main())\n"
    )
    # A websocket client in a job is no server.
    client = (
        "import asyncio\nimport websockets\n\n\n"
        "async def main():\n    async with websockets.connect('ws://feed') as ws:\n        print(await ws.recv())\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(main())\n"
    )
    operator = (
        "import kopf\n\n\n"
        "@kopf.on.create('example.com', 'v1', 'widgets')\ndef create_fn(spec, **kwargs):\n    return {'message': 'created'}\n"
    )
    root = make_tree({"server.py": ws, "once.py": client, "op/handlers.py": operator})
    eps, checks = summary(root)
    assert sorted(eps) == [
        ("once.py", "job", "python"),
        ("op/handlers.py", "worker", "kopf"),
        ("server.py", "api", "websockets"),
    ]
    api = next(c for k, c in checks.items() if k.startswith("api:"))
    # (session 30: a websockets server answers a plain HTTP probe with an error unless
    # `process_request=` answers it; this was "na", its routes out of sight)
    assert api["missing-health-route"] == "fail"
    worker = next(c for k, c in checks.items() if k.startswith("worker:"))
    assert worker["missing-graceful-shutdown"] == "pass" and worker["missing-logging"] == "pass"


def test_fallback_naming_its_field_state_file_reads_and_removing_an_uploaded_copy(make_tree: Tree) -> None:
    config = (
        "import os\n\n"
        "SLACK_TOKEN = os.environ.get('SLACK_TOKEN', 'slack_token')\n"  # the field's own name: a placeholder
        "RABBITMQ_PASSWORD = os.environ.get('RABBITMQ_PASSWORD', 'tdlimpo_password')\n"  # 4: a password
    )
    scraper = (
        "import json\nimport os\nimport config\n\n\n"
        "def read_state():\n"
        "    try:\n        with open('data.json') as fh:\n            return json.load(fh)\n"
        "    except Exception as e:\n        print(e)\n        return {}\n\n\n"  # a state file not there yet
        "def fetch_rows():\n"
        "    try:\n        return client.fetch()\n"
        "    except Exception as e:\n        print(e)\n        return []\n\n\n"  # the work's failure, lost
        "if __name__ == '__main__':\n    state = read_state()\n    rows = fetch_rows()\n"
    )
    backup = (
        "import os\nimport subprocess\n\n\n"
        "def run_backup(target):\n"
        "    filepath = f'/backups/{target}.dump'\n"
        "    subprocess.run(['pg_dump', '-f', filepath], check=True)\n"
        "    upload_file_to_s3(filepath, target)\n"
        "    os.remove(filepath)\n\n\n"  # the local copy, once shipped
        "def prune(paths):\n    for path in paths:\n        os.remove(path)\n"
    )
    prune = "from backup import prune\n\nif __name__ == '__main__':\n    prune(old_dumps())\n"
    nightly = "from backup import run_backup\n\nif __name__ == '__main__':\n    run_backup('shop')\n"
    root = make_tree(
        {"config.py": config, "scrape.py": scraper, "backup.py": backup, "prune.py": prune, "nightly.py": nightly}
    )
    findings = run([str(root)]).findings
    assert [(f.path, f.line) for f in findings if f.name == "hardcoded-secret-fallback"] == [("config.py", 4)]
    exit_codes = [f.message for f in findings if f.name == "missing-exit-code" and f.path == "scrape.py"]
    assert len(exit_codes) == 1 and "fetch_rows" in exit_codes[0]
    assert verdicts(root, "missing-dry-run") == {"nightly.py": "na", "prune.py": "fail", "scrape.py": "na"}


def test_a_module_of_hug_routes_is_an_api(make_tree: Tree) -> None:
    server = (
        "import hug\nfrom store import DataBase\n\ndb = DataBase('users.db')\n\n\n"
        "@hug.post('/users/add/')\ndef add_user(name, response=None):\n    db.add_user(name)\n    return 'added'\n\n\n"
        "@hug.get('/healthz')\ndef health():\n    return 'ok'\n"
    )
    store = (
        "import sqlite3\n\n\nclass DataBase:\n    def __init__(self, path):\n        self.conn = sqlite3.connect(path)\n\n"
        "    def add_user(self, name):\n        self.conn.execute('INSERT INTO users (name) VALUES (?)', (name,))\n\n"
        "    def expired(self):\n        return self.conn.execute('SELECT name FROM users').fetchall()\n"
    )
    worker = (
        "import time\nfrom store import DataBase\n\ndb = DataBase('users.db')\n\n"
        "while True:\n    for row in db.expired():\n        notify(row)\n    time.sleep(60)\n"
    )
    root = make_tree({"server.py": server, "store.py": store, "expire.py": worker})
    eps, checks = summary(root)
    assert sorted((p, k, f) for p, k, f in eps) == [
        ("expire.py", "worker", "polling-loop"),
        ("server.py", "api", "hug"),
    ]
    api = next(c for k, c in checks.items() if k.startswith("api:"))
    assert api["missing-health-route"] == "pass" and api["missing-readiness-route"] == "fail"
    # The insert runs only for the api's route: nothing for the worker to re-run.
    assert not [f for f in run([str(root)]).findings if f.name == "non-idempotent-insert"]


def test_commands_of_a_click_group_or_typer_app_are_judged_for_lost_failures(make_tree: Tree) -> None:
    body = (
        "def clone_all():\n    for repo in repos():\n        try:\n            clone(repo)\n"
        "        except Exception as exc:\n            print('failed %s' % exc)\n\n\n"
        "{decorator2}\ndef status():\n    show()\n\n\n"
        "if __name__ == '__main__':\n    {run}()\n"
    )
    group = "import click\n\n\n@click.group()\ndef cli():\n    pass\n\n\n@cli.command('clone_all')\n" + body.format(
        decorator2="@cli.command()", run="cli"
    )
    app = "import typer\n\napp = typer.Typer()\n\n\n@app.command()\n" + body.format(
        decorator2="@app.command()", run="app"
    )
    # A group whose commands only report and exit non-zero on failure passes.
    careful = group.replace("print('failed %s' % exc)", "print('failed %s' % exc)\n            raise SystemExit(1)")
    root = make_tree({"group.py": group, "typed.py": app, "careful.py": careful})
    assert verdicts(root, "missing-exit-code") == {"careful.py": "pass", "group.py": "fail", "typed.py": "fail"}


def test_rmtree_error_callbacks_that_only_log_lose_the_failure(make_tree: Tree) -> None:
    job = (
        "import logging\nimport shutil\n\n\n"
        "def remove_dir(path):\n"
        "    def log_error(_, path, exc_info):\n        (_, e, _) = exc_info\n        logging.warning(e)\n"
        "    shutil.rmtree(path, onerror=log_error)\n\n\n"
        "def main():\n    logging.basicConfig(level=logging.INFO)\n    for path in old_dirs():\n        remove_dir(path)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    raising = job.replace("        logging.warning(e)\n", "        logging.warning(e)\n        raise e\n")
    ignoring = job.replace("onerror=log_error", "ignore_errors=True")  # a deliberate "ignore", as `except: pass`
    root = make_tree({"prune.py": job, "strict.py": raising, "lenient.py": ignoring})
    assert verdicts(root, "missing-exit-code") == {"lenient.py": "pass", "prune.py": "fail", "strict.py": "pass"}


def test_a_consumer_task_a_request_starts_is_no_worker(make_tree: Tree) -> None:
    consumer = (
        "import aio_pika\n\n\nasync def consume_messages():\n"
        "    connection = await aio_pika.connect_robust('amqp://mq/')\n"
        "    async with connection:\n        channel = await connection.channel()\n"
        "        queue = await channel.declare_queue('q')\n"
        "        async with queue.iterator() as it:\n            async for message in it:\n"
        "                async with message.process():\n                    handle(message.body)\n"
    )
    on_request = (
        "import asyncio\nfrom fastapi import FastAPI\nfrom consumer import consume_messages\n\napp = FastAPI()\n\n\n"
        "@app.get('/messages')\nasync def get_messages():\n    asyncio.create_task(consume_messages())\n"
    )
    on_startup = (
        "import asyncio\nfrom fastapi import FastAPI\nfrom consumer import consume_messages\n\napp = FastAPI()\n\n\n"
        "@app.on_event('startup')\nasync def start():\n    asyncio.create_task(consume_messages())\n"
    )
    for main, kinds in ((on_request, ["api"]), (on_startup, ["api", "worker"])):
        root = make_tree({"consumer.py": consumer, "main.py": main})
        eps, _ = summary(root)
        assert sorted(k for _, k, _ in eps) == kinds
