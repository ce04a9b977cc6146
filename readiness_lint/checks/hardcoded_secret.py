"""RDY002 hardcoded-secret."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness_lint import names as n
from readiness_lint import secretscan
from readiness_lint.checks.base import LineRule, Sample

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context
else:
    from readiness_lint._lazy_cst import cst


_NON_PRODUCTION = frozenset({"dev", "development", "local", "test", "tests", "testing", "debug", "ci", "sandbox"})


class HardcodedSecret(LineRule):
    code = "RDY002"
    name = "hardcoded-secret"
    why = (
        "A credential in the code is in every clone, fork, backup and CI log, and cannot be rotated without a release."
    )
    fix = "Read it from the environment or a secret manager (os.environ['API_KEY']) and rotate the exposed one."
    what_it_does = (
        "Finds credentials in string literals (reported at the literal's line, not the first line of a call it is given to): provider-specific shapes (AWS, GitHub, GitLab, Slack, Stripe, "
        "Google, Telegram and Discord bot tokens, Firebase Cloud Messaging server keys, Azure storage account and shared access keys in connection strings (not the storage emulator's published one), private keys, JWTs), passwords inside URLs (and keys in their query: `?api_key=`, `?access_key=`, OpenWeatherMap's `appid=`) and connection strings (`PWD=...;`, libpq's `password=... host=...`), and "
        "credential-looking literals bound to "
        "secret-like names (assignments, also encoded, `secret = 'k3y...'.encode()`, keyword arguments, dict keys, parameter defaults, a setting set by its name, `.option(\"password\", \"...\")` (Spark's reader) or `.set(name, value)`; a long random token, mixed case and digits, under a name ending in `api` or `key`, `api_data_gov_key = 'ecnp...'`; Telegram's `api_hash` "
        "counts; a long random key such as Django's generated `SECRET_KEY` is one even when `%(` or `%s` occurs "
        "in it by chance; a signing key written as a few words, `app.config['SECRET_KEY'] = '#super secret key!#'`, "
        "is a guessable one, reported with medium confidence (with marks or digits in it: words alone are a label or an instruction, "
        "`Session signing key`, `generate a new key`; words run together with no space, `'thisisasecretkey'`, are one key, "
        "reported as any other), "
        "or passed where a "
        "call takes its password by position (`MySQLdb.connect(host, user, password, db)`, `ftplib.FTP`, "
        '`login("user", "password")` (matrix-nio\'s `client.login("password")`), `username_pw_set`, pika\'s `PlainCredentials`, `HTTPBasicAuth` and the '
        "basic-auth helpers of httpx and aiohttp; the password of a `(user, password)` pair given as `auth=`, "
        "`basic_auth=` or `http_auth=`). A database's or "
        'broker\'s out-of-the-box password (`guest:guest@`, `postgres:postgres@`, `password="postgres"`, `pika.PlainCredentials("guest", "guest")`; also `example` for a database image\'s superuser, `postgres:example@`, the password of the images\' published Compose examples), and a '
        "password in a URL that repeats its user name (`amqp://shop:shop@`), and the word 'password' given with a real user "
        'and host (in a URL, or a dict of connection settings with a host name, an address or localhost: `{"user": "roach", "password": "password", "host": "db.internal"}`), '
        "are reported with medium confidence. The passwords of a list of people's accounts, each with an e-mail address or a user name and nothing of a host or device (`[{'email': 'joe@example.com', 'password': 'testing1'}, ...]`), are accounts a demo or a test seeds, not the service's credentials. In a file named as a model to copy (`settings_example.py`, `config.sample.py`, `example_config.py`) only provider-specific keys are reported: its other values are there to be replaced; so are they in a docstring or a bare string of notes, where a URL with a password in it is an example unless the password looks generated (eight characters or more, upper and lower case and digits). A database's or broker's out-of-the-box password that an environment read falls back to (`os.getenv('BROKER_URL', 'amqp://guest:guest@localhost/')`) is reported once, by `hardcoded-secret-fallback` (a real password there by both: it has leaked too; so has a generated key a secret's read falls back to, `os.getenv('API_KEY', 'f376d32d14b0...')`, 32 hex digits or 16 characters of a generated mix, and a settings field's generated default); `GOOGLE_APPLICATION_CREDENTIALS` holds the path of a key file. Words run together kept in a user's session (`session['aToken'] = 'tokenNotUsedAnymore'`) name a state of that user's login, and a constant's name written in camel case (`TOKEN_EXPIRED = 'tokenExpired'`) is an error code; a regular expression (`word_token = r'[A-Za-z_]\\w*'`, a lexer's pattern for its tokens; under a password's name, one with two of a pattern's marks, `PASSWORD_RE = r'^(?=.*[a-z])(?=.*\\d).{8,}$'`) is no key. Placeholders are left alone (`changeme`, `your-api-key`, `<password>`, `xxx`, `${DB_PASS}`, a provider's prefix followed by words alone, `xoxp-bot-token`, the word 'password' alone, also in another language, `senha`, or naming what it is for, `senha.email`) but where a connection is given it, as above. Values are never printed: a finding shows a short prefix and the length."
    )
    why_bad = (
        "Anyone who can read the repository can use the credential. Secrets in code leak through forks, "
        "logs and screenshots, differ between environments only by editing code, and once pushed stay in "
        "the history even after they are removed."
    )
    references = ("https://cwe.mitre.org/data/definitions/798.html",)
    VALID = (
        Sample(
            'def restore(url):\n    """Restore a dump, e.g. psql --dbname=postgresql://app:pwd7@10.0.0.5:5432/shop"""\n    run(url)\n',
            note="a docstring's example",
        ),
        Sample(
            'USERS = [\n    {"email": "joe@example.com", "name": "Joe", "password": "testing1"},\n    {"email": "ann@example.com", "name": "Ann", "password": "testing2"},\n]\n',
            note="accounts seeded for a demo",
        ),
        Sample('import os\n\nAPI_KEY = os.environ["API_KEY"]\nDB_PASSWORD = os.getenv("DB_PASSWORD")\n'),
        Sample('TOKEN_URL = "https://auth.example.com/oauth/token"\nPASSWORD_RESET_TEMPLATE = "emails/reset.html"\n'),
        Sample('SECRET_KEY = "changeme"\nAPI_KEY = "<your-key>"\nPASSWORD = ""\n'),
        Sample('DB_PASSWORD = "%(password)s"\nAPI_TOKEN = "Bearer-%s-v1"\n'),
        # a provider's shape filled in by hand
        Sample('SLACK_TOKEN = "xoxb-XXXXXXX-XXXXXX-XXXXXX"\nAWS_KEY_ID = "AKIA0000000000000000"\n'),
        Sample(
            'CONN = "SERVER={host};DATABASE=sales;UID={user};PWD={password}"\n',
            note="a connection-string template filled in at run time",
        ),
        Sample(
            'def page(client, next_token):\n    return client.list(NextToken=next_token, password_field="password")\n'
        ),
        Sample('AWS_KEY = "AKIAIOSFODNN7EXAMPLE"\n', note="AWS's documented example key"),
        Sample(
            'r = redis.Redis(host="localhost", password="")\nconn = psycopg2.connect(host="db", password="<password>")\n',
            note="no password, or a template's marker, given to a connection call",
        ),
        Sample(
            'def login_page(args, ok):\n    if not ok:\n        args["password_state"] = "wrong"\n    return args\n',
            note="the state of a password field on a form",
        ),
        Sample(
            'ENV_TO_FIELD = {"APP_DB_USER": "db_user", "APP_DB_PASSWORD": "db_password"}\n',
            note="environment variables mapped to the settings fields they fill",
        ),
        Sample(
            'cnx = mysql.connector.connect(user="USERNAME", password="PASSWORD", host="HOSTNAME", database="DATABASE")\n',
            note="the parameter's name in capitals: a stand-in for the value to fill in",
        ),
        Sample(
            'class Config:\n    API_KEY = os.environ["API_KEY"]\n\n\nclass TestConfig(Config):\n    API_KEY = "test-key-1234"\n',
            note="a value for the test environment, in a class named for it",
        ),
        Sample(
            'user_id = add_user(name="Juan", access_token="token_juan", refresh_token="refresh_juan")\n',
            note="a token's word and whose it is: a stand-in (a generated token is never two words)",
        ),
        Sample(
            'word_token = r"[A-Za-z_]\\w*"\n_token_end = r"(?=\\s|#|[)\\]]|$)"\n',
            note="a lexer's patterns for its tokens",
        ),
    )
    INVALID = (
        Sample('API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"\n'),
        # a generated password whose marks read like a pattern's, by chance
        Sample('SMTP_PASSWORD = r"pB\\?8|7Zx)*A)_OL05:TA6cNRe2~rg"\n'),
        # a generated Django key that happens to hold `%(`, and Telegram's api_hash
        Sample("SECRET_KEY = 'hl%k-il8!3(3-%(lmgw6861!qm4g+#3ri1ovb4f&%ocvhou6%o'\n"),
        Sample('API_ID = 1234567\nAPI_HASH = "8a3f0c27e19b4d65a0c2f7e41d9b3a6c"\n'),
        Sample('import requests\n\nrequests.get("https://api.example.com/sales?key=sk-live-abc123", timeout=5)\n'),
        Sample('DATABASE_URL = "postgres://app:Xk29f!pQ@db.internal:5432/app"\n'),
        Sample('conn = pyodbc.connect("DRIVER={ODBC Driver 17 for SQL Server};SERVER=db;UID=sa;PWD=Rk7!mq2Ze")\n'),
        Sample('client = connect(host="db", password="s3cr3t-Pa55")\n'),
        Sample('SETTINGS = {"api_token": "a8f5f167f44f4964e6c998dee827110c"}\n'),
        Sample(
            'BROKER_URL = "amqp://guest:guest@localhost:5672//"\n',
            note="a default password, reported with medium confidence: everyone knows it",
        ),
        Sample('db = connect(host="db", user="postgres", password="postgres")\n', note="the same, as an argument"),
        Sample(
            'BROKER_URL = "amqp://shop_mq:shop_mq@rabbit:5672//"\n',
            note="a password that repeats the user name: guessed first, reported with medium confidence",
        ),
        Sample(
            'import MySQLdb\n\ndb = MySQLdb.connect("localhost", "sensor", "123456", "readings")\n',
            note="a password passed by position",
        ),
        Sample(
            'conn = psycopg2.connect(host="localhost", port="5432", password="default")\n',
            note="a placeholder word is still the password a connection call is given",
        ),
    )

    def on_binding(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        if ctx.env_default_depth or id(value) in ctx.fallback_literals:
            return  # an environment read's fallback: hardcoded-secret-fallback judges it
        if ctx.example:
            return  # `settings_example.py`: values to be replaced (a provider's real key is still found)
        if ctx.seed_records and secretscan.is_password_name(name):
            return  # `[{"email": "joe@example.com", "password": "testing1"}, ...]`: accounts seeded for a demo
        if not secretscan.is_secret_name(name):
            literal = n.string_value(value)
            account_key = literal is not None and (
                secretscan.looks_like_storage_account_key(name, literal)
                or secretscan.looks_like_api_key_under_api(name, literal)
                or secretscan.looks_like_appid_key(name, literal)
            )
            if literal is not None and account_key and not _allowed(literal, ctx):
                ctx.report(self.name, value, _credential_message(name, literal))
            return
        if ctx.class_bases and any(base.endswith("BaseSettings") for base in ctx.class_bases[-1]):
            # a settings field's default: hardcoded-secret-fallback reports it (a generated key
            # there has leaked too)
            self._generated_fallback(value, name, n.string_value(value), ctx)
            return
        if ctx.class_bases and any(_NON_PRODUCTION.intersection(n.words(scope)) for scope in ctx.scope):
            return  # `class TestConfig: API_KEY = "test-key"`: a value for a non-production environment
        literal = n.string_value(value)
        if literal is None and type(value) is cst.Call:
            # `secret = "queenQuartet".encode()`, `bytes("queenQuartet", "utf-8")`, `str.encode("...")`:
            # the literal, as bytes
            func, callee = value.func, n.callee(value)
            if callee is None and type(func) is cst.Attribute and func.attr.value == "encode":
                literal = n.string_value(func.value)
            elif callee in {"bytes", "str.encode", "bytearray"} and value.args:
                literal = n.string_value(value.args[0].value)
        if literal is None:
            literal = n.bytes_text(value)
            if literal is None:
                return
            if not literal.isascii():
                # `app.secret_key = b"_5#y2L..."`: random bytes written out (not a short protocol constant)
                if secretscan.looks_like_random_bytes(literal) and not _allowed(literal, ctx):
                    ctx.report(self.name, value, _credential_message(name, literal))
                return
        if _allowed(literal, ctx) or secretscan.names_the_field(name, literal):
            return
        if secretscan.looks_like_regex(literal, password=secretscan.is_password_name(name)):
            # a lexer's `_token_end = r"(?=\s|#|[)\]]|$)"`, a sign-up form's `PASSWORD_RE`: a pattern
            return
        weak = _weak_kind(name)
        # (a token or an API key is not six characters long: `token = "616.sb"` is some other
        # identifier, or a placeholder; a password may well be, see the weak-password check)
        short_token = len(literal) < 8 and secretscan.is_token_name(name)
        # (nor is a literal kept in a user's session, `session["aToken"] = "tokenNotUsedAnymore"`: a
        # state of that user's login, not the service's credential)
        in_session = ctx.target.startswith(
            ("session[", "flask.session[", "request.session[")
        ) and secretscan.is_word_phrase(literal)
        credential = secretscan.looks_like_credential(literal, secretscan.is_mail_name(name))
        if credential and not short_token and not in_session:
            ctx.report(self.name, value, _credential_message(name, literal))
        elif literal.lower() in secretscan.DEFAULT_PASSWORDS:
            ctx.report(self.name, value, _default_message(f"`{name}`"), confidence="medium")
        elif (
            literal in secretscan.PASSWORD_WORDS
            and secretscan.is_password_name(name)
            and secretscan.settings_password_in_use(
                next((ctx.dict_strings[k] for k in ("user", "username", "login") if k in ctx.dict_strings), ""),
                next((ctx.dict_strings[k] for k in ("host", "hostname", "server") if k in ctx.dict_strings), ""),
            )
        ):
            # `{"user": "roach", "password": "password", "host": "cockroach-public.svc"}`: as in a URL,
            # the word given by a real user for a real host is the password that database has
            ctx.report(
                self.name,
                value,
                f"Hard-coded password in `{name}`, the word 'password' or its like, given with a user and a host: "
                "the credential that database was set up with",
                confidence="medium",
            )
        elif (
            literal.lower() in secretscan.COMMON_PASSWORDS
            and not literal.isupper()  # (`password="PASSWORD"`: the name of what goes there)
            and secretscan.is_password_name(name)
            and secretscan.is_connection_call(ctx.keyword_of)
            # (`connect(host="localhost", user="user", passwd="password")`: a template's words)
            and not _template_user(ctx.keyword_call)
        ):
            # `psycopg2.connect(..., password="default")`: whatever the word, it is what connects
            ctx.report(
                self.name,
                value,
                f"Hard-coded password given to `{ctx.keyword_of}` (a common one, still a credential): "
                f"{secretscan.redact(literal)}",
                confidence="medium",
            )
        elif weak is not None and (
            secretscan.looks_like_weak_password(literal)
            # (`app.config["SECRET_KEY"] = "#super secret key!#"`: a few words, the key all the same)
            or (weak[0] == "signing key" and secretscan.looks_like_key_phrase(literal))
        ):
            what, note = weak
            ctx.report(
                self.name,
                value,
                f"Hard-coded {what} in `{name}` ({note}): {secretscan.redact(literal)}",
                confidence="medium",
            )

    def on_env_fallback(self, read: cst.Call, fallback: cst.CSTNode, ctx: Context) -> None:
        # `os.getenv("API_KEY", "f376d32d14b0...")`: a generated key as the fallback has leaked,
        # whatever else the service reads (a stand-in, "dev-key", is hardcoded-secret-fallback's alone)
        key = n.read_key(read)
        if key is not None:
            self._generated_fallback(fallback, key, n.string_value(fallback), ctx)

    def _generated_fallback(self, node: cst.CSTNode, name: str, literal: str | None, ctx: Context) -> None:
        if (
            literal
            and not ctx.example
            # (`class TestSettings(BaseSettings)`, `class TestingConfig:`: a value for a non-production
            # environment, as for a plain assignment)
            and not (ctx.class_bases and any(_NON_PRODUCTION.intersection(n.words(scope)) for scope in ctx.scope))
            # (a provider's token, `ghp_...`: reported as that provider's by the literal's own scan)
            and not secretscan.provider_hits(literal)
            and secretscan.is_secret_name(name)
            and secretscan.looks_like_generated_key(literal)
            and not _allowed(literal, ctx)
        ):
            ctx.report(self.name, node, _credential_message(name, literal))

    def on_call(self, node: cst.Call, name: str | None, ctx: Context) -> None:
        """A password passed by position: ``MySQLdb.connect("db", "app", "s3cret", "shop")``,
        ``ftp.login("backup", "s3cret")``, ``client.username_pw_set("sensor", "s3cret")``."""
        if ctx.example:
            return
        for keyword in _AUTH_KEYWORDS:
            pair = n.keyword(node, keyword)
            if pair is not None and type(pair.value) is cst.Tuple and len(pair.value.elements) == 2:
                # `requests.get(url, auth=("me@example.com", "vaQvu1ccFcFf..."))`, jira's `basic_auth=`
                login, secret = (e.value for e in pair.value.elements)
                literal = n.string_value(secret)
                if (
                    n.string_value(login) is not None
                    and literal is not None
                    and not _allowed(literal, ctx)
                    and secretscan.looks_like_credential(literal)
                ):
                    ctx.report(self.name, secret, f"Hard-coded password in `{keyword}=`: {secretscan.redact(literal)}")
        index = _POSITIONAL_PASSWORD.get(name or "")
        method = (name or "").rpartition(".")[2]
        if index is None and method not in {"login", "username_pw_set"}:
            return
        args = n.positional(node)
        if index is None and method == "login" and _nio_client(ctx.object_ctor((name or "").rpartition(".")[0])):
            index = 0  # matrix-nio's `client.login("password", "device")`: the user is the client's
        elif index is None and "." in (name or ""):
            # (user, password), both written out
            index = 1 if len(args) == 2 and n.string_value(args[0].value) is not None else None
        if index is None or len(args) <= index:
            return
        user = n.string_value(args[index - 1].value) if index else None
        if user is not None and user.lower() in {"anonymous", "ftp"}:
            return  # anonymous FTP: the "password" is an e-mail address by convention
        value = args[index].value
        literal = n.string_value(value)
        if literal is None or _allowed(literal, ctx):
            return
        if literal.lower() in secretscan.DEFAULT_PASSWORDS and (name or "").startswith(_BROKER_AND_DATABASE_CALLS):
            # `pika.PlainCredentials("guest", "guest")`: the broker's out-of-the-box password (not
            # an HTTP device's `HTTPBasicAuth("admin", "admin")`)
            ctx.report(self.name, value, _default_message(f"`{name}`"), confidence="medium")
            return
        if secretscan.is_placeholder(literal):
            return
        if name in _API_CLIENTS:
            # (an API secret is generated: not `OAuthHandler("consumer_key", "consumer_secret")`)
            if secretscan.looks_generated(literal) or secretscan.looks_like_hex_key(literal):
                ctx.report(self.name, value, f"Hard-coded API secret given to `{name}`: {secretscan.redact(literal)}")
            return
        if secretscan.looks_like_credential(literal):
            ctx.report(self.name, value, f"Hard-coded password given to `{name}`: {secretscan.redact(literal)}")
        elif secretscan.looks_like_weak_password(literal):
            ctx.report(
                self.name,
                value,
                f"Hard-coded password given to `{name}` (a weak one, still a credential): {secretscan.redact(literal)}",
                confidence="medium",
            )

    def on_string(self, node: cst.CSTNode, value: str, ctx: Context) -> None:
        # (an example file's URLs show where a password goes, as do a docstring's and a bare string's
        # of notes, `psql --dbname=postgresql://user:pwd@10.0.0.5/db`; a provider's key in them is a real one)
        notes = ctx.example or ctx.in_docstring
        found = secretscan.provider_hits(value) or [
            hit
            for hit in ([] if ctx.example else secretscan.url_hits(value))
            # (in notes, only a password shaped like one: not `user:pwd@` in an example, but a real
            # one in code kept as a bare string, `connect("postgresql://app:Vb7kQ2m9Lx4@10.0.0.40/db")`)
            if not ctx.in_docstring or secretscan.looks_generated(hit.value)
        ]
        hits = [h for h in found if not _allowed(h.value, ctx)]
        if hits:
            ctx.report(self.name, node, f"Hard-coded {hits[0].kind}: {secretscan.redact(hits[0].value)}")
            return
        if notes:
            return
        defaults = [h for h in secretscan.default_credential_hits(value) if not _allowed(h.value, ctx)]
        if defaults and defaults[0].kind != secretscan.DEFAULT_IN_URL:
            message = f"Hard-coded {defaults[0].kind}: a guessable credential in production"
            ctx.report(self.name, node, message, confidence="medium")
        elif defaults:
            ctx.report(self.name, node, _default_message("a URL"), confidence="medium")


# The positional calls below that log in to a broker or a database (whose out-of-the-box
# passwords `DEFAULT_PASSWORDS` holds)
_BROKER_AND_DATABASE_CALLS = ("pika.", "MySQLdb.", "pymysql.")
# Calls taking the password as a positional argument, and its position.
_POSITIONAL_PASSWORD = {
    "MySQLdb.connect": 2,
    "MySQLdb.Connect": 2,
    "MySQLdb.connection": 2,
    "pymysql.connect": 2,
    "pymysql.Connect": 2,
    "ftplib.FTP": 2,
    "ftplib.FTP_TLS": 2,
    # (user, password): a broker's or an HTTP client's credentials
    "pika.PlainCredentials": 1,
    "pika.credentials.PlainCredentials": 1,
    "requests.auth.HTTPBasicAuth": 1,
    "requests.auth.HTTPDigestAuth": 1,
    "httpx.BasicAuth": 1,
    "httpx.DigestAuth": 1,
    "aiohttp.BasicAuth": 1,
}
# (key, secret): an exchange's, a social network's or a messaging API's client
_API_CLIENTS = frozenset(
    {
        "coinbase.wallet.client.Client",
        "binance.client.Client",
        "binance.Client",
        "tweepy.OAuthHandler",
        "tweepy.OAuth1UserHandler",
        # (account SID, auth token)
        "twilio.rest.Client",
    }
)
_POSITIONAL_PASSWORD.update(dict.fromkeys(_API_CLIENTS, 1))


# Keyword arguments that take a (user, password) pair: requests and httpx, jira, Elasticsearch.
_AUTH_KEYWORDS = ("auth", "basic_auth", "http_auth")


def _nio_client(ctor: str | None) -> bool:
    """A matrix-nio client, built for a user (`nio.AsyncClient`, `nio.client.AsyncClient`): its
    `login()` is given the password first."""
    name = ctor or ""
    return name.startswith("nio.") and name.rpartition(".")[2] in {"AsyncClient", "Client"}


def _template_user(call: cst.Call | None) -> bool:
    """``connect(user="user", ...)``: a template's word where the user name goes."""
    given = next((arg for k in ("user", "username") if call is not None and (arg := n.keyword(call, k))), None)
    user = n.string_value(given.value) if given is not None else None
    return (user or "").lower() in {"user", "username", "your_user", "your_username", "db_user"}


# How a finding of an out-of-the-box password begins (the evaluate stage leaves one that an
# environment read falls back to to hardcoded-secret-fallback)
DEFAULT_PASSWORD = "Hard-coded default password"


def _default_message(where: str) -> str:
    return (
        f"{DEFAULT_PASSWORD} in {where} (a database's or broker's out-of-the-box one): "
        "fine on a laptop, a known credential in production"
    )


def _allowed(value: str, ctx: Context) -> bool:
    """The configured allowlist: regular expressions searched in the value."""
    return any(re.search(pattern, value) for pattern in ctx.settings.secret_allowlist)


def _credential_message(name: str, literal: str) -> str:
    return f"Hard-coded credential in `{name}`: {secretscan.redact(literal)}"


def _weak_kind(name: str) -> tuple[str, str] | None:
    """What a short or plain literal under this name still is: a password, or the key a web
    framework signs sessions and cookies with (`app.secret_key = "supersecretkey"`)."""
    if secretscan.is_password_name(name):
        return "password", "a weak one, still a credential"
    if secretscan.is_signing_key_name(name):
        return "signing key", "a guessable one, still a secret"
    return None
