"""Session 30: what session 29 left and blind rounds 341 and on showed, as small trees.

Each case fails on 2512ead, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

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
    # A Dash app serves its pages and callbacks, and only what is routed on its Flask server besides
    # (rounds 270, 362)
    "dash_pages_only": (
        {
            "app.py": 'import dash\nfrom dash import dcc, html\n\napp = dash.Dash(__name__)\nserver = app.server\n\napp.layout = html.Div([html.H1("Cases"), dcc.Graph(id="cases")])\n\n\n@app.callback(dash.Output("cases", "figure"), dash.Input("cases", "id"))\ndef draw(_):\n    return {}\n'
        },
        [("app.py", "api", "dash")],
        ("missing-health-route", "fail"),
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


@pytest.mark.parametrize("name", sorted(_REVIEW_CASES))
def test_review_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _REVIEW_CASES[name])


@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
