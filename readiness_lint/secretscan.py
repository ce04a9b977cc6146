"""Judging whether a string literal is a credential, and redacting it.

Pure functions over strings: the extract stage decides which literals to ask about
(any literal for provider patterns; literals bound to secret-like names for the rest).
Every regular expression here is linear: no nested quantifiers, bounded repetition,
so a 10 MB line cannot make it backtrack.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from dataclasses import dataclass
from functools import lru_cache

# Provider-specific shapes. Each is a plain sequence of bounded character classes.
PROVIDER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("AWS access key id", re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b")),
    ("GitHub fine-grained token", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b")),
    ("GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,64}")),
    ("Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9\-]{10,255}")),
    (
        "Slack webhook",
        re.compile(r"https://hooks\.slack\.com/services/T[A-Za-z0-9_]{6,20}/B[A-Za-z0-9_]{6,20}/[A-Za-z0-9_]{12,40}"),
    ),
    # (the id and token of a Discord webhook: whoever holds the URL posts as it)
    (
        "Discord webhook",
        re.compile(
            r"https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/(?:v[0-9]+/)?webhooks/[0-9]{17,20}/[A-Za-z0-9_\-]{60,80}"
        ),
    ),
    ("Stripe key", re.compile(r"\b(?:sk|rk)_live_[A-Za-z0-9]{16,255}\b")),
    ("Stripe test key", re.compile(r"\b(?:sk|rk)_test_[A-Za-z0-9]{16,255}\b")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}")),
    # (also inside a Bot API URL, `https://api.telegram.org/bot<token>/sendMessage`)
    ("Telegram bot token", re.compile(r"(?<![0-9])[0-9]{8,10}:AA[0-9A-Za-z_\-]{33}(?![0-9A-Za-z_\-])")),
    # a Discord bot token: the bot's id in base64, a timestamp, an HMAC
    (
        "Discord bot token",
        re.compile(
            r"(?<![A-Za-z0-9_\-.])[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}(?![A-Za-z0-9_\-.])"
        ),
    ),
    # (Firebase Cloud Messaging's legacy server key: a project key, then a registration token)
    (
        "Firebase Cloud Messaging server key",
        re.compile(r"\bAAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{120,160}(?![A-Za-z0-9_\-])"),
    ),
    ("OpenAI-style secret key", re.compile(r"\bsk-(?:proj-|live-)?[A-Za-z0-9_\-]{32,255}")),
    # (an Azure Storage connection string's account key, and a Service Bus or Event Hubs one's)
    ("Azure storage account key", re.compile(r"AccountKey=[A-Za-z0-9+/]{86}==")),
    ("Azure shared access key", re.compile(r"SharedAccessKey=[A-Za-z0-9+/]{43}=")),
    (
        "private key block",
        re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"),
    ),
    (
        "JSON Web Token",
        re.compile(r"\beyJ[A-Za-z0-9_\-]{8,4096}\.eyJ[A-Za-z0-9_\-]{8,8192}\.[A-Za-z0-9_\-]{8,4096}"),
    ),
)

# scheme://user:password@host
URL_CREDENTIALS = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]{1,30}://([^\s:/@?#]{1,256}):([^\s/@?#]{1,256})@")
# OpenWeatherMap's API key is passed as `appid`: 32 hex digits (an `app_id` elsewhere is often public).
_APPID_KEY = re.compile(r"[?&]appid=([0-9a-f]{32})(?![0-9A-Za-z])")
# ?api_key=VALUE in a URL's query
URL_QUERY_SECRET = re.compile(
    r"[?&](api[_-]?key|apikey|key|token|access[_-]?token|access[_-]?key|app[_-]?key|auth[_-]?token|secret|client[_-]?secret"
    r"|password|passwd|pwd|sig|signature)=([^&\s#]{1,512})",
    re.IGNORECASE,
)

_SECRET_WORDS = re.compile(
    r"(?:^|_)(?:password|passwd|passphrase|pwd|secret|token|apikey|api_key|access_key|"
    r"secret_key|private_key|signing_key|encryption_key|master_key|auth_key|app_key|admin_key|"
    r"shared_key|"
    r"client_secret|credentials?|bearer)(?:_|$)"
    r"|_pass$"  # DB_PASS, SMTP_PASS, RABBITMQ_PASS (a lone `pass` or `bypass` is not)
    r"|_pw$"  # DB_PW, cred_pw
)
_SECRET_COMPACT = re.compile(
    r"(?:password|passwd|secret|token|apikey|accesskey|privatekey|secretkey)"
    # `INFLUXPASS`, `DBPASS`, `SMTPPASS`: a service's password with the word run on (not `bypass`, `compass`)
    r"|(?:db|sql|mysql|pg|postgres|influx|influxdb|mqtt|redis|smtp|mail|email|ftp|sftp|imap|ldap|rabbit|rabbitmq"
    r"|mongo|amqp|broker|admin|root|user)pass"
)

# A name containing one of these describes something about a secret, not the secret itself.
_NOT_A_SECRET_PARTS = frozenset(
    {
        "claim",  # `SLIDING_TOKEN_REFRESH_EXP_CLAIM`: the name of a claim inside a token
        # `ENCRYPTED_SLACK_TOKEN = "CiC..."`: ciphertext, decrypted with a key kept elsewhere (KMS)
        "encrypted",
        "ciphertext",
        "url",
        "uri",
        "urls",
        "endpoint",
        "template",
        "templates",
        "path",
        "file",
        "filename",
        "name",
        "names",
        "field",
        "fields",
        "header",
        "prefix",
        "suffix",
        "type",
        "length",
        "len",
        "min",
        "max",
        "expiry",
        "expires",
        "expire",
        "ttl",
        "lifetime",
        "timeout",
        "regex",
        "pattern",
        "label",
        "message",
        "msg",
        "help",
        "prompt",
        "next",
        "page",
        "continuation",
        "reset",
        "id",
        "ids",
        "count",
        "size",
        "format",
        "fmt",
        "param",
        "parameter",
        "key_name",
        "env",
        "var",
        "setting",
        "settings",
        "policy",
        "algorithm",
        "alg",
        "scheme",
        "mode",
        "hash",
        "hashed",
        "hasher",
        "hashers",
        "validator",
        "validators",
        "manager",
        "provider",
        "class",
        "backend",
        "storage",
        "location",
        "route",
        "view",
        "form",
        "input",
        "widget",
        "error",
        "errors",
        "required",
        "enabled",
        "rotation",
        "version",
        "arn",
        "ref",
        "kind",
        "query",
        "cookie",
        "encoding",
        "kwarg",
        "arg",
        "attr",
        "column",
        "col",
        "method",
        "source",
        "usage",
        "scope",
        "scopes",
        "audience",
        "issuer",
        "store",
        "cache",
        "keyring",
        "state",  # `password_state = "wrong"`: what a form shows about the password
        "status",
        "strength",
        "hint",
    }
)

# The word "password" in other languages (Portuguese, Spanish, German, Dutch, French): a placeholder
# in a settings file, as the word itself is, and the password itself when a connection is given it
PASSWORD_IN_OTHER_LANGUAGES = frozenset({"senha", "contraseña", "contrasena", "passwort", "wachtwoord", "motdepasse"})
# The word itself, in English or another language
PASSWORD_WORDS = frozenset({"password", *PASSWORD_IN_OTHER_LANGUAGES})

PLACEHOLDER_WORDS = (
    "changeme",
    "change-me",
    "change_me",
    "changethis",
    "change-this",
    "change_this",
    "be-changed",  # `this-really-needs-to-be-changed`
    "be_changed",
    "be changed",
    "replace",
    "your",
    "example",
    "sample",
    "dummy",
    "placeholder",
    "censored",
    "redacted",
    "fake",
    "xxx",
    "todo",
    "fixme",
    "redacted",
    "insert",
)
# Marks of a template or a masked value; a long random key may hold one by chance (Django's
# generated keys draw from `!@#$%^&*(-_=+)`: `...6%(lmgw...`), so there they do not count.
_MASK_MARKS = frozenset({"***", "..."})
_TEMPLATE_MARKS = ("<", "${", "{{", "%s", "%(", *sorted(_MASK_MARKS))
_PLACEHOLDER_EXACT = frozenset(
    {
        "",
        "none",
        "null",
        "nil",
        "test",
        "testing",
        "secret",
        "password",
        "passwd",
        "pass",
        *PASSWORD_IN_OTHER_LANGUAGES,
        "sqlite",  # a database engine's name given where SQLite takes no password
        "sqlite3",
        "token",
        "key",
        "apikey",
        "api_key",
        "default",
        "guest",
        "admin",
        "root",
        "postgres",
        "mysql",
        "user",
        "username",
        "foo",
        "bar",
        "baz",
        "qwerty",
        "letmein",
        "demo",
        "dev",
        "development",
        "local",
        "sandbox",
        "empty",
        "notset",
        "not-set",
        "unset",
        "x",
        "abc",
        "bearer",
        "basic",
        "required",
        "optional",
        "true",
        "false",
    }
)


@dataclass(frozen=True)
class SecretHit:
    kind: str
    value: str


@lru_cache(maxsize=8192)  # (asked for every name bound in every file: the same names again and again)
def is_secret_name(name: str) -> bool:
    """Whether an identifier, keyword or dict key names a credential.

    ``DB_PASSWORD`` and ``apiKey`` do; ``TOKEN_URL``, ``PASSWORD_RESET_TEMPLATE``,
    ``NextToken`` and ``password_field`` name something about a credential and do not.
    """
    snake = _to_snake(name)
    if _NAMED_KEYS.search(snake):
        return True  # `AccountKey`: a storage account's key; Tornado's `cookie_secret`
    parts = snake.split("_")
    if any(part in _NOT_A_SECRET_PARTS for part in parts):
        return False
    if parts[-1] in {"dir", "dirs", "folder", "folders", "directory"}:
        return False  # `TOKEN_FOLDER = Path(...)`: where tokens are kept (not `DIR_BIND_PASSWORD`)
    if snake == "google_application_credentials":
        return False  # the path of a service account's key file, which Google's clients read
    if name == "PASS":
        return True  # a `PASS` constant is a password (a "pass" key may be a test's verdict)
    if snake in {"key", "auth", "pass"}:
        return False
    if _SECRET_WORDS.search(snake):
        return True
    return bool(_SECRET_COMPACT.fullmatch(snake.replace("_", "")))


# Secrets named with a word that elsewhere describes something else (`TOKEN_STORAGE`, `cookie_name`)
# (Telegram's `api_hash` is the app's secret half of its API credentials)
# (and Stripe's `endpoint_secret`, a webhook endpoint's signing secret)
_NAMED_KEYS = re.compile(r"(?:^|_)(?:account_key|cookie_secret|endpoint_secret)$|^(?:telegram_|tg_|app_)?api_hash$")
# `storage_key` names a storage account's key, or an object's key in a bucket (`"exports/latest.csv"`);
# `serviceKey`, a public-data portal's API key (data.go.kr's), or a service's name in a table
_STORAGE_KEY_NAME = re.compile(r"(?:^|_)(?:storage|service)_key$")
_ACCOUNT_KEY_VALUE = re.compile(r"[A-Za-z0-9+/]{40,}={0,2}")


# `binance_api = "PgAsjF..."`: an exchange's API key kept under the service's name and "api"
_API_NAME = re.compile(r"(?:^|_)(?:api|key)$")  # (`binance_api`, `api_data_gov_key`, `bot_key`)
_RANDOM_TOKEN = re.compile(r"[A-Za-z0-9]{32,128}")


def looks_like_api_key_under_api(name: str, value: str) -> bool:
    """``binance_api = "PgAs..."``, ``api_data_gov_key = "ecnp..."``: a name ending in ``api`` or
    ``key`` holding a long random token, mixed case and digits (a URL, a version or a word there is
    no key; nor a cache's or a table's key, which is no random token)."""
    return (
        bool(_API_NAME.search(_to_snake(name)))
        and bool(_RANDOM_TOKEN.fullmatch(value))
        and shannon_entropy(value) >= 4.5
        and any(c.isdigit() for c in value)
        and any(c.isupper() for c in value)
        and any(c.islower() for c in value)
    )


def looks_like_appid_key(name: str, value: str) -> bool:
    """``{"appid": "048eca2c..."}``: OpenWeatherMap's API key, passed as ``appid`` (32 hex digits;
    an ``app_id`` elsewhere is often public, and is not read here)."""
    return name.lower() == "appid" and bool(_HEX_KEY.fullmatch(value)) and not _FILLER_RUN.search(value)


_HEX_KEY = re.compile(r"[0-9a-f]{32}")


def looks_like_hex_key(value: str) -> bool:
    """32 or more lower-case hex digits, letters and digits both, no run of one filler character:
    how many APIs hand out a secret (Twilio's auth token, OpenWeatherMap's key)."""
    return (
        len(value) >= 32
        and bool(_HEX_KEY.match(value))
        and all(c in "0123456789abcdef" for c in value)
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and not _FILLER_RUN.search(value)
    )


def looks_like_storage_account_key(name: str, value: str) -> bool:
    """``storage_key = "warLcMsc...=="``: a name that may hold a storage account's key, holding
    one (long base64, as Azure's are), not an object's path."""
    return (
        bool(_STORAGE_KEY_NAME.search(_to_snake(name)))
        and bool(_ACCOUNT_KEY_VALUE.fullmatch(value))
        and shannon_entropy(value) >= 4.5
    )


def looks_like_random_bytes(value: str) -> bool:
    """Bytes written out as a literal (``b"_5#y2L\\n\\xec]/"``, one character per byte) that hold
    bytes no text has: the output of a random generator pasted into the code."""
    unprintable = any(ord(c) >= 0x7F or (ord(c) < 0x20 and c not in "\t\r\n") for c in value)
    return len(value) >= 16 and unprintable and shannon_entropy(value) >= 3.5


@lru_cache(maxsize=8192)
def _to_snake(name: str) -> str:
    out: list[str] = []
    prev_lower = False
    for ch in name:
        if ch.isupper() and prev_lower:
            out.append("_")
        out.append(ch.lower())
        prev_lower = ch.islower() or ch.isdigit()
    snake = "".join(out)
    for sep in ("-", ".", " "):
        snake = snake.replace(sep, "_")
    return snake.strip("_")


# Words that mark a dummy only as a word of their own (`mock_secret_key`, not `Hammock-2024`).
_PLACEHOLDER_TOKEN = re.compile(r"(?:^|[^a-z])mock(?:[^a-z]|$)")
# `"TU_WPISZ_TOKEN"`, `"BOT_TOKEN_HERE"`: a constant's name standing in for the value
_NAMED_STAND_IN = re.compile(r"[A-Z0-9]*_[A-Z0-9_]*(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|PWD)[A-Z0-9_]*")
# `"password-here"`, `"api key goes here"`: what belongs there, and where; `"some_secret"`: some value
# (also `"somerandomstring"`, and after a bot's id, `"12345:somerandomstring"`)
_PHRASE_STAND_IN = re.compile(
    r"[a-z][-_ ](?:goes[-_ ])?here$|(?:^|:)some[-_ ]?(?:random[-_ ]?)?(?:secret|key|password|token|value|string)s?$"
    # `"senha.email"`, `"email.password"`: the word "password" and what it is for, as a dotted name
    + r"|^(?:{words})\.[a-zñ]+$|^[a-zñ]+\.(?:{words})$".format(words="|".join(sorted(PASSWORD_WORDS)))
)
# `"botToken"`, `"apiKey"`, `"api_token"`: the name of what belongs there, written as one word (not
# `"superSecret"` or `"adminPassword"`, which are weak secrets people do commit)
_WORD_STAND_IN = re.compile(
    r"(?:bot|api|access|auth|client|app|bearer|refresh|session)(?:Token|Key|Secret|_token|_key|_secret)"
)
# A file's name: where a credential is kept, not the credential (Mastodon.py keeps its tokens in
# `*.secret` files: `Mastodon(access_token="pytooter_usercred.secret")`)
_FILE_NAME = re.compile(
    r"\.(?:json|pem|key|p12|pfx|crt|cer|txt|ya?ml|ini|cfg|conf|env|properties|secret)$", re.IGNORECASE
)

# A regular expression's marks. Strong ones: a class escape (`\w`, `\d`), a group's opening (`(?:`,
# `(?=`), a negated or ranged class (`[^`, `[A-Z`); weak ones, which a generated password holds
# now and then: an escaped mark (`\.`, `\?`), a quantified class or group (`]*`, `)?`).
_STRONG_REGEX_MARK = re.compile(r"\\[wdsWDSbB]|\(\?[:=!<P#]|\[\^|\[[A-Za-z0-9]-[A-Za-z0-9]")
_WEAK_REGEX_MARK = re.compile(r"\\[.()\[\]|+*?{}]|[\])][*+?]")
# A class escape quantified (`\d+`, `\w*`), or a value that is one bracketed class (`[A-Za-z_]`, `[ \t]+`)
_REGEX_ALONE = re.compile(r".*\\[wdsWDS][*+?{].*|\[[^\]]+\][*+?]?", re.DOTALL)


def looks_like_regex(value: str, password: bool = False) -> bool:
    """A regular expression (``r"[^\\W\\d]\\w*"``, ``r"(?=\\s|#)"``, ``r"\\d+[smhd]"``): a
    quantified class escape or one bracketed class alone, or two marks of which one is strong (a
    generated password may hold two weak ones, `\\?` and `)*`, by chance). Bound to a password's
    name (``PASSWORD_RE = r"^(?=.*[a-z])(?=.*\\d).{8,}$"``, a strength rule), two strong marks: a
    generated password of 24 characters holds one about one time in 40, two about one in 3,000."""
    strong = len(_STRONG_REGEX_MARK.findall(value))
    if password:
        return strong >= 2
    if _REGEX_ALONE.fullmatch(value):
        return True
    return strong >= 1 and strong + len(_WEAK_REGEX_MARK.findall(value)) >= 2


# A token's published prefix and a wildcard for the rest (`xoxb-*`, `xapp-1-*`, `sk_live_*`,
# `ghp_*`): Slack, Stripe, GitHub, GitLab, OpenAI, npm, PyPI, Hugging Face, DigitalOcean
# (the prefixes long enough not to begin a word by chance; `sk`, `pk`, `rk` and `hf` besides)
_LONG_PREFIXES = r"xox[abposr]|xapp|whsec|gh[pousr]|github_pat|glpat|npm|pypi|dop_v1"
_TOKEN_PREFIX = re.compile(rf"(?:{_LONG_PREFIXES}|sk|pk|rk|hf)(?:[-_][a-z0-9]{{1,4}})*[-_]\*")


# A token's prefix followed by lower-case words alone (a real token has digits in it)
# (the longer prefixes only, and a word or two: not `sk_session_signing_secret`, a weak key in use)
_PREFIXED_WORDS = re.compile(rf"(?:{_LONG_PREFIXES})(?:[-_][a-z]{{2,}}){{1,2}}")


def is_placeholder(value: str) -> bool:
    """Placeholders, templates and well-known dummy values are not secrets."""
    stripped = value.strip()
    lowered = stripped.lower()
    if lowered in _PLACEHOLDER_EXACT or stripped in _TELEGRAM_SAMPLES:
        return True
    if any(word in lowered for word in PLACEHOLDER_WORDS) or _PLACEHOLDER_TOKEN.search(lowered):
        return True
    # (a mask, `sk-Ab3d...NoP2`, hides a key up to 32 characters; a template's other marks, 24)
    marks = {mark for mark in _TEMPLATE_MARKS if mark in lowered}
    if marks and _not_a_random_key(stripped, 32 if marks & _MASK_MARKS else 24):
        return True
    if stripped.startswith("$") or (stripped.startswith("{") and stripped.endswith("}")):
        return True
    if _NAMED_STAND_IN.fullmatch(stripped) or _WORD_STAND_IN.fullmatch(stripped) or _PHRASE_STAND_IN.search(lowered):
        return True
    if len(stripped) > 4 and stripped.startswith("__") and stripped.endswith("__"):
        return True  # `__DB_PASS__`: a token a deploy step replaces
    if _TOKEN_PREFIX.fullmatch(stripped):
        return True  # `xapp-1-*`, `xoxb-*`: a token's prefix, the rest left to fill in
    if _PREFIXED_WORDS.fullmatch(stripped):
        return True  # `xoxp-bot-token`, `sk_live_key`: a token's prefix and words saying what goes there
    # A run of one repeated character ("xxxxxxxx", "********", "00000000"), or of a mark and a
    # separator ("x-x-x", "*.*"); two letters or digits ("haha", "1212") are a weak password.
    distinct = set(lowered)
    return len(distinct) == 1 or (len(distinct) == 2 and not lowered.isalnum())


# A template's slots, by their structure: `%(name)s`, `{project_id}`, `${VAR}`, `{{ var }}`, `<your key>`.
_TEMPLATE = re.compile(r"%\(\w+\)[sdifr]|\{[\w.]*\}|\$\{\w+\}|\{\{[^{}]*\}\}|<[\w .-]+>")


def _not_a_random_key(value: str, min_length: int) -> bool:
    """A value holding a template's slots, or without a generated key's shape (long, letters,
    digits and marks, no structure): its template or mask marks are meant."""
    if _TEMPLATE.search(value):
        return True
    return not (
        len(value) >= min_length and _char_classes(value) >= 3 and shannon_entropy(value) >= 4.3 and " " not in value
    )


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    total = len(value)
    return -sum((n / total) * math.log2(n / total) for n in counts.values())


def _generated(token: str) -> bool:
    """A token with a generated key's mix: three kinds of character, no run of one, no order
    (`abcdef`, `012345`: a hand-written stand-in)."""
    return (
        _char_classes(token) >= 3
        and shannon_entropy(token) >= 4.0
        and not is_placeholder(token)
        and not _ORDERED_RUN.search(token.lower())
    )


def looks_like_generated_key(value: str) -> bool:
    """A key a generator made, not a word a person typed: 16 characters or more with a generated
    key's mix (`_generated`), or a hex key's 32 digits or more (`f376d32d14b0...`). What a
    secret's environment read falls back to is reported as a leaked secret only with this shape."""
    if len(value) < 16 or any(c.isspace() for c in value) or _FILLER_RUN.search(value):
        return False
    return looks_like_hex_key(value) or (_generated(value) and not _TEMPLATE.search(value))


_ORDERED_RUN = re.compile(
    "|".join(
        alphabet[i : i + 6]
        for alphabet in ("abcdefghijklmnopqrstuvwxyz", "0123456789")
        for i in range(len(alphabet) - 5)
    )
)


def _char_classes(value: str) -> int:
    classes = 0
    classes += any(c.islower() for c in value)
    classes += any(c.isupper() for c in value)
    classes += any(c.isdigit() for c in value)
    classes += any(not c.isalnum() for c in value)
    return classes


# Four groups of four lower-case letters: a Google account's app password (SMTP, IMAP).
_APP_PASSWORD = re.compile(r"[a-z]{4}(?: [a-z]{4}){3}")


_KEYBOARD_ROWS = "qwertyuiop asdfghjkl zxcvbnm"


def _random_groups(groups: list[str], vowels: int = 4) -> bool:
    """Four groups of letters that look drawn at random, as Google's are: none a run of the
    alphabet or of a keyboard row (`abcd`, `qwer`) or one letter repeated, and no more vowels than
    chance gives (`"pass word goes here"`, `"fill this with real"` are words standing in). Sixteen
    letters drawn at random hold five vowels or more about one time in six: bound to a mail
    password's name, where Google's app passwords go, up to six are allowed."""
    for group in groups:
        if len(set(group)) == 1 or group in "abcdefghijklmnopqrstuvwxyz" or group in _KEYBOARD_ROWS:
            return False
        if group in _COMMON_WORDS:
            return False  # (`"fill this with real"`: words; a drawn group is one of these once in 3,000)
    return len(set(groups)) == 4 and sum(c in "aeiou" for c in "".join(groups)) <= vowels


# Common four-letter English words: a phrase of them stands in for a password
_COMMON_WORDS_TEXT = """
    able also area away back bank base been best body book both call came case city come cost data
    days deal done door down each easy else even ever face fact fill find fine five form four free
    from full game gave give goes gone good have head hear help here high hold home hope info into
    just keep kind knew know last late left less life like line list live long look lose made mail
    make many mind more most move much must name near need news next nice none note once only open
    over page part pass past path plan play pull push real rest role room rule safe said same save
    seen self send sent show side sign site some soon stay step stop such sure take talk team tell
    test text than that them then they this time told type unit upon used user very view want week
    well went were what when will with word work year your yours zero
    """
_COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())


# Words run together in camel case, each with a vowel: `tokenNotUsedAnymore`, `couldNotExpireTheToken`
_CAMEL_WORDS = re.compile(r"[A-Za-z][a-z]+(?:[A-Z][a-z]+)+")


def looks_generated(value: str) -> bool:
    """A password of eight characters or more mixing upper and lower case and digits (or
    symbols): generated or chosen to be one, not a word an example uses (``mypass123``)."""
    return len(value) >= 8 and _char_classes(value) >= 3


def is_word_phrase(value: str) -> bool:
    """Words run together in camel case, each with a vowel: a state's or a message's name, not a
    generated token (``aB3xK9``) or a key."""
    return bool(_CAMEL_WORDS.fullmatch(value)) and all(
        set("aeiouy") & set(word.lower()) for word in re.findall(r"[A-Z]?[a-z]+", value)
    )


def looks_like_credential(value: str, mail: bool = False) -> bool:
    """Whether a literal bound to a secret-like name has a credential's shape (``mail``: the
    name is a mail account's, `MAIL_PASSWORD`, `smtp_pass`)."""
    if len(value) < 6 or len(value) > 4096:
        return False
    if _APP_PASSWORD.fullmatch(value) and _random_groups(value.split(), 6 if mail else 4) and not is_placeholder(value):
        return True  # a Google app password as Google shows it: `"rvuy lpvi pkuw czkg"`
    if any(c.isspace() for c in value):
        return False
    # (a key of 24 characters may hold braces: `'B;}}S5Cx@->^^"hQT{T,GJ@YI*><17'`)
    if (("{" in value and "}" in value) or "%s" in value or "%(" in value) and _not_a_random_key(value, 24):
        return False  # a format template, filled in at run time
    if is_placeholder(value):
        return False
    if value.startswith(("/", "./", "http://", "https://")) and "@" not in value:
        return False
    if value.startswith(("/", ".//", "(/")) and "[@" in value:
        return False  # an XPath: `PASSWORD = '//*[@id="password"]'` finds the field on a page
    if _FILE_NAME.search(value):
        return False  # `credentials = "gcp_private_key.json"`: where the secret is, not the secret
    classes = _char_classes(value)
    if classes >= 2:
        return True
    return len(value) >= 12 and shannon_entropy(value) >= 3.0


def _discord_bot_id(segment: str) -> bool:
    """A Discord token opens with the bot's numeric id in base64: decode it and look."""
    try:
        decoded = base64.b64decode(segment + "=" * (-len(segment) % 4), altchars=b"-_", validate=False)
    except (ValueError, binascii.Error):
        return False
    return 17 <= len(decoded) <= 20 and decoded.isdigit()


# Six or more of one letter or digit in a row: a generated credential has none (the chance is
# about one in a billion per position); a template filled with X's or zeros has them.
_FILLER_RUN = re.compile(r"([A-Za-z0-9])\1{5,}")


# A part every provider pattern above needs, in one scan: most literals hold none, and are
# then not scanned fifteen times (the Discord bot token's only fixed part is its six-character
# middle between two dots).
_PROVIDER_HINT = re.compile(
    r"AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|hooks\.slack\.com|discord|_live_|_test_"
    r"|AIza|:AA|:APA91b|\.[A-Za-z0-9_\-]{6}\.|sk-|-----BEGIN|eyJ|AccountKey=|SharedAccessKey="
)


def provider_hits(text: str) -> list[SecretHit]:
    """Credentials recognisable by shape alone, anywhere in a literal."""
    if len(text) < 16 or not _PROVIDER_HINT.search(text):
        return []
    hits: list[SecretHit] = []
    for kind, pattern in PROVIDER_PATTERNS:
        for match in pattern.finditer(text):
            value = match.group(0)
            if "example" in value.lower() or "EXAMPLE" in value:
                continue
            if _FILLER_RUN.search(value):
                continue  # `xoxb-XXXXXXX-XXXXXX`, `AKIA0000000000000000`: the shape, filled in by hand
            if value.partition("=")[2] in _AZURE_SAMPLE_KEYS:
                continue  # the storage emulator's well-known key (Azurite), printed in Microsoft's docs
            if kind == "Discord webhook" and not _generated(value.rpartition("/")[2]):
                continue  # (a token spelt by hand: `abcdefgh...`)
            if kind == "Telegram bot token" and (shannon_entropy(value) < 3.5 or value in _TELEGRAM_SAMPLES):
                continue  # `123456789:AAAAAAAA...`: a placeholder of the right shape, or the docs' sample
            if kind == "Discord bot token" and not _discord_bot_id(value.partition(".")[0]):
                continue  # (a dotted name of the right lengths is not a token)
            hits.append(SecretHit(kind, value))
    return hits


# The storage emulator's account key, the same for everyone (Azurite, the Azure Storage Emulator)
_AZURE_SAMPLE_KEYS = frozenset(
    {"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="}
)


# The bot tokens Telegram's own documentation shows (Bot API, BotFather): samples, not anyone's bot
_TELEGRAM_SAMPLES = frozenset(
    {"123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11", "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"}
)


# An ODBC/ADO.NET connection string: `DRIVER={...};SERVER=db;UID=sa;PWD=...`.
_CONNECTION_STRING = re.compile(r"(?:^|;)\s*(?:server|data source|driver|host|dsn)\s*=", re.IGNORECASE)
_CONNECTION_PASSWORD = re.compile(r"(?:^|;)\s*(?:pwd|password)\s*=\s*([^;]+)", re.IGNORECASE)
# libpq's keyword form, the whole string of `key=value` pairs: "dbname=shop user=shop password=... host=db"
_LIBPQ_PAIR = re.compile(
    r"(?:dbname|host|hostaddr|port|user|password|sslmode|connect_timeout|application_name|options"
    r"|target_session_attrs|sslrootcert|sslcert|sslkey)=(?:[^\s()\[\]<>{}%$'\"]+|'[^\s'{}%$]*')"
)


# `--password=VALUE` written into a command (not `--password-file=...`, nor a variable's slot)
_PASSWORD_OPTION = re.compile(r"(?:^|\s)--?(?:password|passwd|pass)=(?!['\"])([^\s'\"]+)")
# Where a command takes its password from, not the password: `$VAR`, `{pw}`, a backquoted command,
# `@file`, `file:...`, `env:VAR`, `keyring`, a prompt (and any value holding a template's marks)
_PASSWORD_SOURCE = re.compile(r"[@`]|(?:file|env|pass|fd|stdin|keyring|prompt)(?::|$)|.*[{}%$<>`]", re.IGNORECASE)


def url_hits(text: str) -> list[SecretHit]:
    """Passwords embedded in URLs (``scheme://user:pass@host``, ``?api_key=...``) and in
    connection strings (``SERVER=db;UID=sa;PWD=...``)."""
    hits: list[SecretHit] = []
    if ";" in text and _CONNECTION_STRING.search(text):
        for match in _CONNECTION_PASSWORD.finditer(text):
            value = match.group(1).strip()
            if len(value) >= 4 and not is_placeholder(value) and "{" not in value and "%" not in value:
                hits.append(SecretHit("password in connection string", value))
    if "password=" in text:
        pairs = text.split()
        if len(pairs) >= 2 and all(_LIBPQ_PAIR.fullmatch(pair) for pair in pairs):
            # (libpq quotes a value in single quotes: `password='1234'`)
            value = next(pair[len("password=") :] for pair in pairs if pair.startswith("password=")).strip("'")
            if len(value) >= 4 and not is_placeholder(value):
                hits.append(SecretHit("password in connection string", value))
    if "-pass" in text:
        # a command line's `--password=...` (`["mysqldump", "--user=root", "--password=Sonne"]`)
        for match in _PASSWORD_OPTION.finditer(text):
            value = match.group(1)
            if len(value) >= 4 and not is_placeholder(value) and not _PASSWORD_SOURCE.match(value):
                hits.append(SecretHit("password on a command line", value))
    if "://" not in text and "?" not in text:
        return hits
    for match in URL_CREDENTIALS.finditer(text):
        user, password = match.group(1), match.group(2)
        if is_placeholder(password) or password == user or "%" in password or "{" in password:
            continue
        hits.append(SecretHit("password in URL", password))
    # (not a placeholder, nor the documentation's sample key on its samples host)
    samples = "samples.openweathermap.org" in text
    for match in () if samples else _APPID_KEY.finditer(text):
        if not is_placeholder(match.group(1)):
            hits.append(SecretHit("API key (appid) in URL query", match.group(1)))
    for match in URL_QUERY_SECRET.finditer(text):
        value = match.group(2)
        if len(value) < 6 or is_placeholder(value) or "{" in value or "%" in value:
            continue
        hits.append(SecretHit(f"{match.group(1)} in URL query", value))
    return hits


# Passwords every installation of a database or broker starts with: anyone can guess them.
DEFAULT_PASSWORDS = frozenset({"postgres", "guest", "root", "admin", "mysql", "rabbitmq"})
# The superusers of the official database images (PostgreSQL, MySQL/MariaDB, MongoDB), and their URLs
_IMAGE_SUPERUSERS = frozenset({"postgres", "root", "mongo", "admin"})
_DATABASE_URL = re.compile(r"(?:[\w+]*\+)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?)(?:\+\w+)?://", re.I)


# Words that would be placeholders in a settings file, but are the password itself when a connection
# call is given them.
COMMON_PASSWORDS = frozenset(
    {"default", "password", "passwd", "pass", "secret", "test", "qwerty", "letmein", "changeme", "demo", "dev", "user"}
    | {"123", "1234", "12345", "123456", "12345678", "toor"}
    | PASSWORD_IN_OTHER_LANGUAGES
)
_CONNECTS = (
    *("connect", "create_engine", "create_pool", "Redis", "StrictRedis", "MongoClient", "login"),
    *("InfluxDBClient", "FTP", "FTP_TLS", "PlainCredentials"),
)


def is_connection_call(callee: str | None) -> bool:
    """A call that opens a connection or logs in with the credentials it is given."""
    if not callee:
        return False
    last = callee.rpartition(".")[2]
    if last.lower().startswith("disconnect"):
        return False
    return last in _CONNECTS or last.endswith(("connect", "Connection", "ConnectionPool"))


def is_password_name(name: str) -> bool:
    """A name for a password itself (``password``, ``DB_PASSWD``, ``pwd``), not for a token or key."""
    parts = _to_snake(name).split("_")
    return is_secret_name(name) and any(part in {"password", "passwd", "pwd", "pass"} for part in parts)


def is_token_name(name: str) -> bool:
    """A name for a token or an API key (``token``, ``API_KEY``, ``access_key``), not for a
    password, a passphrase or a signing secret (``JWT_SECRET``), which may well be short."""
    parts = set(_to_snake(name).split("_"))
    return (
        is_secret_name(name)
        and bool(parts & {"token", "key", "apikey"})
        and not parts & {"password", "passwd", "pwd", "pass", "passphrase", "secret", "signing"}
    )


def is_signing_key_name(name: str) -> bool:
    """A name for the key a web framework signs sessions and cookies with (``SECRET_KEY``,
    ``app.secret_key``, Tornado's ``cookie_secret``)."""
    snake = _to_snake(name)
    return is_secret_name(name) and (snake == "secret_key" or snake.endswith(("_secret_key", "cookie_secret")))


def looks_like_key_phrase(value: str) -> bool:
    """A signing key written as a few words with marks or digits (``'#super secret key!#'``):
    guessable, but the key the sessions are signed with all the same; not words alone (a label,
    ``"Session signing key"``, or an instruction, ``"generate a new key"``), not a sentence asking
    for one (``change me``, ``put your key here``: placeholders), nor a template."""
    words = value.split()
    if not 8 <= len(value) <= 64 or not 2 <= len(words) <= 5 or any(len(w) > 20 for w in words):
        return False
    # (a key typed as one, marks or digits in it; words alone are a label or an instruction:
    # "Session signing key", "generate a new key")
    if all(c.isalpha() or c.isspace() for c in value) or value.rstrip().endswith((".", ":")):
        return False
    lowered = value.lower()
    if is_placeholder(value) or any(
        w in lowered.split() for w in ("change", "me", "here", "put", "set", "insert", "todo")
    ):
        return False
    return not _templated(value)


def looks_like_weak_password(value: str) -> bool:
    """A literal short or plain enough to fail the credential shape, but a password all the same:
    one word, no spaces, not a placeholder or a template."""
    if not 4 <= len(value) <= 128 or any(c.isspace() for c in value) or is_placeholder(value):
        return False
    if _FILE_NAME.search(value):
        return False
    return not (_templated(value) or value.startswith(("/", "$")))


def _templated(value: str) -> bool:
    """A format template, filled in at run time: ``{name}``, ``%s``, ``%(name)s``."""
    return ("{" in value and "}" in value) or "%s" in value or "%(" in value


_URL_CREDENTIALS_HOST = re.compile(URL_CREDENTIALS.pattern + r"([^\s:/?#]{0,256})")  # (no host: an f-string's)
# User and host names of a documentation example (`postgres://user:password@host/dbname`).
_PLAIN_PART = re.compile(r"[\w.\-]+")
_EXAMPLE_PARTS = frozenset({"user", "username", "usr", "login", "name", "host", "hostname", "server", "example.com"})


def password_word_in_use(user: str, host: str) -> bool:
    """``postgres://postgres:password@localhost:5400/shop`` (or a dict of connection settings with
    that user, password and host): the word "password" given by a real user name for a real host
    is the password that database was set up with (not ``user:password@host``, a documentation
    example)."""
    return (
        bool(user)
        and bool(host)
        and all(
            part.lower() not in _EXAMPLE_PARTS and _PLAIN_PART.fullmatch(part) and not part.lower().startswith("your")
            for part in (user, host)
        )
    )


# A host as written in connection settings: a name with a dot, an IP address, localhost, or a
# Compose service's usual name (`"host": "db"`)
_HOST_SHAPE = re.compile(
    r"localhost|\d{1,3}(?:\.\d{1,3}){3}|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|db|database|mysql|mariadb|postgres|postgresql|pgsql|mongo|mongodb"
)


def settings_password_in_use(user: str, host: str) -> bool:
    """``{"user": "roach", "password": "password", "host": "db.internal"}``: the word "password" beside
    a real user and a host-shaped host (not a form's input types, `{"host": "text", "user": "text"}`,
    nor a map of settings to their names, `{"host": "db_host", "user": "db_user"}`)."""
    return (
        password_word_in_use(user, host)
        and bool(_HOST_SHAPE.fullmatch(host))
        and not host.lower().startswith("example.")
        and "user" not in user.lower()
        and user.lower() not in _TYPE_WORDS
    )


_TYPE_WORDS = frozenset({"text", "string", "str", "char", "varchar", "input", "field", "value"})


def is_mail_name(name: str) -> bool:
    """A mail account's name: `MAIL_PASSWORD`, `smtp_pass`, `EMAIL_HOST_PASSWORD`, `gmailPassword`."""
    return bool(set(_to_snake(name).split("_")) & {"mail", "email", "smtp", "gmail"})


def names_the_field(name: str, literal: str) -> bool:
    """``{"APP_DB_PASSWORD": "db_password"}``, ``getenv("SLACK_TOKEN", "slack_token")``: a
    variable given the name of the field it fills, the end of the one spelled as the other."""
    if not literal.isidentifier():
        return False
    if "_" in literal and name.lower().endswith(literal.lower()):
        return True
    # (`TOKEN_EXPIRED = "tokenExpired"`: the name written in camel case, an error code's value)
    flat = literal.lower()
    if any(c.isupper() for c in literal[1:]) and name.replace("_", "").lower() == flat:
        return True
    # (`access_token="token_juan"`, `refresh_token="refresh_maria"`: a test's stand-in, the
    # field's word and whose it is; a token is generated, never two words like that)
    word = literal.partition("_")[0]
    return is_token_name(name) and _STAND_IN_PAIR.fullmatch(literal) is not None and word in _to_snake(name).split("_")


_STAND_IN_PAIR = re.compile(r"[a-z]{3,12}_[a-z]{2,12}")


DEFAULT_IN_URL = "default password in URL"  # (the kind a database's or broker's own default is reported as)


def default_credential_hits(text: str) -> list[SecretHit]:
    """Well-known default passwords in URLs (``amqp://guest:guest@``, ``postgres:postgres@``),
    a password that repeats the user name (``amqp://shop_mq:shop_mq@``), and the word "password"
    (also in another language, ``senha``) or "pass" given by a real user for a real host (``postgres://app:password@db``): not secret, but
    credentials all the same, which production must not run with."""
    if "password=" in text and "://" not in text:
        # (libpq's keyword form: "dbname=gnaf user=postgres password=postgres")
        pairs = text.split()
        if len(pairs) >= 2 and all(_LIBPQ_PAIR.fullmatch(pair) for pair in pairs):
            fields = {key: value.strip("'") for key, _, value in (pair.partition("=") for pair in pairs)}
            password = fields.get("password", "")
            if password.lower() in DEFAULT_PASSWORDS or (
                password == fields.get("user") and len(password) >= 4 and "%" not in password
            ):
                return [SecretHit("default password in a connection string", password)]
        return []
    if "://" not in text:
        return []
    # (the guessable kinds only in a string that is the URL alone: not a help text, an error
    # message or a docstring quoting `postgresql://shop:password@localhost/shop` as an example)
    alone = not any(c.isspace() for c in text.strip())
    hits = []
    for match in _URL_CREDENTIALS_HOST.finditer(text):
        user, password, host = match.groups()
        if password.lower() in DEFAULT_PASSWORDS:
            hits.append(SecretHit(DEFAULT_IN_URL, password))
        elif (
            alone
            and password == "example"
            and user.lower() in _IMAGE_SUPERUSERS
            and _DATABASE_URL.match(text.strip())
            and not host.lower().startswith("example.")
            and ".example." not in host.lower()
        ):
            # (`postgres:example@db`: the password the database images' published Compose examples
            # set, `POSTGRES_PASSWORD: example`, kept as the real one)
            hits.append(SecretHit(DEFAULT_IN_URL, password))
        elif alone and (password == "pass" or password in PASSWORD_WORDS) and password_word_in_use(user, host):
            # (`postgresql://postgres:pass@db:5432/urls`: the word, given by a real user for a real host)
            hits.append(SecretHit("password in a URL, the word 'password' or its like", password))
        elif (
            alone
            and password == user
            and password.lower() not in {"anonymous", "ftp"}  # (anonymous FTP: a public server's convention)
            and len(password) >= 4
            and not is_placeholder(password)
            and "%" not in password
            and "{" not in password
        ):
            hits.append(SecretHit("password in a URL, the same as its user name", password))
    return hits


def redact(value: str) -> str:
    """A short, safe description of a secret: a prefix of at most 4 characters and the length."""
    shown = value[: min(4, len(value) // 4)]
    return f"{shown}…({len(value)} chars)"


_SEGMENT = re.compile(r"[^/\\\s:;,=?&@'\"]{20,}")


def mask(text: str) -> str:
    """``text`` with anything credential-shaped in it redacted, for messages that quote a literal
    (a path such as ``/home/ci/<token>/out``): provider shapes, passwords in URLs, and long
    high-entropy segments."""
    found = [hit.value for hit in provider_hits(text) + url_hits(text)]
    found += [
        m.group(0)
        for m in _SEGMENT.finditer(text)
        if shannon_entropy(m.group(0)) >= 3.5 and _char_classes(m.group(0)) >= 3
    ]
    for value in sorted(set(found), key=len, reverse=True):
        text = text.replace(value, redact(value))
    return text
