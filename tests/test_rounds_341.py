"""Session 30: what session 29 left and blind rounds 341 and on showed, as small trees.

Each case fails on 2512ead, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from treecases import Case

_CASES: dict[str, Case] = {
    # A slixmpp client whose session-start handler sends one message and disconnects: a job,
    # not a bot (session 29's regression)
    "xmpp_send_once": (
        {
            "send.py": 'import logging\nimport os\nimport sys\n\nfrom slixmpp import ClientXMPP\n\n\nclass SendMsgBot(ClientXMPP):\n    def __init__(self, jid, password, recipient, message):\n        super().__init__(jid, password)\n        self.recipient = recipient\n        self.msg = message\n        self.add_event_handler("session_start", self.start)\n\n    async def start(self, event):\n        self.send_presence()\n        await self.get_roster()\n        self.send_message(mto=self.recipient, mbody=self.msg, mtype="chat")\n        self.disconnect()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    xmpp = SendMsgBot(os.environ["XMPP_JID"], os.environ["XMPP_PASSWORD"], sys.argv[1], sys.argv[2])\n    xmpp.connect()\n    xmpp.process(forever=False)\n'
        },
        [("send.py", "job", "python")],
        None,
    ),
    "sleekxmpp_send_once": (
        {
            "notify.py": 'import logging\nimport os\nimport sys\n\nimport sleekxmpp\n\n\nclass SendMsgBot(sleekxmpp.ClientXMPP):\n    def __init__(self, jid, password, recipient, message):\n        sleekxmpp.ClientXMPP.__init__(self, jid, password)\n        self.recipient = recipient\n        self.msg = message\n        self.add_event_handler("session_start", self.start)\n\n    def start(self, event):\n        self.send_presence()\n        self.get_roster()\n        self.send_message(mto=self.recipient, mbody=self.msg, mtype="chat")\n        self.disconnect(wait=True)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    xmpp = SendMsgBot(os.environ["XMPP_JID"], os.environ["XMPP_PASSWORD"], sys.argv[1], sys.argv[2])\n    if xmpp.connect():\n        xmpp.process(block=True)\n    else:\n        sys.exit(1)\n'
        },
        [("notify.py", "job", "python")],
        None,
    ),
    # (trap) a bot that disconnects on a "quit" message keeps running until then
    "xmpp_quit_command": (
        {
            "bot.py": 'import logging\nimport os\n\nfrom slixmpp import ClientXMPP\n\n\nclass EchoBot(ClientXMPP):\n    def __init__(self, jid, password):\n        super().__init__(jid, password)\n        self.add_event_handler("session_start", self.start)\n        self.add_event_handler("message", self.message)\n\n    async def start(self, event):\n        self.send_presence()\n        await self.get_roster()\n\n    def message(self, msg):\n        if msg["body"] == "quit":\n            self.disconnect()\n        elif msg["type"] in ("chat", "normal"):\n            msg.reply("Thanks for sending\\n%(body)s" % msg).send()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    xmpp = EchoBot(os.environ["XMPP_JID"], os.environ["XMPP_PASSWORD"])\n    xmpp.connect()\n    xmpp.process()\n'
        },
        [("bot.py", "worker", "xmpp")],
        None,
    ),
    # An Azure function.json naming a script other than `__init__.py` (round 346)
    "azure_script_file": (
        {
            "notifier/app.py": 'import logging\n\nimport azure.functions as func\n\nfrom notifier import coordinator\n\n\ndef main(dailyTrigger: func.TimerRequest):\n    logging.info("timer fired")\n    coordinator.run()\n',
            "notifier/coordinator.py": 'import requests\n\n\ndef run():\n    requests.get("https://example.com/schedule", timeout=10)\n',
            "notifier/function.json": '{\n  "scriptFile": "app.py",\n  "bindings": [\n    {"type": "timerTrigger", "direction": "in", "name": "dailyTrigger", "schedule": "0 0 6 * * *"}\n  ]\n}\n',
        },
        [("notifier/app.py", "job", "azure-functions")],
        None,
    ),
    # A Cloud Function deployed by `gcloud functions deploy ... --trigger-topic` in a shell script
    "gcloud_deploy_topic": (
        {
            "src/main.py": 'import requests\n\n\ndef main(*args, **kwargs):\n    requests.post("https://notify.example.com", data={"m": "ps5"}, timeout=10)\n',
            "deploy.sh": "gcloud functions deploy \\\n  ps5-crawler \\\n  --entry-point='main' \\\n  --runtime 'python39' \\\n  --trigger-topic 'hourly' \\\n  --source='src'\n",
        },
        [("src/main.py", "job", "cloud-functions")],
        None,
    ),
    # A job whose whole work is the e-mail it sends: a send failure only printed loses the
    # failure, though a mail helper beside other work is only telling someone (round 351)
    "mail_is_the_work": (
        {
            "app.py": 'import os\nimport smtplib\nfrom email.mime.text import MIMEText\n\ndef send_email():\n    sender = os.environ[\'EMAIL\']\n    password = os.environ[\'PASSWORD\']\n    recipients = ["recipient1@example.com", "recipient2@example.com"]\n\n    subject = "Weekly Update"\n    body = "Hello! This is your weekly automated email."\n\n    msg = MIMEText(body)\n    msg["Subject"] = subject\n    msg["From"] = sender\n    msg["To"] = ", ".join(recipients)\n\n    try:\n        server = smtplib.SMTP("smtp.gmail.com", 587)\n        server.starttls()\n        server.login(sender, password)\n        server.sendmail(sender, recipients, msg.as_string())\n        server.quit()\n        print("Email sent successfully!")\n    except Exception as e:\n        print(f"Failed to send email: {e}")\n\nif __name__ == "__main__":\n    send_email()\n'
        },
        [("app.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # (trap) the mail only announces the backup: its failure is not the job's
    "mail_after_the_work": (
        {
            "backup.py": 'import logging\nimport shutil\nimport smtplib\n\nlog = logging.getLogger(__name__)\n\n\ndef backup():\n    shutil.make_archive("/backups/site", "gztar", "/srv/site")\n\n\ndef send_email(body):\n    try:\n        with smtplib.SMTP("smtp.example.com") as server:\n            server.sendmail("a@example.com", ["ops@example.com"], body)\n    except Exception as e:\n        log.warning("could not mail: %s", e)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    backup()\n    send_email("backup done")\n'
        },
        [("backup.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # `while flag:` whose body sets `flag = False` once the work is done: a script that ends
    # (round 347)
    "flag_cleared_when_done": (
        {
            "get_cookies.py": 'import pickle\nimport time\n\nfrom selenium import webdriver\n\nbrower = webdriver.Chrome(\'/Users/axon/Downloads/chromedriver\')         #myMac\n#brower = webdriver.Chrome(\'/usr/lib/chromium-browser/chromedriver\')    #raspi\n\n#登录跳转后url\nurl = "https://glados.rocks/console/checkin"\n#最后一步url\nlast_url = "https://glados.rocks/console"\n\nbrower.get(last_url)\nflag = True\nwhile flag:\n    print("Please login in!")\n    time.sleep(10)\n    while brower.current_url == url:\n        brower.get("https://glados.rocks/console")\n        pickle.dump(brower.get_cookies() , open("cookies.pkl","wb"))\n        brower.quit()\n        flag = False\n\nprint("Cookies saved in Cookies.pickle!")'
        },
        [("get_cookies.py", "job", "script")],
        None,
    ),
    # (trap) a flag cleared only by Ctrl-C in a handler: still a poller
    "flag_cleared_by_hand": (
        {
            "poll.py": 'import logging\nimport time\n\nimport requests\n\nrunning = True\n\n\ndef poll():\n    global running\n    while running:\n        try:\n            requests.get("https://example.com/queue", timeout=10)\n        except KeyboardInterrupt:\n            running = False\n        time.sleep(30)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    poll()\n'
        },
        [("poll.py", "worker", "polling-loop")],
        None,
    ),
    # `schedule.every(...).do(job)` that nothing in the project ever runs: no scheduler job
    # beside the loop (round 347)
    "schedule_never_run": (
        {
            "checkin.py": 'import random\nimport time\n\nimport schedule\nfrom selenium import webdriver\n\n\ndef checkin():\n    browser = webdriver.Chrome()\n    browser.get("https://example.com/console/checkin")\n    browser.quit()\n\n\nwhile True:\n    checkin()\n    schedule.every(1).days.do(checkin)\n    time.sleep(random.randint(1, 9) * 60)\n'
        },
        [("checkin.py", "worker", "polling-loop")],
        None,
    ),
    # Airflow DAG files: the scheduler runs their tasks, a job; importing airflow configures
    # logging (round 356)
    "airflow_dag_ctor": (
        {
            "dags/books.py": 'from datetime import datetime, timedelta\n\nimport requests\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\n\n\ndef fetch_books():\n    requests.get("https://example.com/books", timeout=10)\n\n\ndag = DAG("books", start_date=datetime(2024, 1, 1), schedule_interval=timedelta(days=1))\n\nfetch = PythonOperator(task_id="fetch", python_callable=fetch_books, dag=dag)\n'
        },
        [("dags/books.py", "job", "airflow")],
        ("missing-logging", "pass"),
    ),
    "airflow_dag_decorator": (
        {
            "dags/rates.py": 'import pendulum\nfrom airflow.decorators import dag, task\n\n\n@dag(schedule="@daily", start_date=pendulum.datetime(2024, 1, 1), catchup=False)\ndef rates():\n    @task\n    def load():\n        return 1\n\n    load()\n\n\nrates()\n'
        },
        [("dags/rates.py", "job", "airflow")],
        None,
    ),
    # A Prefect flow run from its `__main__` block: importing prefect configures logging (round 356)
    "prefect_flow_logging": (
        {
            "flows/agg.py": 'import argparse\nimport logging\n\nfrom prefect import flow, task\n\nlog = logging.getLogger(__name__)\n\n\n@task\ndef aggregate():\n    log.info("aggregated")\n\n\n@flow\ndef messengers():\n    aggregate()\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.parse_args()\n    messengers()\n'
        },
        [("flows/agg.py", "job", "argparse")],
        ("missing-logging", "pass"),
    ),
    # A module-level script setting an instance of another project module's class to work
    # (round 360)
    "script_project_class": (
        {
            "ModbusData.py": 'from pymodbus.client import ModbusTcpClient\nfrom influxdb import InfluxDBClient\n\n\nclass ModbusData:\n    def __init__(self, period):\n        self.period = period\n        self.rows = []\n\n    def addData(self):\n        client = ModbusTcpClient("192.168.1.20")\n        self.rows.append(client.read_holding_registers(40000, 10).registers)\n        return self.rows\n\n    def writeToInflux(self):\n        InfluxDBClient("localhost", 8086).write_points(self.rows)\n',
            "run.py": "from ModbusData import ModbusData\n\ndataMod = ModbusData(period=2)\ndata = dataMod.addData()\ndataMod.writeToInflux()\n",
        },
        [("run.py", "job", "script")],
        None,
    ),
    # A script whose `__main__` block runs main(), imported by a serverless function for the
    # wrapper that calls the same main(): the same work run by hand or from cron (round 365)
    "shared_through_wrapper": (
        {
            "main.py": 'import logging\nimport sys\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    r = requests.get("https://api.github.com/repos/a/b/releases/latest", timeout=10)\n    r.raise_for_status()\n    requests.post("https://api.telegram.org/bot/sendMessage", json={"text": r.json()["tag_name"]}, timeout=10).raise_for_status()\n\n\ndef handler(request):\n    main()\n    return {"statusCode": 200}\n\n\nif __name__ == "__main__":\n    main()\n',
            "api/index.py": "import os\nimport sys\n\nsys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n\nfrom main import handler as main_handler\n\n\ndef index_handler(request):\n    return main_handler(request)\n",
        },
        [("main.py", "job", "python")],
        None,
    ),
    # Deletions of downloaded data and of IAM keys (rounds 344 and 364)
    "torrent_delete_data": (
        {
            "clean.py": 'import logging\nfrom datetime import datetime, timedelta, timezone\n\nfrom transmission_rpc import Client\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    client = Client(host="localhost")\n    cutoff = datetime.now(timezone.utc) - timedelta(days=14)\n    for torrent in client.get_torrents():\n        if torrent.added_date < cutoff:\n            client.remove_torrent(torrent.id, delete_data=True)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("clean.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "iam_delete_key": (
        {
            "rotate.py": 'import boto3\n\niam = boto3.client("iam")\n\n\ndef lambda_handler(event, context):\n    for key in iam.list_access_keys(UserName="deploy")["AccessKeyMetadata"]:\n        if key["Status"] == "Inactive":\n            iam.delete_access_key(UserName="deploy", AccessKeyId=key["AccessKeyId"])\n'
        },
        [("rotate.py", "job", "aws-lambda")],
        ("missing-dry-run", "fail"),
    ),
    # A catch-all that prints "Error ..." and exits 0 on purpose (round 358)
    "error_then_exit_zero": (
        {
            "main.py": 'import sys\nimport importlib\n\nCOURSE_TO_DETECT = [\n    # \'ENGIN_183D\',\n    \'INDENG_120\',\n    # \'BIOENG_100\',\n]\n\ndef check_course_availability(course_name):\n    try:\n        course_module = importlib.import_module(f"courses.{course_name.lower()}")\n    except ModuleNotFoundError:\n        print(f"Course plugin for {course_name} not found.")\n        return None\n\n    course_class = getattr(course_module, course_name, None)\n    if course_class is None:\n        print(f"Course class for {course_name} not found in the module.")\n        return None\n    \n    course = course_class()\n    return course.check_availability()\n\ndef main():\n    course_names = COURSE_TO_DETECT\n    if course_names is None or len(course_names) == 0:\n        print("No courses are waiting to be detected. Consider either adding courses to the list or removing the action.")\n        sys.exit(1)\n\n    available_courses = []\n    try:\n        for course_name in course_names:\n            result = check_course_availability(course_name)\n            if result:\n                available_courses.append((course_name, result))\n    except Exception as e:\n        print(f"Error while checking course availability: {e}")\n        # Reduce false email notifications by exiting with 0\n        sys.exit(0)\n\n    if available_courses:\n        print("\\nAvailable courses:")\n        for course_name, message in available_courses:\n            print(f"{course_name}: {message}")\n    else:\n        print("\\nNo courses are currently available.")\n        sys.exit(0)\n\n    # if any of the courses are available, exit with 1, to make the action fail, to trigger the email notification\n    sys.exit(1)\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("main.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # (trap) a Dash app answers every path with its page (a catch-all route of Dash's own): no
    # verdict, whatever its labellers said (rounds 270, 362; a failure here was withdrawn)
    "dash_pages_only": (
        {
            "app.py": 'import dash\nfrom dash import dcc, html\n\napp = dash.Dash(__name__)\nserver = app.server\n\napp.layout = html.Div([html.H1("Cases"), dcc.Graph(id="cases")])\n\n\n@app.callback(dash.Output("cases", "figure"), dash.Input("cases", "id"))\ndef draw(_):\n    return {}\n'
        },
        [("app.py", "api", "dash")],
        ("missing-health-route", "na"),
    ),
    "dash_server_health": (
        {
            "app.py": 'import dash\nfrom dash import dcc, html\n\napp = dash.Dash(__name__)\nserver = app.server\n\napp.layout = html.Div([html.H1("Cases"), dcc.Graph(id="cases")])\n\n\n@app.callback(dash.Output("cases", "figure"), dash.Input("cases", "id"))\ndef draw(_):\n    return {}\n\n\n@server.route("/health")\ndef health():\n    return "ok"\n'
        },
        [("app.py", "api", "dash")],
        ("missing-health-route", "na"),
    ),
    # `while retry != 0:` that sets the count back to its budget on success: a poller that runs
    # while the work works (round 360)
    "retry_budget_loop": (
        {
            "getsolar.py": 'import logging\nimport sys\nimport time\n\nimport solaredge_modbus\n\nMAX_RETRIES = 5\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    inverter = solaredge_modbus.Inverter(host="192.168.1.50", port=1502)\n    retry = MAX_RETRIES\n    while retry != 0:\n        if not inverter.connected():\n            retry -= 1\n            time.sleep(10)\n            inverter = solaredge_modbus.Inverter(host="192.168.1.50", port=1502)\n        else:\n            retry = MAX_RETRIES\n            logging.info("power %s", inverter.read_all()["power_ac"])\n            time.sleep(30)\n    logging.error("Too many retries")\n    sys.exit(2)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("getsolar.py", "worker", "polling-loop")],
        None,
    ),
    # (trap) a retry loop that ends once the work is done (`retries = 0`)
    "retry_until_done": (
        {
            "sync.py": 'import logging\nimport sys\nimport time\n\nimport requests\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    retries = 3\n    while retries > 0:\n        try:\n            requests.post("https://example.com/sync", timeout=10).raise_for_status()\n            retries = 0\n        except requests.RequestException:\n            retries -= 1\n            time.sleep(5)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync.py", "job", "python")],
        None,
    ),
    # A catch-all in a loop that logs and counts each failure, the count itself only logged
    # (round 366)
    "counted_only_logged": (
        {
            "process_existing.py": 'import logging\nimport os\n\nfrom celery import Celery\n\nlogger = logging.getLogger(__name__)\ncelery_app = Celery("pdf", broker=os.environ["BROKER_URL"])\nPDF_FOLDER = "pdfs"\n\n\ndef submit_all():\n    submitted = 0\n    failed = 0\n    for name in os.listdir(PDF_FOLDER):\n        try:\n            celery_app.send_task("process_pdf", args=[os.path.join(PDF_FOLDER, name)])\n            submitted += 1\n        except Exception as e:\n            logger.error(f"Failed to submit {name}: {e}")\n            failed += 1\n    logger.info(f"{submitted} submitted, {failed} failed")\n    return submitted\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    submit_all()\n'
        },
        [("process_existing.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # (trap) the count decides the exit status
    "counted_then_checked": (
        {
            "process_existing.py": 'import logging\nimport os\n\nfrom celery import Celery\n\nlogger = logging.getLogger(__name__)\ncelery_app = Celery("pdf", broker=os.environ["BROKER_URL"])\nPDF_FOLDER = "pdfs"\n\n\ndef submit_all():\n    submitted = 0\n    failed = 0\n    for name in os.listdir(PDF_FOLDER):\n        try:\n            celery_app.send_task("process_pdf", args=[os.path.join(PDF_FOLDER, name)])\n            submitted += 1\n        except Exception as e:\n            logger.error(f"Failed to submit {name}: {e}")\n            failed += 1\n    logger.info(f"{submitted} submitted, {failed} failed")\n    return failed == 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    if not submit_all():\n        raise SystemExit(1)\n'
        },
        [("process_existing.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    # A websockets server answers a plain HTTP probe with an error unless process_request= answers
    # it (round 350)
    "websockets_no_probe": (
        {
            "relay.py": 'import asyncio\nimport logging\n\nimport websockets\n\nCLIENTS = set()\n\n\nasync def relay(websocket):\n    CLIENTS.add(websocket)\n    try:\n        async for message in websocket:\n            websockets.broadcast(CLIENTS, message)\n    finally:\n        CLIENTS.discard(websocket)\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    server = websockets.serve(relay, "0.0.0.0", 8765)\n    async with server:\n        await asyncio.Future()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n'
        },
        [("relay.py", "api", "websockets")],
        ("missing-health-route", "fail"),
    ),
    "websockets_process_request": (
        {
            "relay.py": 'import asyncio\nimport logging\n\nimport websockets\n\nCLIENTS = set()\n\n\nasync def relay(websocket):\n    CLIENTS.add(websocket)\n    try:\n        async for message in websocket:\n            websockets.broadcast(CLIENTS, message)\n    finally:\n        CLIENTS.discard(websocket)\n\n\ndef health_check(connection, request):\n    if request.path == "/healthz":\n        return connection.respond(200, "OK\\n")\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    server = websockets.serve(relay, "0.0.0.0", 8765, process_request=health_check)\n    async with server:\n        await asyncio.Future()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n'
        },
        [("relay.py", "api", "websockets")],
        # (`process_request` answering `request.path == "/healthz"` itself is its health route: no
        # verdict until session 43, which reads a handler answering the path as a route)
        ("missing-health-route", "pass"),
    ),
    # A file the job wrote under a literal name, removed once used: its own, no data lost (round 370)
    "literal_file_written_then_removed": (
        {
            "job.py": 'import logging\nimport os\nimport subprocess\n\nlogger = logging.getLogger(__name__)\n\n\ndef build(files):\n    with open("image_list.txt", "w") as f:\n        for name in files:\n            f.write(f"file \'{name}\'\\n")\n    subprocess.run(["ffmpeg", "-i", "image_list.txt", "out.mp4"], check=True)\n    os.remove("image_list.txt")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    build(os.listdir("."))\n'
        },
        [("job.py", "job", "python")],
        ("missing-dry-run", "na"),
    ),
    # A systemd unit template an installer fills in runs the app's `__main__` block: its debug
    # server is production's (round 370)
    "unit_template_runs_debug": (
        {
            "web/app.py": 'from flask import Flask, send_from_directory\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return send_from_directory("static", "index.html")\n\n\nif __name__ == "__main__":\n    app.run(debug=True, host="0.0.0.0")\n',
            "services/nvrweb.service.template": "[Unit]\nDescription=NVR HTTP Server\nAfter=network.target\n\n[Service]\nExecStart=__NVR_DIR__/web/venv/bin/python3 app.py\nWorkingDirectory=__NVR_DIR__/web\nUser=__CURRENT_USER__\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n",
        },
        [("web/app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
    # `gcloud functions deploy` in a push-triggered deploy workflow (the first review's miss)
    "gcloud_deploy_in_workflow": (
        {
            ".github/workflows/deploy.yml": 'name: Deploy build notifier\n\non:\n  push:\n    branches: [main]\n    paths: ["function/**"]\n\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: google-github-actions/auth@v2\n        with:\n          workload_identity_provider: ${{ secrets.WIF_PROVIDER }}\n          service_account: ${{ secrets.DEPLOY_SA }}\n      - uses: google-github-actions/setup-gcloud@v2\n      - name: Deploy\n        run: |\n          gcloud functions deploy notify-build \\\n            --gen2 \\\n            --region=europe-west1 \\\n            --runtime=python311 \\\n            --entry-point=notify_build \\\n            --trigger-topic=cloud-builds \\\n            --source=function \\\n            --set-env-vars=SLACK_WEBHOOK=${{ secrets.SLACK_WEBHOOK }}\n',
            "function/main.py": 'import base64\nimport json\nimport logging\nimport os\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nSLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]\n\n\ndef notify_build(cloud_event):\n    """Runs for each message on the cloud-builds Pub/Sub topic."""\n    build = json.loads(base64.b64decode(cloud_event.data["message"]["data"]).decode("utf-8"))\n    status = build.get("status")\n    if status not in ("SUCCESS", "FAILURE", "TIMEOUT"):\n        return\n    text = f"Build {build[\'id\']} finished: {status}"\n    requests.post(SLACK_WEBHOOK, json={"text": text}, timeout=10).raise_for_status()\n    log.info("posted %s", text)\n',
            "function/requirements.txt": "requests==2.31.0\n",
        },
        [("function/main.py", "job", "cloud-functions")],
        None,
    ),
    # The project's own logging set-up helper beside the one mail call (the second review's miss)
    "mail_after_setup_logging": (
        {
            "reminder.py": 'import logging\nimport os\nimport smtplib\nimport sys\nfrom email.message import EmailMessage\n\nlog = logging.getLogger("reminder")\n\n\ndef setup_logging():\n    handler = logging.StreamHandler(sys.stdout)\n    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))\n    logging.getLogger().addHandler(handler)\n    logging.getLogger().setLevel(logging.INFO)\n\n\ndef send_email():\n    msg = EmailMessage()\n    msg["Subject"] = "Reminder: submit your expense reports"\n    msg["From"] = os.environ["SMTP_USER"]\n    msg["To"] = "staff@example.com"\n    msg.set_content("Expense reports for this month are due on Friday.")\n    try:\n        with smtplib.SMTP(os.environ.get("SMTP_HOST", "smtp.example.com"), 587, timeout=30) as smtp:\n            smtp.starttls()\n            smtp.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])\n            smtp.send_message(msg)\n        log.info("reminder sent")\n    except Exception as e:\n        log.error("Failed to send email: %s", e)\n\n\nif __name__ == "__main__":\n    setup_logging()\n    send_email()\n'
        },
        [("reminder.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    # A script's own loop that counts failures only to log the count (the second review's miss)
    "counted_script": (
        {
            "resize_images.py": 'import logging\nimport os\n\nfrom PIL import Image\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("resize")\n\nSRC = os.environ.get("SRC_DIR", "/data/uploads")\nDST = os.environ.get("DST_DIR", "/data/thumbs")\n\ndone = 0\nerrors = 0\nfor name in sorted(os.listdir(SRC)):\n    try:\n        with Image.open(os.path.join(SRC, name)) as img:\n            img.thumbnail((320, 320))\n            img.save(os.path.join(DST, name))\n        done += 1\n    except Exception as e:\n        log.error("failed to resize %s: %s", name, e)\n        errors += 1\n\nlog.info("resized %d images, %d errors", done, errors)\n'
        },
        [("resize_images.py", "job", "script")],
        ("missing-exit-code", "fail"),
    ),
    # (trap) the count decides the exit status
    "counted_script_checked": (
        {
            "resize_images.py": 'import logging\nimport os\n\nfrom PIL import Image\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("resize")\n\nSRC = os.environ.get("SRC_DIR", "/data/uploads")\nDST = os.environ.get("DST_DIR", "/data/thumbs")\n\ndone = 0\nerrors = 0\nfor name in sorted(os.listdir(SRC)):\n    try:\n        with Image.open(os.path.join(SRC, name)) as img:\n            img.thumbnail((320, 320))\n            img.save(os.path.join(DST, name))\n        done += 1\n    except Exception as e:\n        log.error("failed to resize %s: %s", name, e)\n        errors += 1\n\nlog.info("resized %d images, %d errors", done, errors)\nif errors:\n    raise SystemExit(1)\n'
        },
        [("resize_images.py", "job", "script")],
        ("missing-exit-code", "pass"),
    ),
}


# Session 29's review misses
_REVIEW_CASES: dict[str, Case] = {
    "module_level_keyed_exit": (
        {
            "daily.py": 'import datetime\nimport os\nimport sys\n\nimport psycopg2\nimport requests\n\ntoday = datetime.date.today()\nconn = psycopg2.connect(os.environ["DB_URL"])\ncur = conn.cursor()\ncur.execute("SELECT COUNT(*) FROM daily_rates WHERE day = %s", (today,))\nif cur.fetchone()[0] > 0:\n    print("already loaded")\n    sys.exit(0)\nrates = requests.get("https://api.example.com/rates", timeout=10).json()\ncur.executemany("INSERT INTO daily_rates (day, code, rate) VALUES (%s, %s, %s)", [(today, k, v) for k, v in rates.items()])\nconn.commit()\n'
        },
        [("daily.py", "job", "script")],
        ("non-idempotent-insert", 0),
    ),
    "executor_map_requests": (
        {
            "fetch.py": 'from concurrent.futures import ThreadPoolExecutor\n\nimport requests\n\nURLS = ["https://example.com/a.json", "https://example.com/b.json"]\n\n\ndef fetch_all():\n    with ThreadPoolExecutor(max_workers=8) as pool:\n        responses = list(pool.map(requests.get, URLS))\n        future = pool.submit(requests.post, "https://example.com/done", json={"n": len(responses)})\n        return responses, future.result()\n'
        },
        [],
        ("http-call-without-timeout", 2),
    ),
}


# This session's review: regressions it found (base right, main wrong before the fix) and misses of
# the new code (base wrong too), each as the reviewer's tree
_SESSION_REVIEW_CASES: dict[str, Case] = {
    "flag_cleared_on_shutdown_msg": (
        {
            "worker.py": 'import json\nimport logging\nimport os\n\nimport redis\n\nlog = logging.getLogger("mailer")\n\nr = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))\n\n\ndef send(job):\n    log.info("sending %s to %s", job["template"], job["to"])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO)\n    running = True\n    while running:\n        item = r.blpop("mail:queue", timeout=5)\n        if item is None:\n            continue\n        job = json.loads(item[1])\n        if job.get("type") == "shutdown":\n            log.info("shutdown requested through the queue")\n            running = False\n            continue\n        send(job)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("worker.py", "worker", "redis")],
        ("missing-graceful-shutdown", "fail"),
    ),
    "flag_cleared_on_revoked_token": (
        {
            "poll_github.py": 'import logging\nimport os\nimport time\n\nimport requests\n\nlog = logging.getLogger("release-watcher")\n\nTOKEN = os.environ["GITHUB_TOKEN"]\nREPO = os.environ.get("WATCH_REPO", "psf/requests")\nSLACK_WEBHOOK = os.environ["SLACK_WEBHOOK"]\n\nrunning = True\n\n\ndef main():\n    global running\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    last_tag = None\n    while running:\n        r = requests.get(\n            f"https://api.github.com/repos/{REPO}/releases/latest",\n            headers={"Authorization": f"Bearer {TOKEN}"},\n            timeout=10,\n        )\n        if r.status_code == 401:\n            log.error("GitHub token was revoked, giving up")\n            running = False\n        elif r.ok:\n            tag = r.json()["tag_name"]\n            if last_tag is not None and tag != last_tag:\n                requests.post(SLACK_WEBHOOK, json={"text": f"{REPO} released {tag}"}, timeout=10)\n            last_tag = tag\n        time.sleep(300)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("poll_github.py", "worker", "polling-loop")],
        ("missing-graceful-shutdown", "fail"),
    ),
    "xmpp_bot_disconnect_on_roster_error": (
        {
            "bot.py": 'import logging\nimport os\n\nfrom slixmpp import ClientXMPP\nfrom slixmpp.exceptions import IqError, IqTimeout\n\nlog = logging.getLogger("helpdesk-bot")\n\n\nclass HelpdeskBot(ClientXMPP):\n    def __init__(self, jid, password):\n        super().__init__(jid, password)\n        self.add_event_handler("session_start", self.start)\n        self.add_event_handler("message", self.message)\n\n    async def start(self, event):\n        self.send_presence()\n        try:\n            await self.get_roster()\n        except IqError as err:\n            log.error("There was an error getting the roster: %s", err.iq["error"]["condition"])\n            self.disconnect()\n        except IqTimeout:\n            log.error("Server is taking too long to respond")\n            self.disconnect()\n\n    def message(self, msg):\n        if msg["type"] not in ("chat", "normal"):\n            return\n        body = msg["body"].strip().lower()\n        if body == "status":\n            msg.reply("All systems operational").send()\n        else:\n            msg.reply("Sorry, I only understand \'status\'").send()\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s %(message)s")\n    xmpp = HelpdeskBot(os.environ["XMPP_JID"], os.environ["XMPP_PASSWORD"])\n    xmpp.register_plugin("xep_0030")\n    xmpp.register_plugin("xep_0199")\n    xmpp.connect()\n    xmpp.process()\n'
        },
        [("bot.py", "worker", "xmpp")],
        ("missing-graceful-shutdown", "fail"),
    ),
    "module_lockfile_exit_insert": (
        {
            "fetch_prices.py": 'import datetime\nimport logging\nimport os\nimport sqlite3\nimport sys\n\nimport requests\n\nlogging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\nlog = logging.getLogger("fetch_prices")\n\nLOCK = "/tmp/fetch_prices.lock"\nDB = os.environ.get("PRICES_DB", "prices.db")\n\nif os.path.exists(LOCK):\n    log.warning("another run is still going (%s exists)", LOCK)\n    sys.exit(0)\nopen(LOCK, "w").close()\n\ntry:\n    conn = sqlite3.connect(DB)\n    cur = conn.cursor()\n    cur.execute("CREATE TABLE IF NOT EXISTS prices (station TEXT, fuel TEXT, price REAL, fetched_at TEXT)")\n    last = cur.execute("SELECT MAX(fetched_at) FROM prices").fetchone()[0]\n    log.info("last fetch was at %s", last)\n\n    r = requests.get("https://api.example.com/fuel/prices?region=berlin", timeout=20)\n    r.raise_for_status()\n    now = datetime.datetime.now(datetime.timezone.utc).isoformat()\n    for station in r.json()["stations"]:\n        for fuel, price in station["prices"].items():\n            cur.execute(\n                "INSERT INTO prices (station, fuel, price, fetched_at) VALUES (?, ?, ?, ?)",\n                (station["id"], fuel, price, now),\n            )\n    conn.commit()\n    log.info("stored prices of %d stations", len(r.json()["stations"]))\nfinally:\n    os.remove(LOCK)\n'
        },
        [("fetch_prices.py", "job", "script")],
        ("non-idempotent-insert", 1),
    ),
    "exit_zero_lock_already_running": (
        {
            "sync_photos.py": 'import fcntl\nimport logging\nimport os\nimport subprocess\nimport sys\n\nlog = logging.getLogger("sync_photos")\n\nLOCK_PATH = "/var/lock/sync_photos.lock"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    lock = open(LOCK_PATH, "w")\n    try:\n        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)\n    except Exception:\n        print(f"Failed to take {LOCK_PATH}: another sync is already running")\n        sys.exit(0)\n\n    src = os.environ.get("PHOTOS_SRC", "/srv/photos/")\n    dst = os.environ["PHOTOS_DST"]\n    result = subprocess.run(["rsync", "-a", "--partial", src, dst])\n    if result.returncode != 0:\n        log.error("rsync failed with status %d", result.returncode)\n        sys.exit(1)\n    log.info("photos synced to %s", dst)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("sync_photos.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "exit_zero_after_warning": (
        {
            "publish_menu.py": 'import logging\nimport os\nimport sys\n\nimport requests\n\nlog = logging.getLogger("publish_menu")\n\nCANTEEN_URL = "https://canteen.example.com/api/menu/today"\nMASTODON = "https://social.example.com/api/v1/statuses"\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    try:\n        r = requests.get(CANTEEN_URL, timeout=10)\n        r.raise_for_status()\n        menu = r.json()\n    except requests.RequestException as e:\n        # the canteen API is down most weekends: skip quietly, the next run posts the menu\n        log.warning("Failed to fetch the menu, skipping this run: %s", e)\n        sys.exit(0)\n\n    text = "Today: " + ", ".join(dish["name"] for dish in menu["dishes"])\n    resp = requests.post(\n        MASTODON,\n        headers={"Authorization": f"Bearer {os.environ[\'MASTODON_TOKEN\']}"},\n        data={"status": text},\n        timeout=10,\n    )\n    if resp.status_code != 200:\n        log.error("could not post the menu: %s %s", resp.status_code, resp.text)\n        sys.exit(1)\n    log.info("posted: %s", text)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("publish_menu.py", "job", "python")],
        ("missing-exit-code", "pass"),
    ),
    "streamlit_app_project_class": (
        {
            "Dockerfile": 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nEXPOSE 8501\nCMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]\n',
            "app.py": 'import os\n\nfrom dashboard import SalesDashboard\n\ndashboard = SalesDashboard(os.environ.get("SALES_API", "http://localhost:8000"))\ndashboard.render()\n',
            "dashboard.py": 'import pandas as pd\nimport requests\nimport streamlit as st\n\n\nclass SalesDashboard:\n    def __init__(self, api_url):\n        self.api_url = api_url\n\n    def load(self):\n        r = requests.get(f"{self.api_url}/sales", timeout=10)\n        r.raise_for_status()\n        return pd.DataFrame(r.json())\n\n    def render(self):\n        st.title("Sales")\n        df = self.load()\n        st.metric("Revenue", f"{df[\'amount\'].sum():,.0f} EUR")\n        st.line_chart(df.set_index("day")["amount"])\n',
            "requirements.txt": "streamlit\npandas\nrequests\n",
        },
        [],
        None,
    ),
    "tkinter_app_project_class": (
        {
            "calculator.py": 'import tkinter as tk\n\n\nclass Calculator:\n    def __init__(self, root):\n        self.root = root\n        self.expression = ""\n        self.display = tk.StringVar()\n\n    def build_ui(self):\n        self.root.title("Calculator")\n        entry = tk.Entry(self.root, textvariable=self.display, font=("Arial", 20), justify="right")\n        entry.grid(row=0, column=0, columnspan=4)\n        for i, label in enumerate("789/456*123-0.=+"):\n            tk.Button(self.root, text=label, width=5, height=2, command=lambda l=label: self.press(l)).grid(\n                row=1 + i // 4, column=i % 4\n            )\n\n    def press(self, key):\n        if key == "=":\n            try:\n                self.display.set(str(eval(self.expression)))\n            except Exception:\n                self.display.set("error")\n            self.expression = ""\n        else:\n            self.expression += key\n            self.display.set(self.expression)\n',
            "main.py": "import tkinter as tk\n\nfrom calculator import Calculator\n\nroot = tk.Tk()\ncalc = Calculator(root)\ncalc.build_ui()\nroot.mainloop()\n",
        },
        [],
        None,
    ),
    "airflow_dag_test_main": (
        {
            "dags/composer_etl.py": 'import datetime\n\nimport requests\nfrom airflow import models\nfrom airflow.operators.python import PythonOperator\n\n\ndef load_rates():\n    r = requests.get("https://api.example.com/rates", timeout=30)\n    r.raise_for_status()\n    return r.json()\n\n\ndefault_args = {"owner": "data", "retries": 2, "retry_delay": datetime.timedelta(minutes=5)}\n\nwith models.DAG(\n    "composer_rates",\n    schedule_interval="@daily",\n    start_date=datetime.datetime(2024, 1, 1),\n    default_args=default_args,\n    catchup=False,\n) as dag:\n    PythonOperator(task_id="load_rates", python_callable=load_rates)\n\n\nif __name__ == "__main__":\n    dag.test()\n'
        },
        [("dags/composer_etl.py", "job", "airflow")],
        None,
    ),
    "azure_durable_activity": (
        {
            "HttpStart/__init__.py": 'import logging\n\nimport azure.durable_functions as df\nimport azure.functions as func\n\n\nasync def main(req: func.HttpRequest, starter: str) -> func.HttpResponse:\n    client = df.DurableOrchestrationClient(starter)\n    instance_id = await client.start_new(req.route_params["functionName"], None, req.get_json())\n    logging.info("Started orchestration with ID = \'%s\'.", instance_id)\n    return client.create_check_status_response(req, instance_id)\n',
            "HttpStart/function.json": '{\n  "scriptFile": "__init__.py",\n  "bindings": [\n    {"authLevel": "function", "name": "req", "type": "httpTrigger", "direction": "in", "route": "orchestrators/{functionName}", "methods": ["post"]},\n    {"name": "$return", "type": "http", "direction": "out"},\n    {"name": "starter", "type": "durableClient", "direction": "in"}\n  ]\n}\n',
            "ResizeImage/__init__.py": 'import io\nimport logging\nimport os\n\nfrom azure.storage.blob import BlobServiceClient\nfrom PIL import Image\n\nservice = BlobServiceClient.from_connection_string(os.environ["AzureWebJobsStorage"])\n\n\ndef main(name: str) -> str:\n    source = service.get_blob_client("uploads", name)\n    image = Image.open(io.BytesIO(source.download_blob().readall()))\n    image.thumbnail((512, 512))\n    out = io.BytesIO()\n    image.save(out, format="JPEG")\n    service.get_blob_client("thumbnails", name).upload_blob(out.getvalue(), overwrite=True)\n    logging.info("resized %s", name)\n    return name\n',
            "ResizeImage/function.json": '{\n  "scriptFile": "__init__.py",\n  "bindings": [{"name": "name", "type": "activityTrigger", "direction": "in"}]\n}\n',
            "ResizeOrchestrator/__init__.py": 'import azure.durable_functions as df\n\n\ndef orchestrator_function(context: df.DurableOrchestrationContext):\n    blobs = context.get_input()["blobs"]\n    tasks = [context.call_activity("ResizeImage", name) for name in blobs]\n    results = yield context.task_all(tasks)\n    return results\n\n\nmain = df.Orchestrator.create(orchestrator_function)\n',
            "ResizeOrchestrator/function.json": '{\n  "scriptFile": "__init__.py",\n  "bindings": [{"name": "context", "type": "orchestrationTrigger", "direction": "in"}]\n}\n',
            "host.json": '{"version": "2.0", "extensionBundle": {"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[4.*, 5.0.0)"}}\n',
            "requirements.txt": "azure-functions\nazure-functions-durable\nPillow\nazure-storage-blob\n",
        },
        [("HttpStart/__init__.py", "api", "azure-functions")],
        None,
    ),
    "mail_after_basicconfig": (
        {
            "weekly_mail.py": 'import logging\nimport os\nimport smtplib\nfrom email.mime.text import MIMEText\n\nlog = logging.getLogger(__name__)\n\n\ndef send_email():\n    sender = os.environ["SMTP_USER"]\n    password = os.environ["SMTP_PASSWORD"]\n    recipients = ["team@example.com"]\n\n    msg = MIMEText("Hello! This is your weekly automated reminder to fill in the timesheet.")\n    msg["Subject"] = "Weekly timesheet reminder"\n    msg["From"] = sender\n    msg["To"] = ", ".join(recipients)\n\n    try:\n        with smtplib.SMTP("smtp.gmail.com", 587, timeout=30) as server:\n            server.starttls()\n            server.login(sender, password)\n            server.sendmail(sender, recipients, msg.as_string())\n        log.info("reminder sent to %d recipients", len(recipients))\n    except Exception as e:\n        log.error("Failed to send email: %s", e)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    send_email()\n'
        },
        [("weekly_mail.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "exit_zero_logged_error": (
        {
            "sync_orders.py": 'import logging\nimport os\nimport sys\n\nimport psycopg2\nimport requests\n\nlog = logging.getLogger("sync_orders")\n\n\ndef fetch_orders():\n    r = requests.get("https://api.example.com/orders?status=new", timeout=30)\n    r.raise_for_status()\n    return r.json()\n\n\ndef main():\n    try:\n        orders = fetch_orders()\n    except Exception as e:\n        log.error("Could not reach the orders API: %s", e)\n        # the API is flaky at night, the next run picks the orders up\n        sys.exit(0)\n\n    rejected = 0\n    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:\n        for order in orders:\n            if order["total"] < 0:\n                log.warning("order %s has a negative total, skipped", order["id"])\n                rejected += 1\n                continue\n            cur.execute(\n                "INSERT INTO orders (id, total) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",\n                (order["id"], order["total"]),\n            )\n    log.info("synced %d orders", len(orders) - rejected)\n    if rejected:\n        sys.exit(1)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("sync_orders.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "exit_zero_raise_systemexit": (
        {
            "rates.py": 'import argparse\nimport json\nimport logging\nimport sys\nfrom pathlib import Path\n\nimport requests\n\nlog = logging.getLogger(__name__)\n\n\ndef fetch_rates(base):\n    r = requests.get(f"https://api.exchangerate.host/latest?base={base}", timeout=15)\n    r.raise_for_status()\n    return r.json()["rates"]\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--base", default="EUR")\n    parser.add_argument("--out", type=Path, default=Path("data/rates.json"))\n    args = parser.parse_args()\n\n    try:\n        rates = fetch_rates(args.base)\n    except Exception as e:\n        print(f"Error fetching rates: {e}")\n        raise SystemExit(0)\n\n    if not rates:\n        print("empty answer from the rates API")\n        sys.exit(1)\n    args.out.write_text(json.dumps(rates, indent=2))\n    print(f"wrote {len(rates)} rates to {args.out}")\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    main()\n'
        },
        [("rates.py", "job", "argparse")],
        ("missing-exit-code", "fail"),
    ),
    "executor_map_session_get": (
        {
            "crawl.py": 'import csv\nimport logging\nimport sys\nfrom concurrent.futures import ThreadPoolExecutor\n\nimport requests\n\nlog = logging.getLogger("crawl")\n\nBASE = "https://catalog.example.com/api/items/"\n\nsession = requests.Session()\nsession.headers.update({"User-Agent": "catalog-crawler/1.0"})\n\n\ndef main(ids):\n    urls = [f"{BASE}{item_id}" for item_id in ids]\n    with ThreadPoolExecutor(max_workers=16) as pool:\n        responses = list(pool.map(session.get, urls))\n    failed = [r.url for r in responses if not r.ok]\n    with open("items.csv", "w", newline="") as fh:\n        writer = csv.writer(fh)\n        for r in responses:\n            if r.ok:\n                item = r.json()\n                writer.writerow([item["id"], item["name"], item["price"]])\n    log.info("fetched %d items, %d failed", len(responses) - len(failed), len(failed))\n    return 1 if failed else 0\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    sys.exit(main(range(1, 501)))\n'
        },
        [("crawl.py", "job", "python")],
        ("http-call-without-timeout", 1),
    ),
    "gcloud_deploy_script_in_subdir": (
        {
            "functions/ingest/main.py": 'import json\nimport logging\nimport os\n\nfrom google.cloud import bigquery\n\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\n\nTABLE = os.environ["EVENTS_TABLE"]\nclient = bigquery.Client()\n\n\ndef ingest(*args, **kwargs):\n    event = args[0] if args else kwargs.get("event", {})\n    name = event.get("name", "")\n    if not name.endswith(".jsonl"):\n        log.info("skipping %s", name)\n        return\n    job = client.load_table_from_uri(\n        f"gs://{event[\'bucket\']}/{name}",\n        TABLE,\n        job_config=bigquery.LoadJobConfig(source_format="NEWLINE_DELIMITED_JSON", write_disposition="WRITE_APPEND"),\n    )\n    job.result()\n    log.info("loaded %s into %s", name, TABLE)\n',
            "functions/ingest/requirements.txt": "google-cloud-bigquery==3.11.4\n",
            "scripts/deploy_ingest.sh": '#!/usr/bin/env bash\n# Run from the repository root: ./scripts/deploy_ingest.sh\nset -euo pipefail\n\nPROJECT=${PROJECT:-analytics-prod}\n\ngcloud functions deploy ingest-events \\\n  --project="$PROJECT" \\\n  --region=europe-west1 \\\n  --runtime=python311 \\\n  --entry-point=ingest \\\n  --trigger-bucket="${PROJECT}-raw-events" \\\n  --source=functions/ingest \\\n  --set-env-vars=EVENTS_TABLE="${PROJECT}.raw.events"\n',
        },
        [("functions/ingest/main.py", "job", "cloud-functions")],
        None,
    ),
    "qbittorrent_namespace_delete": (
        {
            "prune_torrents.py": 'import logging\nimport os\nimport time\n\nimport qbittorrentapi\n\nlog = logging.getLogger("prune")\n\nMAX_AGE_DAYS = int(os.environ.get("MAX_AGE_DAYS", "30"))\nMIN_RATIO = float(os.environ.get("MIN_RATIO", "2.0"))\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")\n    client = qbittorrentapi.Client(\n        host=os.environ.get("QBT_HOST", "localhost:8080"),\n        username=os.environ["QBT_USER"],\n        password=os.environ["QBT_PASSWORD"],\n    )\n    client.auth_log_in()\n    cutoff = time.time() - MAX_AGE_DAYS * 86400\n    stale = [t for t in client.torrents_info(status_filter="completed") if t.completion_on < cutoff and t.ratio >= MIN_RATIO]\n    for torrent in stale:\n        log.info("removing %s (ratio %.2f)", torrent.name, torrent.ratio)\n    if stale:\n        client.torrents.delete(delete_files=True, torrent_hashes=[t.hash for t in stale])\n    log.info("removed %d torrents", len(stale))\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("prune_torrents.py", "job", "python")],
        ("missing-dry-run", "fail"),
    ),
    "transmission_positional_delete": (
        {
            "cleanup_seeds.py": 'import argparse\nimport logging\nfrom datetime import datetime, timedelta, timezone\n\nimport transmission_rpc\n\nlog = logging.getLogger("cleanup_seeds")\n\n\ndef main():\n    parser = argparse.ArgumentParser(description="Remove finished torrents and their files after a while")\n    parser.add_argument("--host", default="localhost")\n    parser.add_argument("--days", type=int, default=14)\n    args = parser.parse_args()\n    logging.basicConfig(level=logging.INFO)\n\n    tc = transmission_rpc.Client(host=args.host, port=9091)\n    cutoff = datetime.now(timezone.utc) - timedelta(days=args.days)\n    for torrent in tc.get_torrents():\n        if torrent.is_finished and torrent.done_date and torrent.done_date < cutoff:\n            log.info("removing %s", torrent.name)\n            tc.remove_torrent(torrent.hashString, True)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("cleanup_seeds.py", "job", "argparse")],
        ("missing-dry-run", "fail"),
    ),
}


# The second review of this session (d4992e7..2509d5d): regressions it found and misses mended,
# each as the reviewer's tree
_SECOND_REVIEW_CASES: dict[str, Case] = {
    "dash_healthz_ext": (
        {
            "app.py": 'import os\n\nimport dash\nimport pandas as pd\nimport plotly.express as px\nfrom dash import dcc, html\nfrom flask_healthz import Healthz\n\ndf = pd.read_csv(os.environ.get("SALES_CSV", "data/sales.csv"))\n\napp = dash.Dash(__name__, title="Sales dashboard")\nserver = app.server\nserver.config["HEALTHZ"] = {\n    "live": lambda: None,\n    "ready": lambda: None,\n}\nHealthz(server, no_log=True)\n\napp.layout = html.Div(\n    [\n        html.H1("Sales"),\n        dcc.Dropdown(sorted(df["region"].unique()), id="region"),\n        dcc.Graph(id="by-month"),\n    ]\n)\n\n\n@app.callback(dash.Output("by-month", "figure"), dash.Input("region", "value"))\ndef by_month(region):\n    part = df if region is None else df[df["region"] == region]\n    return px.bar(part.groupby("month", as_index=False)["amount"].sum(), x="month", y="amount")\n\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8050)))\n'
        },
        [("app.py", "api", "dash")],
        ("missing-health-route", "na"),
    ),
    "dash_healthcheck_lib": (
        {
            "app.py": 'import os\n\nimport dash\nimport psycopg2\nfrom dash import dash_table, html\nfrom healthcheck import HealthCheck\n\nDB_URL = os.environ["DATABASE_URL"]\n\napp = dash.Dash(__name__)\nserver = app.server\n\n\ndef database_ok():\n    with psycopg2.connect(DB_URL, connect_timeout=3) as conn, conn.cursor() as cur:\n        cur.execute("SELECT 1")\n    return True, "database ok"\n\n\nhealth = HealthCheck(server, "/healthcheck")\nhealth.add_check(database_ok)\n\n\ndef load_rows():\n    with psycopg2.connect(DB_URL) as conn, conn.cursor() as cur:\n        cur.execute("SELECT id, customer, status FROM tickets ORDER BY id DESC LIMIT 100")\n        return [dict(zip(("id", "customer", "status"), r)) for r in cur.fetchall()]\n\n\napp.layout = html.Div([html.H2("Open tickets"), dash_table.DataTable(data=load_rows(), page_size=20)])\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=8050)\n'
        },
        [("app.py", "api", "dash")],
        ("missing-health-route", "na"),
    ),
    "dash_health_in_index": (
        {
            "Procfile": "web: gunicorn index:server --workers 2 --bind 0.0.0.0:$PORT\n",
            "app.py": "import dash\n\napp = dash.Dash(__name__, suppress_callback_exceptions=True)\nserver = app.server\n",
            "apps/__init__.py": "",
            "apps/overview.py": 'from dash import Input, Output, dcc, html\n\nfrom app import app\n\nlayout = html.Div([html.H3("Overview"), dcc.Interval(id="tick", interval=60_000), html.Div(id="count")])\n\n\n@app.callback(Output("count", "children"), Input("tick", "n_intervals"))\ndef refresh(_):\n    return "42 open orders"\n',
            "index.py": 'import logging\n\nfrom dash import Input, Output, dcc, html\n\nfrom app import app, server\nfrom apps import overview\n\nlogging.basicConfig(level=logging.INFO)\n\napp.layout = html.Div([dcc.Location(id="url", refresh=False), html.Div(id="page-content")])\n\n\n@app.callback(Output("page-content", "children"), Input("url", "pathname"))\ndef display_page(pathname):\n    if pathname in ("/", "/overview"):\n        return overview.layout\n    return "404"\n\n\n@server.route("/healthz")\ndef healthz():\n    return "ok"\n\n\nif __name__ == "__main__":\n    app.run_server(host="0.0.0.0", port=8050)\n',
        },
        [("app.py", "api", "dash")],
        ("missing-health-route", "na"),
    ),
    "ws_protocol_health": (
        {
            "server.py": 'import asyncio\nimport http\nimport json\nimport logging\nimport os\nimport signal\n\nimport websockets\n\nlog = logging.getLogger("ticker")\nCLIENTS = set()\n\n\nclass HealthCheckProtocol(websockets.WebSocketServerProtocol):\n    async def process_request(self, path, request_headers):\n        if path == "/healthz":\n            return http.HTTPStatus.OK, [], b"OK\\n"\n        return None\n\n\nasync def handler(websocket):\n    CLIENTS.add(websocket)\n    try:\n        async for message in websocket:\n            log.debug("client said %s", message)\n    finally:\n        CLIENTS.discard(websocket)\n\n\nasync def broadcast_prices():\n    price = 100.0\n    while True:\n        price += 0.5\n        websockets.broadcast(CLIENTS, json.dumps({"symbol": "ACME", "price": price}))\n        await asyncio.sleep(1)\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    loop = asyncio.get_running_loop()\n    stop = loop.create_future()\n    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)\n    server = websockets.serve(\n        handler, "0.0.0.0", int(os.environ.get("PORT", 8765)), create_protocol=HealthCheckProtocol\n    )\n    async with server:\n        ticker = asyncio.create_task(broadcast_prices())\n        await stop\n        ticker.cancel()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n'
        },
        [("server.py", "api", "websockets")],
        ("missing-health-route", "na"),
    ),
    "ws_with_http_health": (
        {
            "gateway.py": 'import asyncio\nimport json\nimport logging\nimport os\n\nimport websockets\nfrom aiohttp import web\n\nlog = logging.getLogger("notify-gateway")\nSUBSCRIBERS: dict[str, set] = {}\n\n\nasync def handler(websocket):\n    user = None\n    try:\n        hello = json.loads(await websocket.recv())\n        user = hello["user"]\n        SUBSCRIBERS.setdefault(user, set()).add(websocket)\n        async for _ in websocket:\n            pass\n    finally:\n        if user:\n            SUBSCRIBERS[user].discard(websocket)\n\n\nasync def healthz(request):\n    return web.json_response({"status": "ok", "connections": sum(len(s) for s in SUBSCRIBERS.values())})\n\n\nasync def main():\n    logging.basicConfig(level=logging.INFO)\n    health_app = web.Application()\n    health_app.router.add_get("/healthz", healthz)\n    runner = web.AppRunner(health_app)\n    await runner.setup()\n    await web.TCPSite(runner, "0.0.0.0", int(os.environ.get("HEALTH_PORT", 8081))).start()\n\n    server = websockets.serve(handler, "0.0.0.0", int(os.environ.get("WS_PORT", 8765)))\n    async with server:\n        await asyncio.Future()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n'
        },
        [("gateway.py", "api", "aiohttp"), ("gateway.py", "api", "websockets")],
        ("missing-health-route", 0),
    ),
    "unit_template_timer": (
        {
            "backup.py": 'import datetime\nimport logging\nimport os\nimport subprocess\nimport sys\n\nimport boto3\n\nlog = logging.getLogger("backup")\n\nBUCKET = os.environ["BACKUP_BUCKET"]\nDB_NAME = os.environ.get("DB_NAME", "shop")\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    stamp = datetime.datetime.utcnow().strftime("%Y%m%d-%H%M")\n    dump = f"/var/backups/{DB_NAME}-{stamp}.sql.gz"\n    result = subprocess.run(f"pg_dump {DB_NAME} | gzip > {dump}", shell=True)\n    if result.returncode != 0:\n        log.error("pg_dump failed with %d", result.returncode)\n        sys.exit(1)\n    boto3.client("s3").upload_file(dump, BUCKET, os.path.basename(dump))\n    log.info("uploaded %s", dump)\n\n\nif __name__ == "__main__":\n    main()\n',
            "deploy/db-backup.service.in": "[Unit]\nDescription=Nightly database backup to S3\nAfter=network-online.target postgresql.service\n\n[Service]\nType=simple\nUser=postgres\nWorkingDirectory=@APP_DIR@\nEnvironmentFile=/etc/default/db-backup\nExecStart=/usr/bin/python3 @APP_DIR@/backup.py\nRestart=on-failure\nRestartSec=300\n",
            "deploy/db-backup.timer.in": "[Unit]\nDescription=Run db-backup every night\n\n[Timer]\nOnCalendar=*-*-* 02:30:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n",
            "install.sh": '#!/bin/sh\nset -e\nAPP_DIR=/opt/db-backup\nfor unit in db-backup.service db-backup.timer; do\n    sed "s|@APP_DIR@|$APP_DIR|g" deploy/$unit.in > /etc/systemd/system/$unit\ndone\nsystemctl daemon-reload\nsystemctl enable --now db-backup.timer\n',
        },
        [("backup.py", "job", "systemd-timer")],
        None,
    ),
    "drain_until_empty": (
        {
            "drain_queue.py": '"""Run by a Kubernetes CronJob every 15 minutes: drain the thumbnail queue, then exit."""\nimport json\nimport logging\nimport os\nimport time\n\nimport boto3\n\nlog = logging.getLogger("drain")\n\nQUEUE_URL = os.environ["THUMBNAIL_QUEUE_URL"]\nEMPTY_POLLS = 3\n\nsqs = boto3.client("sqs")\ns3 = boto3.client("s3")\n\n\ndef make_thumbnail(job):\n    obj = s3.get_object(Bucket=job["bucket"], Key=job["key"])\n    s3.put_object(Bucket=job["bucket"], Key=f"thumbs/{job[\'key\']}", Body=obj["Body"].read()[:1024])\n\n\ndef main():\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    done = 0\n    empty = EMPTY_POLLS\n    while empty > 0:\n        resp = sqs.receive_message(QueueUrl=QUEUE_URL, MaxNumberOfMessages=10, WaitTimeSeconds=5)\n        messages = resp.get("Messages", [])\n        if not messages:\n            empty -= 1\n            time.sleep(2)\n            continue\n        empty = EMPTY_POLLS\n        for m in messages:\n            make_thumbnail(json.loads(m["Body"]))\n            sqs.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=m["ReceiptHandle"])\n            done += 1\n    log.info("queue drained, %d thumbnails made", done)\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        [("drain_queue.py", "job", "python")],
        None,
    ),
    "series_apply_timeout_kw": (
        {
            "check_links.py": 'import logging\nimport sys\n\nimport pandas as pd\nimport requests\n\nlog = logging.getLogger("check_links")\n\n\ndef status_of(url):\n    try:\n        return requests.head(url, allow_redirects=True, timeout=10).status_code\n    except requests.RequestException:\n        return None\n\n\ndef main(path):\n    logging.basicConfig(level=logging.INFO)\n    links = pd.read_csv(path)\n    links["final"] = links.url.apply(requests.head, allow_redirects=True, timeout=10)\n    links["status"] = links["final"].map(lambda r: r.status_code)\n    broken = links[links["status"] >= 400]\n    broken.to_csv("broken_links.csv", index=False)\n    log.info("%d of %d links broken", len(broken), len(links))\n    return 1 if len(broken) else 0\n\n\nif __name__ == "__main__":\n    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "links.csv"))\n'
        },
        [("check_links.py", "job", "python")],
        ("http-call-without-timeout", 0),
    ),
    "counted_continue": (
        {
            "sync_invoices.py": 'import logging\nimport os\n\nimport requests\n\nlogger = logging.getLogger("sync_invoices")\nAPI = os.environ.get("BILLING_API", "https://billing.internal/api")\n\n\ndef load_pending():\n    resp = requests.get(f"{API}/invoices", params={"status": "pending"}, timeout=30)\n    resp.raise_for_status()\n    return resp.json()["items"]\n\n\ndef sync():\n    synced = 0\n    failed = 0\n    for invoice in load_pending():\n        try:\n            r = requests.post(f"{API}/ledger", json=invoice, timeout=30)\n            r.raise_for_status()\n        except Exception as exc:\n            logger.error("could not sync invoice %s: %s", invoice["id"], exc)\n            failed += 1\n            continue\n        synced += 1\n    logger.info("sync finished: %d synced, %d failed", synced, failed)\n\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")\n    sync()\n'
        },
        [("sync_invoices.py", "job", "python")],
        ("missing-exit-code", "fail"),
    ),
    "unit_j2_spaces": (
        {
            "ansible/roles/web/templates/greenhouse-web.service.j2": "[Unit]\nDescription=Greenhouse web UI\nAfter=network.target\n\n[Service]\nUser={{ app_user }}\nWorkingDirectory={{ app_dir }}/web\nExecStart={{ app_dir }}/venv/bin/python app.py\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n",
            "web/app.py": 'from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return jsonify(status="running")\n\n\n@app.route("/api/readings")\ndef readings():\n    return jsonify([])\n\n\nif __name__ == "__main__":\n    app.run(debug=True, host="0.0.0.0", port=5000)\n',
        },
        [("web/app.py", "api", "flask")],
        ("debug-mode-enabled", 1),
    ),
}

_SETS = (_CASES, _REVIEW_CASES, _SESSION_REVIEW_CASES, _SECOND_REVIEW_CASES)
_ALL_CASES: dict[str, Case] = {name: case for cases in _SETS for name, case in cases.items()}


def test_case_names_are_unique() -> None:
    assert len(_ALL_CASES) == sum(len(cases) for cases in _SETS)


@pytest.mark.parametrize("name", sorted(_ALL_CASES))
def test_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _ALL_CASES[name])
