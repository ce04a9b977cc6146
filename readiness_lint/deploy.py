"""Stage 1b: how a repository's deployment files say its scripts are run (read as text, never run).

A crontab line, a Kubernetes ``CronJob`` or ``Job``, a systemd timer or a scheduled GitHub
Actions workflow that runs ``python sync.py`` says ``sync.py`` runs to completion on a
schedule: a job. A Procfile process other than ``web``, ``release`` and the scheduler
processes, a Compose service that always restarts, a Kubernetes ``Deployment``, a systemd
service that restarts or a supervisord program that always restarts says its script runs all
the time. An ``@reboot`` line, a one-off supervisord program or a systemd service that is not
restarted only says the script is started as a program. A ``serverless.yml`` or a SAM template
names the functions AWS Lambda calls, and the events that call them; a Cloud Scheduler job
(`gcloud scheduler jobs create http`, Terraform's `google_cloud_scheduler_job`) calling a Cloud
Function's URL says that function runs on a schedule. Classification weighs
these beside the code; the configuration file's ``entrypoints`` still wins over both.

Everything here is a pure function of file names and texts: the engine reads the files.
YAML is read with ``safe_load`` only; a file that does not parse declares nothing (it is the
deployment's file, not this tool's configuration).
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import yaml

SCHEDULED = "scheduled"  # runs to completion, on a schedule or once: a job
LONG_RUNNING = "long-running"  # kept running by the platform: not a job
STARTED = "started"  # started as a program, once or now and then: a script, not a library
# A serverless platform calls one function of a module per request or per event (a Lambda
# handler that serverless.yml or a SAM/CloudFormation template names): the function is the
# entrypoint, however the rest of its file reads.
HTTP_FUNCTION = "http-function"  # called per HTTP request: API Gateway, a function URL, a load balancer
EVENT_FUNCTION = "event-function"  # called per event: a schedule, a queue message, a stored object
FUNCTION = "function"  # called, by what the file does not say
FUNCTION_MODES = frozenset({HTTP_FUNCTION, EVENT_FUNCTION, FUNCTION})
# Google Cloud Scheduler calling a URL on a schedule (`gcloud scheduler jobs create http NAME
# --uri=...`, Terraform's `google_cloud_scheduler_job` with an `http_target`): an HTTP function it
# calls runs to completion once a tick, a job. ``function`` names the function when the URL (or a
# `gcloud functions describe NAME` that fetches it) does, else it is "".
SCHEDULED_CALL = "scheduled-call"
# The module a deployment names when it runs RQ's worker command (`rq worker high default`,
# django-rq's `manage.py rqworker`): the worker loop is RQ's; the project gives the functions.
RQ_WORKER = "rq:worker"
_RQ_COMMAND = re.compile(r"\brq[\"',\s]+worker\b")
# Celery's beat (`celery -A proj beat`, `celery -A proj worker -B`): the schedule of the project's
# Celery app runs, also one kept in the database (django-celery-beat) that no code names.
CELERY_BEAT = "celery:beat"
_CELERY_BEAT_COMMAND = re.compile(r"celery[^\n]*\s(?:beat\b|-B\b|--beat\b)", re.IGNORECASE)
# The module a command names when it runs a shell script (`*/20 * * * * /usr/local/cron_exec.sh`,
# `CMD ["./start.sh"]`): read through the project's script of that name, never kept as it is.
SHELL_SCRIPT = "(shell script)"
_SHELL_SCRIPT_NAME = re.compile(r"[\w./-]+\.sh\b")
# Shell words that open and close a branch, a loop or a function's body: the commands inside
# run as alternatives, over and over, or when called, not one after another.
_SHELL_OPENERS = frozenset({"if", "case", "while", "until", "for", "select", "function", "{"})
_SHELL_CLOSERS = frozenset({"fi", "esac", "done", "}"})
_SHELL_FUNCTION = re.compile(r"^[\w.:-]+\s*\(\s*\)")
_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_]\w*)[\"']?")
# Commands after the Python that leave it the script's last work (`echo "stopped"`, `exit $?`).
_SHELL_TRIVIAL = frozenset({"echo", "printf", "exit", "wait", "true", ":", "set", "export", "trap", "unset"})

# How the platforms that keep a process running are named (an entrypoint's framework when
# the deployment file, not the code, makes it a worker).
KEPT_RUNNING = frozenset({"procfile", "compose", "kubernetes", "systemd", "supervisord"})

# Largest deployment file read (a bigger one is generated or data).
MAX_DEPLOYMENT_FILE = 512 * 1024

_CRON_NAMES = frozenset({"crontab", "crontab.txt", "cron", "cronfile", "crontabs", "cron.txt"})
_CRON_DIRS = frozenset({"cron.d", "crontabs", "cron"})
# Where Ofelia, the scheduler for containers, is usually given its `[job-exec "name"]` sections
_OFELIA_NAMES = frozenset({"config.ini", "cron_jobs.ini", "cron.ini", "jobs.ini", "schedule.ini", "scheduler.ini"})
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
_PYTHON = re.compile(r"^python(?:\d+(?:\.\d+)*)?w?$")
# Options of the interpreter that take a value (`python -W ignore x.py`).
_PYTHON_VALUE_OPTIONS = frozenset({"-W", "-X", "-Q"})
# Words that run the command after them (`cd /app && exec nice -n 10 python x.py`).
_RUNNERS = frozenset({"exec", "nice", "nohup", "time", "timeout", "flock", "chronic", "run", "env", "sudo"})
# Tools that run a command in an environment or a container (`uv run`, `docker exec app python x.py`).
_WRAPPERS = frozenset({"uv", "pipenv", "poetry", "pdm", "hatch", "rye", "docker", "docker-compose", "podman"})
# Procfile process types that are not a long-running script of their own: the web server, the
# release phase (migrations, once per deploy) and scheduler processes (judged from their code).
_PROCFILE_SKIP = frozenset({"web", "release", "clock", "scheduler", "cron", "beat"})
_SCHEDULE_WORDS = frozenset({"@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually", "@midnight"})
_CRON_FIELD = re.compile(r"^[\d*/,\-A-Za-z?LW#]+$")
_K8S_KIND = re.compile(r"^kind:\s*[\"']?(CronJob|Job|Deployment|StatefulSet|DaemonSet)\b", re.MULTILINE)


@dataclass(frozen=True)
class Deployment:
    """One command a deployment file runs, reduced to the Python it starts."""

    source: str  # the deployment file, relative to the scan root
    line: int  # 1-based line of the command in it (1 when the format hides it)
    how: str  # crontab, kubernetes-cronjob, kubernetes-job, systemd-timer, github-schedule, procfile, ...
    mode: str  # SCHEDULED, LONG_RUNNING or STARTED
    script: str  # the script as the command names it, joined to a `cd` or a working directory it gives
    module: str  # the module of `python -m pkg.mod`, or ""
    function: str = ""  # the function a serverless platform calls (FUNCTION_MODES), or ""
    # the HTTP paths an api gateway routes to that function (`path: /users` of its events), when
    # every gateway event names one; empty when any does not (a catch-all, `/{proxy+}`)
    paths: tuple[str, ...] = ()
    routed: bool = False  # called through an api gateway's routes (not only a websocket or a function URL)
    # a later command of the line waits for it to end (`python create_db.py && uvicorn app:app`)
    ends: bool = False
    # the project's directory the command runs in, where a mount shows it (a Compose service's
    # `working_dir: /api` with `./api:/api` mounted): a shell script's relative paths are there
    workdir: str = ""


def is_deployment_file(rel: str) -> bool:
    """Whether a file's name makes it one of the deployment files :func:`read_deployments` reads."""
    directory, _, name = rel.rpartition("/")
    lower = name.lower()
    if name == "Procfile" or lower in _CRON_NAMES or lower.endswith((".cron", ".crontab")):
        return True
    if directory.rpartition("/")[2] in _CRON_DIRS and "." not in name:
        return True
    if "cron" in lower and ("." not in name or lower.endswith(".txt")):
        return True  # (`hello-cron`, `cronjobs`, `backup-crontab.txt`: what an image installs with `crontab FILE`)
    if _unit_name(lower).endswith((".service", ".timer", ".sh")) or lower.startswith("dockerfile"):
        return True
    if lower.endswith(".dockerfile"):
        return True
    if lower.endswith((".conf", ".ini")) and "supervisor" in rel.lower():
        return True
    if (lower.endswith(".ini") and "ofelia" in rel.lower()) or lower in _OFELIA_NAMES:
        return True
    if _gcloud_file(lower):
        return True
    return lower.endswith((".yml", ".yaml")) or lower == "function.json"


def _gcloud_file(name: str) -> bool:
    """A file (its lower-case name) read only for the Google Cloud commands or resources it holds:
    a Windows batch file, a Makefile, Terraform."""
    return name.endswith((".bat", ".cmd", ".tf")) or name in {"makefile", "gnumakefile"}


# A deployment file kept for development or set aside: `Dockerfile.dev`, `docker-compose.local.yml`,
# `.devcontainer/Dockerfile`, `dev/Dockerfile`, `Dockerfile.bak`.
_DEV_DIRECTORIES = frozenset(
    {".devcontainer", "dev", "develop", "development", "local", "test", "tests", "testing", "example", "examples"}
    | {"sample", "samples"}
)
_DEV_WORDS = frozenset(
    {"dev", "devel", "develop", "development", "local", "test", "tests", "testing", "debug", "example", "sample"}
)
# Words that set a file aside when they end its name (`Dockerfile.bak`, `app.service.off`)
_SET_ASIDE = frozenset({"bak", "backup", "old", "off", "orig", "disabled", "example", "sample"})


# A systemd unit kept as a template the installer fills in: `app.service.template`, `backup.timer.in`
_UNIT_TEMPLATE = re.compile(r"(\.(?:service|timer))\.(?:template|tmpl|tpl|j2|jinja|in)$", re.IGNORECASE)


def _unit_name(name: str) -> str:
    """A systemd unit's name with a template's ending dropped (``app.service.j2``: ``app.service``)."""
    return _UNIT_TEMPLATE.sub(r"\1", name)


# A path part an installer replaces: `__APP_DIR__`, `{{ app_dir }}`, `${APP_DIR}`, `@APP_DIR@`
_PLACEHOLDER_PART = re.compile(r"^(?:__\w+__|\{\{.*\}\}|\$\{\w+\}|@\w+@)$")


def for_development(source: str) -> bool:
    """A deployment file that runs nothing in production, by where it is or by its name: named
    for development (`Dockerfile.dev`, `api-dev.service`, `docker-compose.local.yml`) or set aside
    (`Dockerfile.bak`; not `backup-cronjob.yaml`)."""
    *directories, name = source.lower().split("/")
    if _DEV_DIRECTORIES.intersection(directories):
        return True
    words = re.split(r"[._-]", name)
    return bool(_DEV_WORDS.intersection(words)) or words[-1] in _SET_ASIDE


def worth_reading(rel: str, text: str) -> bool:
    """Whether a deployment file's text can declare anything: it names Python, and a YAML file is
    a workflow, a Compose file or a Kubernetes manifest of a kind read here. (Rendered manifests
    and data files that run no Python are neither parsed nor part of the cache key.)"""
    lower = rel.lower()
    if _unit_name(lower).endswith(".timer"):
        return True  # (it names the service it starts, and that service the Python)
    if lower.rpartition("/")[2] == "function.json":
        return '"bindings"' in text  # (Azure Functions' own file: the script is `__init__.py` unless it says)
    if _gcloud_file(lower.rpartition("/")[2]):
        return "gcloud" in text or "google_cloud_scheduler_job" in text
    if (
        "python" not in text
        and ".py" not in text
        and not _RQ_COMMAND.search(text)
        and not _CELERY_BEAT_COMMAND.search(text)
        # (a command running a shell script: `0 * * * * /usr/local/cron_exec.sh`; every script is
        # read, to know which one a command names, also when it runs no Python)
        and not lower.endswith(".sh")
        and not _SHELL_SCRIPT_NAME.search(text)
    ):
        return False
    if not lower.endswith((".yml", ".yaml")):
        return True
    return (
        "/.github/workflows/" in f"/{lower}"
        or lower.rpartition("/")[2].startswith(("docker-compose", "compose"))
        or bool(_K8S_KIND.search(text))
        or _is_serverless(lower)
        or bool(_LAMBDA_RESOURCE.search(text))
    )


def read_deployments(files: Sequence[tuple[str, str]]) -> list[Deployment]:
    """The Python commands the deployment files run. ``files`` holds (relative path, text)."""
    out: list[Deployment] = []
    timers = _timer_units(files)
    for rel, text in sorted(files):
        directory, _, name = rel.rpartition("/")
        lower = name.lower()
        unit = _unit_name(name)
        if name == "Procfile":
            out.extend(_procfile(rel, text))
        elif unit.lower().endswith(".timer"):
            continue
        elif unit.lower().endswith(".service"):
            # (a template's `{{ app_dir }}/web` as one word, as an installer writes it out)
            filled = re.sub(r"\{\{\s*([\w.]+)\s*\}\}", r"{{\1}}", text) if unit != name else text
            out.extend(_systemd(rel, filled, unit in timers.get(directory, set())))
        elif lower.endswith((".yml", ".yaml")):
            out.extend(_yaml_file(rel, text))
        elif lower == "function.json":
            out.extend(_azure_function(rel, text))
        elif _gcloud_file(lower):
            commands = _batch_commands(text) if lower.endswith((".bat", ".cmd")) else text
            out.extend(_gcloud_functions(rel, commands))
            out.extend(_cloud_scheduler(rel, commands))
        elif lower.endswith((".conf", ".ini")):
            out.extend(_supervisord(rel, text))
            out.extend(_ofelia(rel, text))
        elif lower.endswith((".sh", ".dockerfile")) or lower.startswith("dockerfile"):
            out.extend(_embedded_crontab(rel, text))
            if not lower.endswith(".sh"):
                out.extend(_dockerfile(rel, text))
            else:
                out.extend(_script_beat(rel, text))
                out.extend(_gcloud_functions(rel, text))
                out.extend(_cloud_scheduler(rel, text))
        else:
            out.extend(_crontab(rel, text))
    return _through_shell_scripts(out, files)


def dag_commands(commands: Iterable[tuple[str, int, str]]) -> list[Deployment]:
    """The Python an Airflow DAG's `BashOperator` commands run, given as (DAG file, line,
    command): scripts run on the DAG's schedule (`cd ~/airflow/dags/scripts && python3 load.py`)."""
    out: list[Deployment] = []
    for rel, line, command in commands:
        for targets, _, _, _ in _shell_steps(rel, command):
            # (a shell script the task runs is not followed: only the deployment files' are)
            out.extend(
                Deployment(rel, line, "airflow-task", SCHEDULED, script, module)
                for script, module in targets
                if module != SHELL_SCRIPT
            )
    return out


def _through_shell_scripts(found: Sequence[Deployment], files: Sequence[tuple[str, str]]) -> list[Deployment]:
    """Each command that runs a shell script of the project replaced by the Python commands the
    script runs, one level deep (a script that is not the project's, or that runs no Python,
    declares nothing). A scheduled script's commands are all scheduled. Otherwise a Python
    command runs as the command did (kept running, or started) when it is the script's last
    work, or runs in the background; one with work after it (`python migrate.py`, then `exec
    gunicorn ...`), and one inside a branch, a loop or a function (`case "$1" in`, `while
    true; do python sync.py; sleep 300; done`), is only started. They are recorded as the
    command's own: a relative path in the script is where the command runs, and the deployment
    file's line is what says they run."""
    scripts = {rel: text for rel, text in files if rel.lower().endswith(".sh")}
    out: list[Deployment] = []
    for deployment in found:
        if deployment.module != SHELL_SCRIPT:
            out.append(deployment)
            continue
        home = deployment.source.rpartition("/")[0]
        rel = locate(deployment.script, home, (home, ""), scripts)
        if rel is None or rel == deployment.source:
            continue
        steps = _shell_steps(rel, scripts[rel])
        moved = deployment.workdir  # (`bash ./app.sh` where Compose's `working_dir` is `api/`)
        last = max((index for index, (_, command, _, _) in enumerate(steps) if not _trivial(command)), default=-1)
        for index, (targets, command, background, inside) in enumerate(steps):
            mode = deployment.mode
            # (`python create_db.py`, then `exec uvicorn ...`: the step ends before the next starts)
            ends = index < last and not background and not inside
            if mode != SCHEDULED and (inside or (index != last and not background)):
                mode = STARTED
            mode = _mode(mode, command)
            ended = _ended_targets(command, "")
            for named, module in targets:
                if module != SHELL_SCRIPT:
                    # (not a path the script already placed, `cd "$(dirname "$0")"` then `python main.py`)
                    moved_here = moved and named and not named.startswith(("/", f"{moved}/"))
                    script = f"{moved}/{named.removeprefix('./')}" if moved_here else named
                    out.append(
                        Deployment(
                            deployment.source,
                            deployment.line,
                            deployment.how,
                            mode,
                            script,
                            module,
                            ends=ends or (named, module) in ended,
                        )
                    )
    return out


def _shell_steps(rel: str, text: str) -> list[tuple[list[tuple[str, str]], str, bool, bool]]:
    """A shell script's commands, each as (the Python it starts, the command line, whether it
    runs in the background, whether that Python is inside a branch, a loop or a function's
    body). A `cd` line moves where later relative scripts are (`cd "$(dirname "$0")"`: the
    script's own directory). A here-document's lines, and a quoted string's over several lines
    (`python -c "..."`), belong to the command that opens them."""
    steps: list[tuple[list[tuple[str, str]], str, bool, bool]] = []
    depth = 0
    workdir = ""
    lines = [line for _, line in _joined_lines(text, ("#",), comment_continues=False)]
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line or line.startswith("#"):
            continue
        tokens = _tokens(line)
        while tokens is None and index < len(lines):  # (a quote still open: the string goes on)
            line += "\n" + lines[index]
            index += 1
            tokens = _tokens(line)
        heredoc = _HEREDOC.search(line)
        if heredoc is not None:  # (`python - <<'EOF'` ... `EOF`: the body is the command's input)
            while index < len(lines) and lines[index] != heredoc.group(1):
                index += 1
            index += 1
        inside = False
        segments = _segments(line)
        for position, words in enumerate(segments):
            first = words[0] if words else ""
            # (`function cleanup {`, `cleanup() {`; with the brace on the next line, the brace opens the body)
            opens = first in _SHELL_OPENERS and (first != "function" or "{" in words)
            opens = opens or (position == 0 and bool(_SHELL_FUNCTION.match(line)) and "{" in words)
            if _argv_target(words) is not None:
                inside = inside or depth > 0 or opens
            depth = max(depth + opens - (first in _SHELL_CLOSERS), 0)
        if len(segments) == 1 and segments[0][:1] == ["cd"] and len(segments[0]) == 2:
            target = segments[0][1]
            if "dirname" in target and "$0" in target:
                workdir = rel.rpartition("/")[0]
            else:
                workdir = "" if "$" in target else posixpath.join(workdir, target)
            continue
        steps.append((python_targets(line, workdir), line, (tokens or [])[-1:] == ["&"], inside))
    return steps


def _trivial(command: str) -> bool:
    """A command that is no work of its own: an `echo`, an `exit`, a setting (see :data:`_SHELL_TRIVIAL`)."""
    segments = _segments(command)
    return bool(segments) and all(words[0] in _SHELL_TRIVIAL for words in segments if words)


def beside(bases: Sequence[str], names: Sequence[str], files: Collection[str]) -> str | None:
    """The first of ``names`` that is one of ``files`` in one of ``bases`` (directories, in order)."""
    for base in dict.fromkeys(bases):
        for name in names:
            path = posixpath.normpath(posixpath.join(base, name)) if base else name
            if path in files:
                return path
    return None


def locate(name: str, home: str, bases: Sequence[str], files: Collection[str]) -> str | None:
    """The one of ``files`` a command names, or None when it is not one or not clearly one.

    A relative name is looked for in ``bases``, in order. An absolute one is the deployed
    machine's (`/srv/app/scripts/sync.py`): the longest tail of it that names exactly one file
    wins, unless a shorter tail names another file at the root or in ``home``, the deployment
    file's directory (`/app/main.py` in an image that copies the repository to `/app` is the
    root's `main.py`, not `app/main.py`): then no guess."""
    name = posixpath.normpath(name)
    if name.startswith(("~/", "$HOME/", "${HOME}/")):
        name = "/" + name.partition("/")[2]  # (`~/airflow/dags/load.py`: a home directory's, the machine's)
    if not name.startswith("/"):
        return beside(bases, (name,), files)
    parts = [part for part in name.split("/") if part not in {"", ".", ".."}]
    best: str | None = None
    for size in range(len(parts), 0, -1):
        tail = "/".join(parts[-size:])
        near = beside((home, ""), (tail,), files)
        if best is None:
            matches = [p for p in files if p == tail or p.endswith("/" + tail)]
            if len(matches) > 1 and near is None:
                return None  # several files end so, none of them where the deployment is
            best = near if len(matches) > 1 else next(iter(matches), None)
        elif near is not None and near != best:
            return None
    return best


def python_targets(command: str, workdir: str = "") -> list[tuple[str, str]]:
    """The (script, module) pairs a shell command line starts with Python; a ``cd`` earlier in
    the line moves where a relative script is looked for (joined into the script's path)."""
    out: list[tuple[str, str]] = []
    segments = _segments(command)
    if any(words and posixpath.basename(words[0]) in _KEEP_ALIVE for words in segments):
        return []  # `pgrep -f bot.py || python bot.py`: a watchdog keeping a process up, not a schedule
    for segment in segments:
        words = segment
        while words and "=" in words[0] and not words[0].startswith("-"):
            words = words[1:]  # `PYTHONPATH=. python x.py`
        if len(words) >= 2 and words[0] == "cd":
            workdir = posixpath.join(workdir, words[1]) if workdir else words[1]
            continue
        target = _argv_target(words)
        if target is not None:
            out.append(_in(workdir, target))
    return out


def _in(workdir: str, target: tuple[str, str]) -> tuple[str, str]:
    """A (script, module) target with a relative script placed in the directory it runs in (a
    directory whose first part is an installer's placeholder, `__NVR_DIR__/web`, is a machine's:
    read as an absolute path)."""
    script, module = target
    if script and not script.startswith("/") and workdir:
        script = posixpath.join(workdir, script)
    head, _, rest = script.partition("/")
    if rest and _PLACEHOLDER_PART.match(head):
        script = "/" + rest
    return script, module


# Checks that a process is already running, before a line starts it again.
_KEEP_ALIVE = frozenset({"pgrep", "pidof"})
_OPERATORS = frozenset({"&&", "||", ";", "|", "&", ";;"})


def _tokens(command: str) -> list[str] | None:
    """A command line's words and operators (a quoted `sh -c '...'` stays one word); ``None`` for
    one with an unbalanced quote."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        return list(lexer)
    except ValueError:
        return None


def _segments(command: str) -> list[list[str]]:
    """A command line's simple commands, as word lists (a quoted `sh -c '...'` stays one word)."""
    tokens = _tokens(command)
    if tokens is None:  # an unbalanced quote: take the words as they stand
        return [part.split() for part in re.split(r"&&|\|\||;|\|", command)]
    out: list[list[str]] = [[]]
    for token in tokens:
        if token in _OPERATORS:
            out.append([])
        elif token not in {"(", ")"}:
            out[-1].append(token)
    return [words for words in out if words]


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=True)
    except ValueError:  # an unbalanced quote: take the words as they stand
        return text.split()


def _argv_target(words: Sequence[str]) -> tuple[str, str] | None:
    """What an argument vector starts: a shell's ``-c`` line is read as a command line."""
    if not words:
        return None
    first = posixpath.basename(words[0])
    if (line := _shell_line(words)) is not None:
        found = python_targets(line)
        return found[0] if found else None
    if first in _SHELLS:  # `sh start.sh`, `bash -e ./run.sh`: the script it runs, or nothing
        script = next((word for word in words[1:] if not word.startswith("-")), "")
        return (script.removeprefix("./"), SHELL_SCRIPT) if script.endswith(".sh") else None
    for index, word in enumerate(words):
        base = posixpath.basename(word)
        if _PYTHON.match(base):
            return _interpreter_target(words[index + 1 :])
        if _rq_worker(words, index) and all(_runner_word(w) for w in words[:index]):
            return "", RQ_WORKER
        if _celery_beat(words, index):
            return "", celery_beat_module(_celery_app(words[index:]))
        if word.endswith((".py", ".sh")) and not word.startswith("-"):
            # an executable script (`/opt/app/backup.py`, `uv run backup.py`, `exec ./bot.py`,
            # `/usr/local/cron_exec.sh`)
            if all(_runner_word(w) for w in words[:index]):
                return word.removeprefix("./"), SHELL_SCRIPT if word.endswith(".sh") else ""
            return None
        if index == 0 and base not in _RUNNERS and base not in _WRAPPERS:
            return None  # another program (`gunicorn`, `celery`, `curl`): not a Python script it names
    return None


def _rq_worker(words: Sequence[str], index: int) -> bool:
    """``rq worker ...`` or django-rq's ``manage.py rqworker ...`` from ``words[index]`` on."""
    base = posixpath.basename(words[index])
    following = words[index + 1 : index + 2]
    return (base == "rq" and following == ["worker"]) or (base == "manage.py" and following == ["rqworker"])


def celery_beat_module(app: str) -> str:
    """How a deployment running Celery's beat is recorded: ``celery:beat``, with ``:app`` when
    the command names its app (``-A proj``)."""
    return f"{CELERY_BEAT}:{app}" if app else CELERY_BEAT


def is_celery_beat(deployment: Deployment) -> bool:
    return deployment.module == CELERY_BEAT or deployment.module.startswith(f"{CELERY_BEAT}:")


_CELERY_VALUE_OPTIONS = frozenset(
    {"-A", "--app", "-b", "--broker", "--result-backend", "--loader", "--config", "--workdir"}
)


def _celery_beat(words: Sequence[str], index: int) -> bool:
    """``celery ... beat ...`` or ``celery ... worker -B`` from ``words[index]`` on (the program
    also as a variable a unit's environment file sets: ``${CELERY_BIN}``): the subcommand, the
    first word that is neither an option nor an option's value, says which."""
    if "celery" not in posixpath.basename(words[index]).lower():
        return False
    rest = list(words[index + 1 :])
    skip = False
    for position, word in enumerate(rest):
        if skip or word.startswith("-"):
            skip = not skip and word in _CELERY_VALUE_OPTIONS
            continue
        return word == "beat" or (word == "worker" and any(w in {"-B", "--beat"} for w in rest[position + 1 :]))
    return False


def _celery_app(words: Sequence[str]) -> str:
    """The app a Celery command names (``-A proj``, ``--app=proj.celery:app``), as a module, or ""."""
    for position, word in enumerate(words):
        if word in {"-A", "--app"} and position + 1 < len(words):
            value = words[position + 1]
        elif word.startswith("--app="):
            value = word.partition("=")[2]
        elif word.startswith("-A") and len(word) > 2:
            value = word[2:]
        else:
            continue
        return "" if "$" in value else value.partition(":")[0]
    return ""


def _runner_word(word: str) -> bool:
    return posixpath.basename(word) in _RUNNERS | _WRAPPERS or word.startswith("-") or word.isdigit()


def _interpreter_target(args: Sequence[str]) -> tuple[str, str] | None:
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg == "-m" and index + 1 < len(args):
            if _celery_beat(args, index + 1):
                return "", celery_beat_module(_celery_app(args[index + 1 :]))
            return "", args[index + 1]
        if arg.startswith("-m") and len(arg) > 2:
            return "", arg[2:]
        if arg == "-c":
            return None  # inline code
        if arg in _PYTHON_VALUE_OPTIONS:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        if _rq_worker(args, index):
            return "", RQ_WORKER
        return (arg.removeprefix("./"), "") if arg.endswith(".py") else None
    return None


def _deployments(
    rel: str, line: int, how: str, mode: str, command: str | Sequence[str], workdir: str
) -> Iterator[Deployment]:
    found = python_targets(command, workdir) if isinstance(command, str) else _argv_targets(command, workdir)
    mode = _mode(mode, command)
    ended = _ended_targets(command, workdir) if found else set()
    for script, module in found:
        ends = (script, module) in ended
        # (`python -m app.init_db && uvicorn ...` kept running: the server is, not the script)
        yield Deployment(rel, line, how, STARTED if ends and mode == LONG_RUNNING else mode, script, module, ends=ends)


def _shell_line(words: Sequence[str]) -> str | None:
    """The command line a shell is given to run (``sh -c "..."``, also with other options beside
    ``c``: ``sh -ec``, ``bash -lc``), or None."""
    if not words or posixpath.basename(words[0]) not in _SHELLS:
        return None
    if "-c" in words[:-1]:
        return words[list(words).index("-c") + 1]
    for index, word in enumerate(words[1:-1], 1):
        if not word.startswith("-"):
            return None  # (`sh start.sh -xc`: the script's own options)
        if not word.startswith("--") and word[1:].isalpha() and "c" in word[1:]:
            return words[index + 1]
    return None


def _ended_targets(command: str | Sequence[Any], workdir: str) -> set[tuple[str, str]]:
    """The Python a later command of the line runs after (``python create_db.py && uvicorn
    app:app``, ``python migrate.py; exec gunicorn app:app``), also in a shell's ``-c`` line: each
    ends before the next starts."""
    words = _words(list(command)) if not isinstance(command, str) else (_tokens(command) or [])
    if (line := _shell_line(words)) is not None:
        return _ended_targets(line, workdir)  # (`bash -c "python x.py && ..."`)
    if not isinstance(command, str):
        return set()
    tokens = words
    ended: set[tuple[str, str]] = set()
    last = 0
    for index, token in enumerate(tokens):
        if token in {"&&", ";"} and index + 1 < len(tokens):
            # (what the line starts up to here, a `cd` before it included)
            ended.update(python_targets(shlex.join(t for t in tokens[:index] if t not in {"(", ")"}), workdir))
            last = index + 1
    # (not the script the line ends with as well: `python manage.py init-db && python manage.py worker`)
    return ended - set(python_targets(shlex.join(t for t in tokens[last:] if t not in {"(", ")"}), workdir))


def _mode(mode: str, command: str | Sequence[Any]) -> str:
    """`python sync.py && tail -f /dev/null` kept running: the script ends, an idle command keeps
    the container up (the script is started, not kept running)."""
    return STARTED if mode == LONG_RUNNING and _idles_after(command) else mode


def _idles_after(command: str | Sequence[Any]) -> bool:
    """A command line that ends by idling forever, which keeps a container running whatever the
    script before it does (``python sync.py && tail -f /dev/null``, ``...; sleep infinity``,
    ``python x.py & sleep infinity``); also inside a shell's ``-c`` line. (After ``||`` the idle
    runs only when the script fails, so the script is what keeps running.)"""
    # (an exec-form list has no operators: `&&` there is an argument like any other)
    tokens = (_tokens(command) or []) if isinstance(command, str) else _words(list(command))
    operators = [i for i, token in enumerate(tokens) if token in _OPERATORS] if isinstance(command, str) else []
    if not operators:
        if (line := _shell_line(tokens)) is not None:
            return _idles_after(line)
        return False
    if tokens[operators[-1]] not in {"&&", ";", "&"}:
        return False
    last = [posixpath.basename(w) if i == 0 else w for i, w in enumerate(tokens[operators[-1] + 1 :])]
    return (last[:1] == ["tail"] and "-f" in last and "/dev/null" in last) or last in (
        ["sleep", "infinity"],
        ["sleep", "inf"],
    )


def _argv_targets(argv: Sequence[Any], workdir: str) -> list[tuple[str, str]]:
    target = _argv_target(_words(list(argv)))
    return [] if target is None else [_in(workdir, target)]


def _crontab(rel: str, text: str) -> Iterator[Deployment]:
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        if words[0].startswith("@"):
            # (`@reboot` starts something once at boot: a daemon or a one-off, the line does not say)
            mode = SCHEDULED if words[0] in _SCHEDULE_WORDS else STARTED if words[0] == "@reboot" else ""
            command = line[len(words[0]) :]
        elif len(words) > 5 and all(_CRON_FIELD.match(w) for w in words[:5]) and _times(words[:5]):
            mode = SCHEDULED
            command = line.split(None, 5)[5]
        else:
            continue  # an environment setting (`MAILTO=...`) or not a crontab line
        if not mode:
            continue
        command = re.split(r"(?<!\\)%", command, maxsplit=1)[0]  # cron turns `%` into a newline: stdin follows
        yield from _cron_command(rel, number, command, mode)


# A crontab line written out by an image or a start script (`RUN echo "*/5 * * * * python
# /app/sync.py >> /var/log/cron.log" >> /etc/cron.d/sync`, or a line of a here-document): the
# schedule, opening a quoted string or a line, then the command up to the end of the string, a
# redirection or a pipe.
_EMBEDDED_CRON = re.compile(
    r"(?:^\s*|[\"'])(@(?:hourly|daily|weekly|monthly|yearly|annually|midnight)|(?:[\d*/,\-]+\s+){4}[\d*/,\-A-Za-z]+)"
    r"\s+([^\"'\n|>]+)"
)


def _embedded_crontab(rel: str, text: str) -> Iterator[Deployment]:
    """Crontab lines inside a Dockerfile or a shell script that installs them (the file must
    speak of cron: a bare row of numbers is not a schedule)."""
    if "cron" not in text:
        return
    for number, line in enumerate(text.splitlines(), 1):
        for match in _EMBEDDED_CRON.finditer(line):
            schedule, command = match.groups()
            if not schedule.startswith("@") and not _times(schedule.split()):
                continue
            yield from _cron_command(rel, number, command)


def _script_beat(rel: str, text: str) -> Iterator[Deployment]:
    """A shell script's own line running Celery's beat (``celery -A proj beat -l info``): whatever
    runs the script runs the schedule. (Its Python commands are read where a deployment runs it.)"""
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#") or not _CELERY_BEAT_COMMAND.search(line):
            continue
        yield from (d for d in _deployments(rel, number, "shell", LONG_RUNNING, line.strip(), "") if is_celery_beat(d))


def _gcloud_commands(text: str, command: Sequence[str]) -> Iterator[tuple[int, list[str], dict[str, str]]]:
    """Each ``gcloud [beta] <command> NAME --key value --key=value --flag`` in a script's lines:
    its line, the names it is given and its options, up to the next shell operator."""
    for number, line in _joined_lines(text, ("#",), comment_continues=False):
        if command[0] not in line or line.startswith("#"):
            continue
        words = _tokens(line)
        if not words:
            continue
        size = len(command)
        for index in range(len(words) - size):
            if words[index] != "gcloud":
                continue
            rest = words[index + 1 :]
            if rest[:size] != list(command) and rest[1 : 1 + size] == list(command):
                rest = rest[1:]  # (`gcloud beta functions deploy`)
            if rest[:size] != list(command):
                continue
            options: dict[str, str] = {}
            names: list[str] = []
            position = size
            while position < len(rest):
                word = rest[position]
                position += 1
                if word in {";", "&&", "||", "|"}:
                    break
                if not word.startswith("--"):
                    names.append(word)
                    continue
                key, equals, value = word[2:].partition("=")
                if not equals and key not in _GCLOUD_FLAGS and position < len(rest):
                    value = rest[position]  # (`--runtime python39`)
                    position += 1
                options[key] = value
            yield number, names, options


def _gcloud_functions(rel: str, text: str) -> Iterator[Deployment]:
    """A shell script's ``gcloud functions deploy NAME --runtime python39 --trigger-topic T``: the
    function ``--entry-point`` (else NAME) of ``main.py`` in ``--source`` (else the directory the
    script runs in, taken as its own) is called per event, or per request with ``--trigger-http``."""
    for number, names, options in _gcloud_commands(text, ("functions", "deploy")):
        runtime = options.get("runtime", "")
        function = options.get("entry-point") or (names[0] if names else "")
        if not runtime.startswith("python") or not function.isidentifier():
            continue
        mode = HTTP_FUNCTION if "trigger-http" in options else EVENT_FUNCTION
        if mode == EVENT_FUNCTION and not any(key.startswith("trigger-") for key in options):
            continue  # (no trigger given: the deployed function's own, which the command does not say)
        source = options.get("source", ".") or "."
        if source.startswith(("gs://", "https://", "/")):
            continue
        script = posixpath.normpath(posixpath.join(source, "main.py"))
        yield Deployment(rel, number, "gcloud", mode, script, "", function)


# The function a Cloud Functions URL calls (`https://REGION-PROJECT.cloudfunctions.net/sync`)
_FUNCTION_URL = re.compile(r"cloudfunctions\.net/([A-Za-z_][\w-]*)")
_DESCRIBED_FUNCTION = re.compile(r"\bgcloud\s+(?:beta\s+)?functions\s+describe\s+([A-Za-z_]\w*)")
_SCHEDULER_RESOURCE = re.compile(r'^\s*resource\s+"google_cloud_scheduler_job"\s+"[^"]*"\s*\{', re.MULTILINE)


def _cloud_scheduler(rel: str, text: str) -> Iterator[Deployment]:
    """Cloud Scheduler jobs that call a URL: `gcloud scheduler jobs create http NAME --uri=URL` in a
    script, or a Terraform `google_cloud_scheduler_job` resource with an `http_target`. The function
    is the one the URL names, or the one the file looks up with `gcloud functions describe NAME`
    (when it names one only), else ""."""
    described = set(_DESCRIBED_FUNCTION.findall(text))
    fetched = described.pop() if len(described) == 1 else ""
    for number, _, options in _gcloud_commands(text, ("scheduler", "jobs", "create", "http")):
        called = _called_function(options.get("uri", ""), fetched)
        if called is not None:
            yield Deployment(rel, number, "cloud-scheduler", SCHEDULED_CALL, "", "", called)
    for match in _SCHEDULER_RESOURCE.finditer(text):
        body = _braced(text, match.end() - 1)
        if not re.search(r"^\s*http_target\s*\{", body, re.MULTILINE):
            continue
        target = re.search(r"^\s*uri\s*=\s*(.+)$", body, re.MULTILINE)
        called = _called_function(target.group(1) if target else "", "")
        number = text.count("\n", 0, match.start() + match.group(0).index("resource")) + 1
        if called is not None:
            yield Deployment(rel, number, "cloud-scheduler", SCHEDULED_CALL, "", "", called)


def _called_function(uri: str, fetched: str) -> str | None:
    """The Cloud Function a scheduler's URL calls: the one it names (`.../cloudfunctions.net/sync`),
    else the one the file looked its URL up for (``fetched``), else "" for a reference to a
    function's URL that does not say which (`var.function_url`); None for a URL of anything else
    (`https://report-x.a.run.app/daily`, a Cloud Run service's `uri`)."""
    named = _FUNCTION_URL.search(uri)
    if named:
        return named.group(1)
    if "://" in uri:
        return None
    if fetched:
        return fetched
    return "" if "function" in uri.lower() else None


def _batch_commands(text: str) -> str:
    """A Windows batch file's text as a shell script's: a `^` at a line's end continues it, and a
    `\\` parts a path."""
    return re.sub(r"\^[ \t\r]*$", "\\\\", text.replace("\\", "/"), flags=re.MULTILINE)


def _braced(text: str, start: int) -> str:
    """The text between the `{` at ``start`` and the `}` that closes it (to the end of the text
    when none does)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    return text[start + 1 :]


_DURABLE_STEPS = frozenset({"activityTrigger", "orchestrationTrigger", "entityTrigger"})
# gcloud's switches that take no value (`--trigger-http --allow-unauthenticated`)
_GCLOUD_FLAGS = frozenset({"trigger-http", "allow-unauthenticated", "no-allow-unauthenticated", "gen2", "no-gen2"})


def _azure_function(rel: str, text: str) -> Iterator[Deployment]:
    """An Azure Functions ``function.json``: its ``scriptFile`` (``__init__.py`` by default) and
    ``entryPoint`` (``main``) are called per request (an ``httpTrigger``) or per event (a timer,
    a queue message, a blob)."""
    try:
        document = json.loads(text)
    except ValueError:
        return
    bindings = document.get("bindings") if isinstance(document, dict) else None
    types = [str(b.get("type", "")) for b in (bindings if isinstance(bindings, list) else ()) if isinstance(b, dict)]
    # (not a Durable Functions step, run by its orchestration, not on its own)
    triggers = [t for t in types if t.endswith("Trigger") and t not in _DURABLE_STEPS]
    if not triggers:
        return
    script = document.get("scriptFile", "__init__.py")
    function = document.get("entryPoint", "main")
    if not isinstance(script, str) or not script.endswith(".py") or not isinstance(function, str):
        return
    mode = HTTP_FUNCTION if "httpTrigger" in triggers else EVENT_FUNCTION
    yield Deployment(rel, 1, "azure-functions", mode, posixpath.normpath(script), "", function)


def _dockerfile(rel: str, text: str) -> Iterator[Deployment]:
    """The command a Dockerfile's image starts (its last stage's ``ENTRYPOINT`` and ``CMD``, exec
    or shell form), in its ``WORKDIR``: started as a program, for as long as it runs (whether a
    platform restarts it or runs it on a schedule, the image does not say)."""
    workdir = ""
    entrypoint: tuple[int, Any] | None = None
    cmd: tuple[int, Any] | None = None
    for number, instruction, argument in _instructions(text):
        if instruction == "FROM":
            workdir, entrypoint, cmd = "", None, None
        elif instruction == "WORKDIR" and "$" not in argument:
            # (a relative WORKDIR is taken from the one before, the image's root at first)
            workdir = posixpath.join(workdir or "/", argument.strip().strip("\"'"))
        elif instruction in {"CMD", "ENTRYPOINT"}:
            value: Any = argument
            if argument.startswith("["):
                try:
                    value = json.loads(argument)
                except ValueError:
                    continue
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    continue
            if instruction == "CMD":
                cmd = (number, value)
            else:
                entrypoint = (number, value)
    if entrypoint is not None and isinstance(entrypoint[1], list) and (cmd is None or isinstance(cmd[1], list)):
        command: tuple[int, Any] | None = (entrypoint[0], [*entrypoint[1], *(cmd[1] if cmd else [])])
    else:
        command = entrypoint or cmd
    if command is not None:
        yield from _deployments(rel, command[0], "dockerfile", STARTED, command[1], workdir)


def _instructions(text: str) -> Iterator[tuple[int, str, str]]:
    """A Dockerfile's instructions: (line, upper-case instruction, argument), with continued lines
    joined and comments dropped."""
    for number, line in _joined_lines(text, ("#",), comment_continues=False):
        if not line or line.startswith("#"):
            continue
        instruction, _, argument = line.partition(" ")
        yield number, instruction.upper(), argument.strip()


def _joined_lines(text: str, comments: tuple[str, ...], *, comment_continues: bool) -> Iterator[tuple[int, str]]:
    """A file's lines, stripped, each numbered by its first line and joined to the lines a ``\\``
    at its end continues it over; a continuing line that starts with one of ``comments`` is
    dropped. A comment line of its own is given as it stands, or, when ``comment_continues``
    (a systemd unit), joined to the lines its own ``\\`` continues it over."""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index].strip()
        index += 1
        if line.startswith(comments) and not comment_continues:
            yield number, line
            continue
        while line.endswith("\\") and index < len(lines):
            following = lines[index].strip()
            index += 1
            if not following.startswith(comments):
                line = line[:-1] + " " + following
        yield number, line


def _times(fields: Sequence[str]) -> bool:
    """Five crontab time fields name a time (a digit or `*`), not five words."""
    return any(c.isdigit() or c == "*" for field in fields for c in field)


_USER = re.compile(r"^[a-z_][a-z0-9_-]*$")


def _cron_command(rel: str, number: int, command: str, mode: str = SCHEDULED) -> list[Deployment]:
    """A crontab line's command; in a system crontab the user it runs as comes first (`root
    python3 /srv/backup.py`), taken as such only when an interpreter or a runner follows it."""
    found = list(_deployments(rel, number, "crontab", mode, command, ""))
    parts = command.split(None, 2)
    if not found and len(parts) > 1 and _USER.match(parts[0]):
        runner = posixpath.basename(parts[1])
        if _PYTHON.match(runner) or runner in _RUNNERS | _WRAPPERS:
            found = list(_deployments(rel, number, "crontab", mode, command.split(None, 1)[1], ""))
    return found


def _procfile(rel: str, text: str) -> Iterator[Deployment]:
    for number, raw in enumerate(text.splitlines(), 1):
        name, colon, command = raw.partition(":")
        name = name.strip()
        if not colon or not name or name.startswith("#") or " " in name:
            continue
        found = _deployments(rel, number, "procfile", LONG_RUNNING, command.strip(), "")
        # (a scheduler process is judged from its code, but Celery's beat keeps its schedule apart;
        # `web: python create_tables.py && gunicorn app:app` runs its script before the server)
        yield from (d for d in found if name.lower() not in _PROCFILE_SKIP or is_celery_beat(d) or d.ends)


_INI_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")


def _ini_sections(text: str) -> Iterator[tuple[str, dict[str, tuple[int, str]]]]:
    """Sections of a systemd unit or supervisord file: name and {key: (line, value)}; a repeated
    key keeps its first value (systemd's `ExecStart=` may repeat only in oneshot units)."""
    section = ""
    values: dict[str, tuple[int, str]] = {}
    # (systemd's `\` at the end of a line continues it, over comment lines, which it ignores)
    for number, raw in _joined_lines(text, ("#", ";"), comment_continues=True):
        match = _INI_SECTION.match(raw)
        if match:
            if section:
                yield section, values
            section, values = match.group(1).strip(), {}
            continue
        key, equals, value = raw.partition("=")
        if equals and section and not raw.lstrip().startswith(("#", ";")):
            values.setdefault(key.strip().lower(), (number, value.strip()))
    if section:
        yield section, values


def _timer_units(files: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Per directory, the service units that timers start (`Unit=`, or the timer's own name)."""
    out: dict[str, set[str]] = {}
    for rel, text in files:
        directory, _, name = rel.rpartition("/")
        name = _unit_name(name)  # (`backup.timer.in`)
        if not name.lower().endswith(".timer"):
            continue
        unit = name[: -len(".timer")] + ".service"
        for section, values in _ini_sections(text):
            if section == "Timer" and "unit" in values:
                unit = values["unit"][1]
        out.setdefault(directory, set()).add(unit)
    return out


def _systemd(rel: str, text: str, timed: bool) -> Iterator[Deployment]:
    for section, values in _ini_sections(text):
        if section != "Service" or "execstart" not in values:
            continue
        line, command = values["execstart"]
        command = command.lstrip("-@+!:")
        workdir = values.get("workingdirectory", (0, ""))[1]
        restart = values.get("restart", (0, "no"))[1].lower()
        if timed:
            yield from _deployments(rel, line, "systemd-timer", SCHEDULED, command, workdir)
        else:
            oneshot = values.get("type", (0, ""))[1].lower() == "oneshot"
            mode = LONG_RUNNING if restart not in {"no", ""} and not oneshot else STARTED
            yield from _deployments(rel, line, "systemd", mode, command, workdir)


def _supervisord(rel: str, text: str) -> Iterator[Deployment]:
    for section, values in _ini_sections(text):
        if not section.startswith("program:") or "command" not in values:
            continue
        # (restarted only on an unexpected exit, or never: it may well be a one-off)
        mode = LONG_RUNNING if values.get("autorestart", (0, ""))[1].lower() == "true" else STARTED
        line, command = values["command"]
        workdir = values.get("directory", (0, ""))[1]
        yield from _deployments(rel, line, "supervisord", mode, command, workdir)


def _ofelia(rel: str, text: str) -> Iterator[Deployment]:
    """Ofelia's jobs: ``[job-exec "sync"]`` with a ``schedule`` runs its ``command`` in a
    container (``job-run`` in a new one, ``job-local`` on the host) on that schedule."""
    for section, values in _ini_sections(text):
        if section.partition(" ")[0] not in _OFELIA_JOBS or "schedule" not in values or "command" not in values:
            continue
        line, command = values["command"]
        yield from _deployments(rel, line, "ofelia", SCHEDULED, command, "")


_OFELIA_JOBS = frozenset({"job-exec", "job-run", "job-local"})


def _yaml_file(rel: str, text: str) -> Iterator[Deployment]:
    lower = rel.lower()
    workflow = "/.github/workflows/" in f"/{lower}"
    compose = lower.rpartition("/")[2].startswith(("docker-compose", "compose"))
    serverless = _is_serverless(lower)
    template = not serverless and bool(_LAMBDA_RESOURCE.search(text))
    if not workflow and not compose and not serverless and not template and not _K8S_KIND.search(text):
        return
    # (CloudFormation's short tags, `!Ref Table`, `!GetAtt Fn.Arn`, are no YAML a safe loader
    # builds: dropped, their operands stay plain values; serverless.yml takes them too, in its
    # `resources:` and in its events, `bucket: !Ref InputBucket`)
    source = _CFN_TAG.sub("", text) if template or serverless else text
    try:
        documents = [d for d in yaml.safe_load_all(source) if isinstance(d, dict)]
    except yaml.YAMLError:
        return  # a template (Helm's `{{ }}`) or a broken file declares nothing
    for document in documents:
        if workflow:
            yield from _workflow(rel, text, document)
        elif compose:
            yield from _compose(rel, text, document)
        elif serverless:
            yield from _serverless(rel, text, document)
        elif template:
            yield from _sam(rel, text, document)
        else:
            yield from _kubernetes(rel, text, document)


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle) if needle else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _with_lines(found: Iterable[Deployment], text: str) -> Iterator[Deployment]:
    """YAML hides lines: place each command at the first line naming its script or module."""
    for deployment in found:
        needle = (
            "worker"
            if deployment.module == RQ_WORKER
            else "beat"
            if is_celery_beat(deployment)
            else deployment.module or posixpath.basename(deployment.script)
        )
        yield replace(deployment, line=_line_of(text, needle))


def _workflow(rel: str, text: str, document: dict[Any, Any]) -> Iterator[Deployment]:
    jobs = document.get("jobs")
    # (a deploy workflow's `gcloud functions deploy ...`, whatever starts the workflow: the function
    # it names is deployed, its `--source` taken from the repository's root)
    for job in jobs.values() if isinstance(jobs, dict) else ():
        for step in (job.get("steps") or ()) if isinstance(job, dict) else ():
            if isinstance(step, dict) and isinstance(step.get("run"), str) and "functions" in step["run"]:
                found = _gcloud_functions(rel, step["run"])
                yield from (replace(d, line=_line_of(text, "functions deploy")) for d in found)
    triggers = document.get("on", document.get(True))  # YAML 1.1 reads a bare `on` as true
    if not isinstance(triggers, dict) or "schedule" not in triggers:
        return
    for job in jobs.values() if isinstance(jobs, dict) else ():
        if not isinstance(job, dict):
            continue
        defaults = _get(job, "defaults", "run", "working-directory")
        for step in job.get("steps") or ():
            if not isinstance(step, dict) or not isinstance(step.get("run"), str):
                continue
            workdir = _text(step.get("working-directory", defaults))
            workdir = "" if "${{" in workdir else workdir
            for command in step["run"].splitlines():
                yield from _with_lines(_deployments(rel, 1, "github-schedule", SCHEDULED, command, workdir), text)


def _compose(rel: str, text: str, document: dict[Any, Any]) -> Iterator[Deployment]:
    services = document.get("services")
    if services is None and "version" not in document:
        # (Compose's first file format has no `services:`: each top-level key is a service)
        services = {
            k: v
            for k, v in document.items()
            # (an extension block, `x-worker: &worker`, is a fragment other services merge in)
            if isinstance(v, dict) and _COMPOSE_V1_KEYS & v.keys() and not str(k).startswith("x-")
        }
    for service in services.values() if isinstance(services, dict) else ():
        if not isinstance(service, dict):
            continue
        command = _compose_command(service.get("entrypoint"), service.get("command"))
        if isinstance(command, (str, list)):
            workdir = _text(service.get("working_dir"))
            found = _with_lines(_deployments(rel, 1, "compose", LONG_RUNNING, command, workdir), text)
            found = (_mounted(d, service.get("volumes"), workdir) for d in found)
            # (RQ's worker command runs until stopped, restarted or not; any other command not
            # restarted is a program the service starts, `command: python3 app.py`)
            kept = service.get("restart") in {"always", "unless-stopped"}
            yield from (
                d if kept or d.module == RQ_WORKER or is_celery_beat(d) else replace(d, mode=STARTED) for d in found
            )


_COMPOSE_V1_KEYS = frozenset({"image", "build", "command"})


_INIT_WRAPPERS = frozenset({"tini", "dumb-init", "gosu", "su-exec"})


def _compose_command(entrypoint: object, command: object) -> object:
    """What a Compose service runs: its `command`, after its `entrypoint` when it has one
    (`entrypoint: ["bash", "/app/start.sh"]`; `entrypoint: ["python"]` with `command: ["app.py"]`)."""
    if not isinstance(entrypoint, (str, list)) or not entrypoint:
        return command
    if not isinstance(command, (str, list)) or not command:
        return entrypoint
    first = str(entrypoint[0] if isinstance(entrypoint, list) else entrypoint.split()[0])
    if first.endswith(".sh") or first.rpartition("/")[2] in _INIT_WRAPPERS:
        # (a wrapper that ends by running its arguments, `exec "$@"`, or an init: the command is the program)
        return command
    if isinstance(entrypoint, list) and isinstance(command, list):
        return [*entrypoint, *command]
    as_text = [shlex.join(str(part) for part in x) if isinstance(x, list) else x for x in (entrypoint, command)]
    return " ".join(as_text)


def _mounted(deployment: Deployment, volumes: object, workdir: str = "") -> Deployment:
    """A script a Compose service runs from a directory of the project it mounts
    (``volumes: ["./servicos/reserva:/servicos"]``, ``command: python3 /servicos/servico.py``):
    the project's file, named as the Compose file's directory sees it; and the service's working
    directory, when the same mount holds it."""
    script = deployment.script
    found: tuple[str, str] | None = None
    for volume in volumes if isinstance(volumes, list) else ():
        if isinstance(volume, dict):
            # (the long syntax: `type: bind`, `source: ./services/billing`, `target: /app`)
            bind = volume.get("type") == "bind" and isinstance(volume.get("source"), str)
            host, target = (volume["source"], _text(volume.get("target")).rstrip("/")) if bind else ("", "")
        else:
            host, _, rest = volume.partition(":") if isinstance(volume, str) else ("", "", "")
            target = rest.partition(":")[0].rstrip("/")
        # (the deepest mount holding the script: `./common:/app/common` inside `./orders:/app`)
        # (`${PWD}/Back_end:/app`: the Compose file's directory, as `./Back_end`)
        for here in ("${PWD}", "$PWD"):
            host = "." + host[len(here) :] if host.startswith(here + "/") else host
        holds = host.startswith(".") and target.startswith("/") and script.startswith(target + "/")
        if holds and (found is None or len(target) > len(found[1])):
            found = (host, target)
    if found is None:
        return deployment
    host, target = found

    def seen(path: str) -> str:  # (the mount's path as the Compose file's directory names it)
        return posixpath.normpath(posixpath.join(host, path[len(target) + 1 :]))

    inside = workdir.rstrip("/")
    here = seen(inside) if inside == target or inside.startswith(target + "/") else ""
    return replace(deployment, script=seen(script), workdir="" if here in {"", "."} else here)


_K8S_MODES = {
    "CronJob": ("kubernetes-cronjob", SCHEDULED),
    "Job": ("kubernetes-job", SCHEDULED),
    "Deployment": ("kubernetes", LONG_RUNNING),
    "StatefulSet": ("kubernetes", LONG_RUNNING),
    "DaemonSet": ("kubernetes", LONG_RUNNING),
}


def _kubernetes(rel: str, text: str, document: dict[Any, Any]) -> Iterator[Deployment]:
    kind = document.get("kind")
    if kind not in _K8S_MODES:
        return
    how, mode = _K8S_MODES[kind]
    spec = _get(document, "spec", "jobTemplate", "spec", "template", "spec") if kind == "CronJob" else None
    spec = spec if spec is not None else _get(document, "spec", "template", "spec")
    containers = spec.get("containers") if isinstance(spec, dict) else None
    for container in containers if isinstance(containers, list) else ():
        if not isinstance(container, dict):
            continue
        argv = [*_words(container.get("command")), *_words(container.get("args"))]
        workdir = _text(container.get("workingDir"))
        yield from _with_lines(_deployments(rel, 1, how, mode, argv, workdir), text)


_LAMBDA_RESOURCE = re.compile(r"^\s*Type:\s*[\"']?AWS::(?:Serverless|Lambda)::Function\b", re.MULTILINE)
_CFN_TAG = re.compile(
    r"(?<![\w\"'])!(?:Ref|GetAtt|Sub|Join|Select|Split|If|Equals|Not|And|Or|FindInMap|Base64|Cidr|GetAZs"
    r"|ImportValue|Transform|Condition|Contains|Length|ToJsonString)\b"
)
# Serverless Framework events that deliver an HTTP request; SAM's are `Api` and `HttpApi`.
_SERVERLESS_HTTP = frozenset({"http", "httpApi", "alb", "websocket"})
_SAM_HTTP = frozenset({"Api", "HttpApi"})
# The Serverless Framework's events an api gateway routes by path (not a websocket's actions, an ALB's rules)
_ROUTED_EVENTS = frozenset({"http", "httpApi"})
_WARM_UP = re.compile(r"warm", re.IGNORECASE)


def _event_modes(
    events: list[tuple[str, Any]], http_kinds: frozenset[str], schedules: frozenset[str], key: str
) -> tuple[str, ...]:
    """The modes a function's ``(event kind, its settings)`` give: an HTTP-called function is an
    api; one also called by an event that does work is a job as well. Beside an HTTP event, a
    schedule with no input is the common way to keep a function warm (so is an input naming a
    warmer); one that passes an input runs a task, as does any other event."""
    http = any(kind in http_kinds for kind, _ in events)

    def works(kind: str, rule: Any) -> bool:
        if kind not in schedules or not http:
            return True
        value = rule.get(key) if isinstance(rule, dict) else None
        return value is not None and not _WARM_UP.search(str(value))

    work = any(works(kind, rule) for kind, rule in events if kind not in http_kinds)
    if http:
        return (HTTP_FUNCTION, EVENT_FUNCTION) if work else (HTTP_FUNCTION,)
    return (EVENT_FUNCTION,) if work else (FUNCTION,)


def _is_serverless(lower: str) -> bool:
    return lower.rpartition("/")[2] in {"serverless.yml", "serverless.yaml"}


def _http_paths(events: list[tuple[str, Any]], http_kinds: frozenset[str], key: str) -> tuple[str, ...]:
    """The paths a function's HTTP events route to it (Serverless' ``http: {path: users}`` or
    ``httpApi: "GET /users"``, SAM's ``Properties: {Path: /users}``), or none when any HTTP event
    names no plain path: a catch-all (``{proxy+}``, ``*``, ``$default``) routes every path to the
    function, whose own code answers them."""
    paths: list[str] = []
    for kind, settings in events:
        if kind not in http_kinds:
            continue
        value = settings.get(key) if isinstance(settings, dict) else settings
        words = value.split() if isinstance(value, str) else []
        path = words[-1] if words else ""
        if not path or "+}" in path or path in {"*", "$default"} or "${" in path:
            return ()
        paths.append("/" + path.lstrip("/"))
    return tuple(dict.fromkeys(paths))


def _handler(
    rel: str, text: str, handler: Any, code: str, mode: str, paths: tuple[str, ...] = (), routed: bool = False
) -> Iterator[Deployment]:
    """A Python handler, `module.function` (`src/handlers/users.create`, `app.scraping.handler`),
    as the module's file, relative to the deployment file's directory, and the function."""
    if not isinstance(handler, str) or "." not in handler or "${" in handler or "${" in code:
        return
    module, _, function = handler.strip().rpartition(".")
    if not function.isidentifier() or not module:
        return
    head, _, tail = module.rpartition("/")
    script = posixpath.normpath(posixpath.join(code, head, tail.replace(".", "/") + ".py"))
    if script.startswith("../") or script.startswith("/"):
        return
    yield Deployment(
        rel,
        _line_of(text, handler.strip()),
        "serverless" if _is_serverless(rel.lower()) else "sam",
        mode,
        script,
        "",
        function,
        paths if mode == HTTP_FUNCTION else (),
        routed and mode == HTTP_FUNCTION,
    )


def _serverless(rel: str, text: str, document: dict[Any, Any]) -> Iterator[Deployment]:
    """The Serverless Framework's ``functions:``, each ``handler: module.function`` with its
    ``events:`` (``http``/``httpApi``: an api; ``schedule``, ``sqs``, ``s3``...: a job)."""
    runtime = _get(document, "provider", "runtime")
    functions = document.get("functions")
    for spec in functions.values() if isinstance(functions, dict) else ():
        if not isinstance(spec, dict) or not str(spec.get("runtime", runtime) or "python").startswith("python"):
            continue
        events = spec.get("events")
        pairs = [
            (key, event[key] if isinstance(event, dict) else None)
            for event in (events if isinstance(events, list) else ())
            for key in (event if isinstance(event, dict) else [event])
            if isinstance(key, str)
        ]
        # (a websocket's routes are its message actions, not paths: no health probe reads them)
        routes = [(key, value) for key, value in pairs if key in _ROUTED_EVENTS]
        paths = _http_paths(routes, _ROUTED_EVENTS, "path")
        for mode in _event_modes(pairs, _SERVERLESS_HTTP, frozenset({"schedule"}), "input"):
            yield from _handler(rel, text, spec.get("handler"), "", mode, paths, bool(routes))


def _sam(rel: str, text: str, document: dict[Any, Any]) -> Iterator[Deployment]:
    """A SAM or CloudFormation template's Python functions: ``Handler`` in ``CodeUri`` (or the
    ``Globals``), ``Events`` of type ``Api``/``HttpApi`` or a function URL: an api; a
    ``Schedule``, ``SQS``, ``S3``...: a job."""
    defaults = _get(document, "Globals", "Function")
    defaults = defaults if isinstance(defaults, dict) else {}
    resources = document.get("Resources")
    for resource in resources.values() if isinstance(resources, dict) else ():
        kind = resource.get("Type") if isinstance(resource, dict) else None
        if not isinstance(resource, dict) or kind not in {"AWS::Serverless::Function", "AWS::Lambda::Function"}:
            continue
        properties = resource.get("Properties")
        properties = {**defaults, **(properties if isinstance(properties, dict) else {})}
        if not str(properties.get("Runtime") or "python").startswith("python"):
            continue
        events = properties.get("Events")
        typed = [
            (event["Type"], event.get("Properties"))
            for event in (events.values() if isinstance(events, dict) else ())
            if isinstance(event, dict) and isinstance(event.get("Type"), str)
        ]
        # (the gateway's events: an `HttpApi` with no path is its `$default` catch-all)
        routes = [(kind, value) for kind, value in typed if kind in _SAM_HTTP]
        if "FunctionUrlConfig" in properties:  # (a function URL: called over HTTP, no gateway's)
            typed.append(("Api", None))
        code = properties.get("CodeUri")
        paths = _http_paths(routes, _SAM_HTTP, "Path")
        for mode in _event_modes(typed, _SAM_HTTP, frozenset({"Schedule", "ScheduleV2"}), "Input"):
            yield from _handler(
                rel, text, properties.get("Handler"), code if isinstance(code, str) else "", mode, paths, bool(routes)
            )


def _words(value: Any) -> list[str]:
    """An argument list's words. Only scalars: a YAML alias nested in a list is a shared
    reference that printing would expand (a few hundred bytes can stand for gigabytes)."""
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return _split(value) if isinstance(value, str) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
