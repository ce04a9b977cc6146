"""RDY015 hardcoded-secret-fallback."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness_lint import names as n
from readiness_lint import secretscan
from readiness_lint.checks.base import LineRule, Sample

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context


# A settings module for a developer's machine or the tests (`settings/dev.py`, `local_settings.py`,
# `config_test.py`; not `devices.py`, `localization.py`)
_DEV_FILE = re.compile(
    r"(?:^|/)(?:(?:settings|config|conf)/)?(?:(?:settings|config|conf)[_.-])?(?:dev|development|local|test|testing)"
    r"(?:[_.-](?:settings|config|conf))?\.py$",
    re.IGNORECASE,
)
_SIGNING_KEY = re.compile(r"secret_?key|signing|jwt|session_?secret|^secret$", re.IGNORECASE)
# A slot a project template's renderer fills (`django-admin startproject --template`, cookiecutter)
_TEMPLATE_SLOT = re.compile(r"\{\{[^{}]*\}\}")  # (also an expression, `{{ random_ascii_string(64) }}`)
# A setting of the signing, not its key (`JWT_ACCESS_TOKEN_EXPIRATION_MINUTES`, `JWT_ALGORITHM`)
_SETTING = re.compile(
    r"expir|minutes?|hours?|days?|seconds?|ttl|lifetime|lifespan|length|timeout|max_?age|delta|algorithm|leeway"
    r"|rounds|validity|duration|period|interval|(?:^|_)(?:exp|mins?|secs?|hrs?)(?:_|$)",
    re.IGNORECASE,
)
# The public half of a key pair (`MINIO_ACCESS_KEY`, `AWS_ACCESS_KEY_ID`), not its secret half
_KEY_ID = re.compile(r"(?:^|_)access_?key(?:_?id)?$", re.IGNORECASE)
# a user name, which an object store's access key is (MinIO's `minio`, `minioadmin`, `minio_user`)
_USER_WORD = re.compile(r"[a-z][a-z_-]{0,19}")


def _user_word(value: str) -> bool:
    """A lower-case word that is no password (not `letmein`, `supersecret`, `devpass`, `apikey`)."""
    return (
        bool(_USER_WORD.fullmatch(value))
        and value not in secretscan.COMMON_PASSWORDS
        and not any(word in value for word in ("secret", "pass", "key", "token", "pwd"))
    )


def _credentials_in(value: str) -> str:
    """``"high"`` for a connection URL or string with a password in it (``mysql://root:toor@db/shop``),
    ``"medium"`` for a database's or broker's out-of-the-box one (``amqp://guest:guest@localhost/``,
    which the service would connect with all the same when the variable is missing), else ``""``."""
    if any(hit.kind.startswith("password in") for hit in secretscan.url_hits(value)):
        return "high"
    return "medium" if secretscan.default_credential_hits(value) else ""


# Words a read falls back to that say "not set" (`or 'False'`, `or "None"`)
_SENTINELS = frozenset({"false", "none", "null", "nil"})
# Credentials a provider issues (`TWITTER_ACCESS_TOKEN`, `OPENAI_API_KEY`, `TWITTER_CONSUMER_SECRET`):
# the provider refuses a stand-in word; a secret the code itself signs or encrypts with takes it as written
# (not a webhook's own secret token, which the service checks requests against)
_ISSUED = re.compile(r"^(?!.*webhook).*(?:token|api_?key|consumer|access_?key)", re.IGNORECASE)


class HardcodedSecretFallback(LineRule):
    code = "RDY015"
    name = "hardcoded-secret-fallback"
    why = "When the variable is missing in production the service starts anyway, with a key everyone who can read the repository knows."
    fix = "Fail loud when a secret is missing: os.environ['SECRET_KEY'], or a settings field without a default."
    what_it_does = (
        "Finds secrets read from the environment or a settings object with a literal fallback (reported at the fallback's line): "
        "`os.getenv('SECRET_KEY', 'dev-key')` (a signing key's number too, `default=123`), `os.environ.get(...) or '...'`, `config(..., default=...)`, "
        "command-line options that read a variable (`click.option(..., envvar=..., default=...)`), "
        "fields of a settings class (pydantic `BaseSettings`) with a literal default, and a literal bound "
        "when the variable is not set (`if not SECRET_KEY: SECRET_KEY = '...'`, `except KeyError:`); a "
        "connection URL or string with a password in it counts whatever the variable is called "
        "(`os.getenv('DATABASE_URL', 'postgres://app:s3cret@db/app')`; a database's or broker's out-of-the-box "
        "password, `amqp://guest:guest@localhost/`, with medium confidence). A fallback the "
        "code compares against elsewhere (a check that refuses `'changethis'` in production) passes, and so does a "
        "project template's slot (`'{{ secret_key }}'`, filled when the template is rendered), and a word "
        "that says the value is not set, `os.getenv('TWITTER_ACCESS_TOKEN') or 'False'` (`'None'`, `'null'`), "
        "for a token or API key a provider issues, which no provider accepts (a signing, webhook or encryption "
        "secret the code uses itself takes the word as written: reported). "
        "A default given to the read is reported where the read starts (a suppression comment on the "
        "literal's line counts too). The value is never shown."
    )
    why_bad = (
        "A fallback turns a configuration mistake into a security hole: nothing fails, the service "
        "signs sessions or connects with a published credential, and nobody notices. Production should "
        "refuse to start without its secrets."
    )
    references = ("https://cwe.mitre.org/data/definitions/1188.html",)
    VALID = (
        Sample('import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = os.getenv("DEBUG", "0")\n'),
        Sample('import os\n\nAPI_TOKEN = os.getenv("API_TOKEN", "")\n', note="empty: fails later, loudly"),
        Sample(
            'import os\n\nMINIO_ACCESS_KEY = os.getenv("MINIO_ACCESS_KEY", "minio")\n',
            note="an access key id that is a user name, the public half of the pair",
        ),
        Sample(
            "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            '    SECRET_KEY: str = "changethis"\n\n    def check(self):\n'
            '        if self.SECRET_KEY == "changethis" and self.ENVIRONMENT != "local":\n'
            '            raise ValueError("set SECRET_KEY")\n',
            note="a fallback the code rejects outside development",
        ),
    )
    INVALID = (
        Sample(
            'import click\n\n\n@click.command()\n@click.option("--secret-key", envvar="SECRET_KEY", default="development")\ndef main(secret_key):\n    serve(secret_key)\n'
        ),
        Sample('import os\n\nSECRET_KEY = os.getenv("SECRET_KEY", "dev-key")\n'),
        Sample('import os\n\nSECRET_KEY = os.getenv("SECRET_KEY", default=123)\n', note="a number anyone can guess"),
        Sample('import os\n\nDB_PASSWORD = os.environ.get("DB_PASSWORD") or "postgres"\n'),
        Sample(
            'import os\n\nSECRET_KEY = os.environ.get("SECRET_KEY")\nif not SECRET_KEY:\n    SECRET_KEY = "dev-only-key"\n'
        ),
        Sample('from decouple import config\n\nSTRIPE_API_KEY = config("STRIPE_API_KEY", default="sk_test_123")\n'),
        Sample('import os\n\nDATABASE_URL = os.getenv("DATABASE_URL", "postgres://shop:Kq93mVx2@db:5432/shop")\n'),
        Sample(
            'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    jwt_secret: str = "insecure-dev-secret"\n'
        ),
    )

    def on_env_fallback(self, read: cst.Call, fallback: cst.CSTNode, ctx: Context) -> None:
        key = n.read_key(read)
        value = n.string_value(fallback)
        number = n.int_value(fallback)
        if (
            value is None
            and number is not None
            and key is not None
            and _SIGNING_KEY.search(key)
            and not _SETTING.search(key)
        ):
            value = str(number)  # `os.getenv("SECRET_KEY", default=123)`: a key anyone can guess
        if key is None or not value:
            return
        # (a default given to the read itself is reported where the read starts, as a multi-line
        # `os.getenv(` call is read; one assigned in another statement, at the literal)
        inside = any(arg.value is fallback for arg in read.args)
        self._report(fallback, key, value, ctx, start=read if inside else None)

    def on_binding(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        if not ctx.class_bases or not ctx.target or "." in ctx.target:
            return
        if not any(base.endswith("BaseSettings") for base in ctx.class_bases[-1]):
            return
        literal = n.string_value(value)
        if literal:
            self._report(value, name, literal, ctx)

    def _report(self, node: cst.CSTNode, name: str, value: str, ctx: Context, start: cst.CSTNode | None = None) -> None:
        """Report ``name`` falling back to ``value`` when it is a secret's name, or when the value
        is a connection URL with a password in it (`getenv("DATABASE_URL", "postgres://app:s3cret@db/app")`)."""
        from readiness_lint.extract import literal_key

        if _TEMPLATE_SLOT.fullmatch(value):
            return  # `getenv("SECRET_KEY", "{{ secret_key }}")`: a project template's slot, filled before it runs
        if secretscan.is_secret_name(name):
            if secretscan.names_the_field(name, value) and not _SIGNING_KEY.search(name):
                # `getenv("SLACK_TOKEN", "slack_token")`: a placeholder no provider accepts (a signing
                # key, `getenv("FLASK_SECRET_KEY", "secret_key")`, works as written: it stays a fallback)
                return
            if value.strip().lower() in _SENTINELS and _ISSUED.search(name) and not _SIGNING_KEY.search(name):
                return  # (`getenv("TWITTER_ACCESS_TOKEN") or 'False'`: a switch's word, tested later; no provider's key)
            if _KEY_ID.search(name) and not _SIGNING_KEY.search(name) and _user_word(value):
                return  # (`getenv("MINIO_ACCESS_KEY", "minio")`: the user, its secret key read beside it)
            holding, confidence = "", "high"
        elif confidence := _credentials_in(value):
            holding = "with a password in it "
            if confidence == "medium" and _DEV_FILE.search(ctx.path):
                return  # (`settings/development.py`: the out-of-the-box password of a developer's machine)
        else:
            return
        ctx.report(
            self.name,
            node,
            f"Secret `{name}` falls back to a literal ({len(value)} chars) {holding}when it is not configured",
            key=literal_key(value),
            start=start,
            confidence=confidence,
        )
