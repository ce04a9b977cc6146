"""Which constructors make an application, a worker or a scheduler: shared by extract and classify."""

from __future__ import annotations

# Methods of a client that send or move something (`producer.produce(...)`, `sqs.send_message(...)`,
# `s3.upload_file(...)`): called by a script at module level, they are its work. (A module-level
# `cursor.execute("CREATE TABLE ...")` is left out: labellers split on one-off set-up scripts.)
SEND_METHODS = frozenset(
    {
        "produce",
        "publish",
        "basic_publish",
        "send_message",
        "send_messages",
        "put_records",
        "upload_file",
        "upload_fileobj",
        "put_object",
        "download_file",
        "storbinary",  # ftplib: a file sent to an FTP server
        "storlines",
        "sendmail",  # smtplib
        "enqueue",  # RQ: a job put on a queue for its workers
        "write_points",  # InfluxDB: points written to the database
    }
)

# HTTP calls that change something on the other side: a module making them when run is a script.
HTTP_WRITE_VERBS = frozenset({"post", "put", "patch", "delete"})
HTTP_WRITES = frozenset(f"{client}.{verb}" for client in ("requests", "httpx") for verb in HTTP_WRITE_VERBS)


def is_http_write(status: str) -> bool:
    """Whether a dropped status (``requests.post``, ``requests.Session().put``) is an HTTP
    write's response rather than a command's exit status."""
    return status.rpartition(".")[2] in HTTP_WRITE_VERBS


# Calls that ask a person at the terminal: a program making them is a tool, not an unattended job.
INTERACTIVE_CALLS = frozenset(
    {
        "input",
        "getpass.getpass",
        "builtins.input",
        "click.prompt",
        "typer.prompt",
        "rich.prompt.Prompt.ask",
        "rich.prompt.Confirm.ask",
        "rich.prompt.IntPrompt.ask",
        "rich.prompt.FloatPrompt.ask",
        "questionary.text",
        "questionary.select",
        "questionary.password",
        "inquirer.prompt",
    }
)

# Serverless apps whose decorators register the functions the cloud runs, by framework (their
# blueprints too).
FUNCTION_APPS = {
    "azure.functions.FunctionApp": "azure-functions",
    "azure.functions.Blueprint": "azure-functions",
    "chalice.Chalice": "chalice",
    "chalice.app.Chalice": "chalice",
    "chalice.Blueprint": "chalice",
    "chalice.app.Blueprint": "chalice",
}
API_CTORS = {
    "fastapi.FastAPI": "fastapi",
    "fastapi.applications.FastAPI": "fastapi",
    "starlette.applications.Starlette": "starlette",
    "flask.Flask": "flask",
    "flask.app.Flask": "flask",  # (`from flask.app import Flask`)
    "dash.Dash": "dash",  # (a Flask server underneath: `gunicorn app:server`)
    "aiohttp.web.Application": "aiohttp",
    "aiohttp.web_app.Application": "aiohttp",
    "aiohttp.web.Server": "aiohttp",  # the low-level server: one handler answers every request
    "aiohttp.web_server.Server": "aiohttp",
    "quart.Quart": "quart",
    "quart_openapi.Pint": "quart",  # (Quart-OpenAPI's subclass of Quart)
    "japronto.Application": "japronto",
    "japronto.app.Application": "japronto",
    "sanic.Sanic": "sanic",
    "litestar.Litestar": "litestar",
    "tornado.web.Application": "tornado",
    "falcon.App": "falcon",
    "falcon.API": "falcon",
    "falcon.asgi.App": "falcon",
    "bottle.Bottle": "bottle",
    "bottle.app": "bottle",  # the default app that module-level @route decorators fill
    "bottle.default_app": "bottle",
    "hug.API": "hug",  # (the API a module's `@hug.get(...)` routes make)
    "connexion.App": "connexion",
    "connexion.FlaskApp": "connexion",
    "connexion.AsyncApp": "connexion",
    "pyramid.config.Configurator": "pyramid",
    # LitServe: a model server; its `LitAPI` class answers on `api_path`, and it serves `/health` itself
    "litserve.LitServer": "litserve",
    "litserve.server.LitServer": "litserve",
    # gidgetlab's bot: `bot.run()` serves an aiohttp app that receives GitLab's webhooks on routes
    # of the library's own (none this tool can read)
    "gidgetlab.aiohttp.GitLabBot": "gidgetlab",
    "http.server.HTTPServer": "http.server",
    "http.server.ThreadingHTTPServer": "http.server",
    # WebSocket servers answer HTTP (the upgrade, and `process_request` health checks)
    "websockets.serve": "websockets",
    "websockets.server.serve": "websockets",
    "websockets.asyncio.server.serve": "websockets",
    # gRPC servers answer requests over HTTP/2; their services are not routes this tool reads
    "grpc.server": "grpc",
    "grpc.aio.server": "grpc",
    # Slack's Bolt app: an api only when `app.start(port)` runs Bolt's own HTTP server for the
    # Events API (with a socket-mode handler, or mounted in another app, it is not one)
    "slack_bolt.App": "slack-bolt",
    "slack_bolt.app.App": "slack-bolt",
    # Azure Functions' decorator model and AWS Chalice (`FUNCTION_APPS`): an api only when a
    # function of it has `@app.route(...)`
    **{ctor: framework for ctor, framework in FUNCTION_APPS.items() if not ctor.endswith("Blueprint")},
}
ROUTER_CTORS = frozenset(
    {
        "fastapi.APIRouter",
        "fastapi.routing.APIRouter",
        "flask.Blueprint",
        "aiohttp.web.RouteTableDef",
        "starlette.routing.Router",
        "quart.Blueprint",
        "sanic.Blueprint",
        "litestar.Router",
    }
    # (`app.register_functions(bp)`, Chalice's `app.register_blueprint(bp)`)
    | {ctor for ctor in FUNCTION_APPS if ctor.endswith("Blueprint")}
)
WORKER_CTORS = {
    "celery.Celery": "celery",
    "confluent_kafka.Consumer": "kafka",
    "confluent_kafka.DeserializingConsumer": "kafka",
    "kafka.KafkaConsumer": "kafka",
    "aiokafka.AIOKafkaConsumer": "kafka",
    "rq.Worker": "rq",
    "rq.worker.Worker": "rq",
    "rq.SimpleWorker": "rq",
    "dramatiq.brokers.rabbitmq.RabbitmqBroker": "dramatiq",
    "dramatiq.brokers.redis.RedisBroker": "dramatiq",
    "huey.RedisHuey": "huey",
    "huey.SqliteHuey": "huey",
    "arq.worker.Worker": "arq",
    "arq.Worker": "arq",  # (`from arq import Worker`)
    "slack_bolt.adapter.socket_mode.SocketModeHandler": "slack-bolt",
    "slack_bolt.adapter.socket_mode.async_handler.AsyncSocketModeHandler": "slack-bolt",
    "google.cloud.pubsub_v1.SubscriberClient": "pubsub",
    "google.cloud.pubsub.SubscriberClient": "pubsub",
    "faust.App": "faust",
    # Chat bots that receive updates (long polling or a webhook): python-telegram-bot, pyTelegramBotAPI.
    "telegram.ext.Updater": "python-telegram-bot",
    "telebot.TeleBot": "telegram",
    "telebot.async_telebot.AsyncTeleBot": "telegram",
    "telebot.AsyncTeleBot": "telegram",  # (older pyTelegramBotAPI releases)
    "discord.Client": "discord",
    "discord.Bot": "discord",
    "faststream.FastStream": "faststream",
    "discord.ext.commands.Bot": "discord",
    "discord.AutoShardedClient": "discord",
    "discord.ext.commands.AutoShardedBot": "discord",
    # discord.py's forks, which keep its client and its `run()`
    "nextcord.Client": "discord",
    "nextcord.ext.commands.Bot": "discord",
    "disnake.Client": "discord",
    "disnake.ext.commands.Bot": "discord",
    "disnake.ext.commands.InteractionBot": "discord",
    # TwitchIO's command bots: `bot.run()` connects to Twitch chat and answers until stopped (a
    # bare `twitchio.Client` may only call the API)
    "twitchio.ext.commands.Bot": "twitchio",
    "twitchio.ext.commands.bot.Bot": "twitchio",
    "irc.bot.SingleServerIRCBot": "irc",  # jaraco's irc: `start()` runs its reactor for ever
    # irc3: `bot.run(forever=True)` holds the connection (the bot built from a config dict alike)
    "irc3.IrcBot": "irc",
    "irc3.IrcBot.from_config": "irc",
    "mmpy_bot.Bot": "mattermost",  # `bot.run()`: listens to a Mattermost server's websocket for ever
    "mmpy_bot.bot.Bot": "mattermost",
    "simplematrixbotlib.Bot": "matrix",  # `bot.run()`: logs in and syncs with the homeserver for ever
    # XMPP clients: `process(forever=True)` (slixmpp), `process(block=True)` (SleekXMPP) hold the connection
    "slixmpp.ClientXMPP": "xmpp",
    "slixmpp.clientxmpp.ClientXMPP": "xmpp",
    "sleekxmpp.ClientXMPP": "xmpp",
    "sleekxmpp.clientxmpp.ClientXMPP": "xmpp",
    "loafer.managers.LoaferManager": "loafer",
    # Streams that hold a connection open and call back for every item (`stream.filter(track=[...])`).
    "tweepy.Stream": "tweepy",
    "tweepy.StreamingClient": "tweepy",
}
JOB_CTOR_PREFIXES = {
    "apscheduler.schedulers.": "apscheduler",
    "flask_apscheduler.APScheduler": "apscheduler",
    "sanic_scheduler.SanicScheduler": "sanic-scheduler",  # runs its `@task(timedelta(...))` functions in the app
}
# Signal kinds of deletions (see the lifecycle rules):
# - a deletion made only under an option named for it (`if args.delete: os.remove(path)`)
GUARDED_DELETION = "guarded-deletion"
# - a scratch file every call in its own file hands the function (`path = download(url)`, then
#   `process(path)` removes it), or a method of the file made and returned: a deletion where another
#   module that loads the file names the function, or subclasses the method's class
SCRATCH_DELETION = "scratch-deletion"
# - a deletion in a function its own file calls only under an option named for it (`if args.clean:
#   remove_logs()`): a deletion where another module that loads the file names that function
FLAGGED_CALL_DELETION = "flagged-call-deletion"
# Loops found without a consume call of their own (see the extract stage), by their source.
SCHED_LOOP = "sched.run"  # a `sched` scheduler whose event puts itself back
SOCKET_LOOP = "socket.recv"  # a socket read for ever
MQTT_WAIT = "mqtt.loop_start"  # `loop_start()` then `while self.running: time.sleep(1)`: kept alive until stopped
WATCHDOG_LOOP = "watchdog.observer"  # a watchdog observer waited on
MATTERMOST_WEBSOCKET = "mattermostdriver.init_websocket"  # `driver.init_websocket(handler)`: events for ever
AIORUN_LOOP = "aiorun.run"  # `aiorun.run(main())`: the event loop run for ever, stopped by SIGINT or SIGTERM
HOTQUEUE_LOOP = "hotqueue.worker"  # a function decorated with HotQueue's `@queue.worker`, called
REDDIT_STREAM = "praw.stream"  # `for comment in subreddit.stream.comments():` PRAW's endless stream
DOCKER_EVENTS = "docker.events"  # `for event in client.events(decode=True):` the Docker daemon's events
INOTIFY_EVENTS = "inotify.event_gen"  # `for event in i.event_gen():` file-system events, for ever
PYINOTIFY_LOOP = "pyinotify.loop"  # `pyinotify.Notifier(wm, handler).loop()`: file-system events, for ever
KUBERNETES_WATCH = "kubernetes.watch"  # `for event in w.stream(api.list_...):` a resource's changes, for ever
FILE_FOLLOW = "tail.follow"  # `for line in tailer.follow(f):` lines as a file grows, for ever
# Calls that pause a loop between rounds.
SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "gevent.sleep", "trio.sleep", "anyio.sleep", "eventlet.sleep"})
# The source of a forever loop that consumes nothing it names: it works round after round.
# The detail of a "celery-beat" signal that a beat scheduler setting (not a schedule) gave.
BEAT_SCHEDULER = "beat-scheduler-setting"
# A branch of a `__main__` block that loops for ever (see `Extractor._modes`)
LOOP_MODE = "<loop>"
BUSY_LOOP = "busy-loop"
# The same in a function's own body: it makes a worker only of the file that calls the function
# itself (a library function's `while True:` reached through imports makes none).
BUSY_LOOP_LOCAL = "busy-loop-in-function"
# The source of a wait for an event a signal handler sets (`stop.wait()`): the process runs until stopped.
EVENT_WAIT = "threading.Event.wait"
# What an asyncio event loop is made with (`loop = asyncio.get_event_loop(); loop.run_forever()`).
EVENT_LOOPS = frozenset({"asyncio.get_event_loop", "asyncio.new_event_loop", "asyncio.get_running_loop"})
# The source of a forever loop that waits on an event with a timeout between rounds
# (`while True: work(); stop.wait(60)`): a poller that sleeps, and wakes early when told.
TIMED_WAIT = "threading.Event.wait(timeout)"
# Classes whose `run()` a started instance runs in a thread or a process of its own.
THREAD_BASES = {
    "threading.Thread": "threading",
    "multiprocessing.Process": "multiprocessing",
    "multiprocessing.context.Process": "multiprocessing",
}

# Calls that run a command.
COMMAND_CALLS = frozenset(
    {
        "os.system",
        "subprocess.call",
        "subprocess.run",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
    }
)
# Commands run for what they do, not for their output (`check_output` reads, like `git describe`).
STATUS_COMMANDS = COMMAND_CALLS - {"subprocess.check_output"}
# Worker frameworks of chat bots: a project function may build one and hand it back (`bot = setup_bot()`)
# (python-telegram-bot's Updater is left out: one built only to send is no bot that listens)
BOT_FRAMEWORKS = frozenset({"discord", "telegram", "twitchio", "irc", "tweepy"})
# Calls that only tell someone about an error.
REPORT_PREFIXES = (
    "print",
    "pprint.",
    "logging.",
    "log.",
    "logger.",
    "LOG.",
    "LOGGER.",
    "loguru.logger.",  # `from loguru import logger`
    "_log.",
    "_logger.",
    "_LOG.",
    "_LOGGER.",
    "traceback.print_exc",
    "sys.stderr.write",
    "warnings.warn",
    "self.stdout.write",  # a Django management command's output
    "self.stderr.write",
    "click.echo",
    "click.secho",
    "typer.echo",
    "context.log.",  # a Dagster op's or asset's logger (`context.log.error(...)`)
)

# Calls that end the process.
# (`ctx.exit(1)`: a click command's context ending the process with a status)
EXIT_CALLS = frozenset({"sys.exit", "exit", "quit", "os._exit", "builtins.exit", "ctx.exit"})


def is_entrypoint_ctor(ctor: str) -> bool:
    """Whether an object built by ``ctor`` can be an entrypoint (its position is then worth computing)."""
    if ctor in API_CTORS or ctor in WORKER_CTORS:
        return True
    return any(ctor.startswith(prefix) for prefix in JOB_CTOR_PREFIXES)


# requests' sessions, also its Session subclasses: the same calls, the same missing default timeout
REQUESTS_SESSIONS = frozenset(
    {
        "requests.Session",
        "requests.session",
        "requests.sessions.Session",
        "requests_unixsocket.Session",
        "requests_oauthlib.OAuth2Session",
        "requests_oauthlib.OAuth1Session",
        "requests_oauthlib.oauth2_session.OAuth2Session",
        "requests_oauthlib.oauth1_session.OAuth1Session",
    }
)


# Reads of a stream's or a queue's next messages, by methods no other kind of client has.
STREAM_READS = frozenset(
    {
        "receive_message",
        "receive_messages",
        "basic_get",
        "blpop",
        "brpop",
        "brpoplpush",
        "blmove",
        "xread",
        "xreadgroup",
    }
)
# Calls that take the next message off a queue, a topic or a bot API.
CONSUME_METHODS = STREAM_READS | frozenset(
    {
        "poll",
        "consume",
        "get_message",
        "pull",
        "getmany",
        "get_updates",
        "getUpdates",
        "fetch_messages",
        "dequeue",
        "dequeue_job_and_maintain_ttl",  # an RQ Worker's next job, in a loop of the script's own
        "dequeue_any",  # (RQ's `Queue.dequeue_any(queues, timeout)`)
        "reserve",
        "drain_events",  # kombu/py-amqp: wait for the next message, handed to the consumer's callbacks
    }
)


# Class-based views and resources whose `get`/`post`/`delete`... methods answer HTTP requests
_VIEW_BASES = frozenset(
    {
        "flask_restful.Resource",
        "flask_restx.Resource",
        "flask_restplus.Resource",
        "quart_openapi.Resource",
        "flask.views.MethodView",
        "flask.views.View",
        "django.views.View",
        "django.views.generic.View",
        "django.views.generic.base.View",
        "rest_framework.views.APIView",
        "tornado.web.RequestHandler",
        "aiohttp.web.View",
        "starlette.endpoints.HTTPEndpoint",
    }
)
_VIEW_MODULES = ("rest_framework.generics.", "rest_framework.viewsets.", "django.views.generic.")


# Web frameworks (their base classes are theirs, not a project's: see `Extractor._request_handler`)
WEB_MODULES = frozenset(
    {
        "flask",
        "flask_restful",
        "flask_restx",
        "flask_restplus",
        "quart",
        "quart_openapi",
        "django",
        "rest_framework",
        "tornado",
        "aiohttp",
        "starlette",
        "fastapi",
        "falcon",
        "sanic",
        "pyramid",
        "bottle",
        "cherrypy",
    }
)


# HTTP's request methods, as a class-based view names its handlers (`def get(self)`, `def delete(self)`)
HTTP_VERBS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


def is_view_base(base: str) -> bool:
    """A web framework's class-based view or resource, whose HTTP-verb methods answer requests."""
    return base in _VIEW_BASES or base.startswith(_VIEW_MODULES)


def is_cron_job_base(base: str) -> bool:
    """django-cron's job base class (`django_cron.CronJobBase`, however imported): `manage.py
    runcrons` runs each subclass that the settings' `CRON_CLASSES` name."""
    return base.rpartition(".")[2] == "CronJobBase"


# python-crontab's crontab object: the user's or the system's crontab, every call of which writes it
CRONTAB = "crontab.CronTab"


# Clients of a remote file system: FTP and SFTP (a backup's uploads, its retention there).
REMOTE_FILE_CLIENTS = frozenset(
    {"ftputil.FTPHost", "ftplib.FTP", "ftplib.FTP_TLS", "pysftp.Connection", "paramiko.SFTPClient", "paramiko.SFTP"}
)


def sftp_session(ctor: str) -> bool:
    """An SFTP session: paramiko's (``ssh.open_sftp()``, ``SFTPClient.from_transport(t)``) or pysftp's."""
    return ctor.endswith((".open_sftp", "SFTPClient.from_transport")) or ctor == "pysftp.Connection"


def remote_file_client(ctor: str) -> bool:
    """An FTP or SFTP client (``ftputil.FTPHost(...)``, ``ssh.open_sftp()``, ``SFTPClient.from_transport(t)``)."""
    return ctor in REMOTE_FILE_CLIENTS or sftp_session(ctor)


# Methods that run an SQL statement on a connection or a cursor
SQL_STATEMENT_RUNS = frozenset({"execute", "executemany", "executescript"})
