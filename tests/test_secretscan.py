"""Credential judgement: names, shapes, placeholders, and redaction."""

from __future__ import annotations

import pytest

from readiness_lint import secretscan
from readiness_lint.checks import HardcodedSecret  # type: ignore[attr-defined]
from readiness_lint.engine import analyze_source
from readiness_lint.model import FileError

SECRET_NAMES = [
    "password",
    "DB_PASSWORD",
    "apiKey",
    "api_key",
    "SECRET_KEY",
    "client_secret",
    "AUTH_TOKEN",
    "access_token",
    "stripe_secret",
    "githubToken",
    "private_key",
    "passwd",
    "DB_PASS",
    "RABBITMQ_PASS",
]
NOT_SECRET_NAMES = [
    "TOKEN_URL",
    "PASSWORD_RESET_TEMPLATE",
    "NextToken",
    "next_token",
    "password_field",
    "token_type",
    "SECRET_NAME",
    "api_key_header",
    "password_min_length",
    "TOKEN_EXPIRY",
    "key",
    "sort_key",
    "cache_key",
    "tokenizer",
    "password_hash",
    "page_token",
    "bypass",
    "pass",
    "PASS_THRESHOLD",
    "passthrough",
]


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_secret_names(name: str) -> None:
    assert secretscan.is_secret_name(name)


@pytest.mark.parametrize("name", NOT_SECRET_NAMES)
def test_names_about_secrets_are_not_secrets(name: str) -> None:
    assert not secretscan.is_secret_name(name)


@pytest.mark.parametrize(
    "value",
    [
        "changeme",
        "<your-key>",
        "${API_KEY}",
        "{{ secret }}",
        "xxxxxxxxxx",
        "your-api-key-here",
        "",
        "password",
        "********",
        "%(password)s",
        "REPLACE_ME_123",
    ],
)
def test_placeholders(value: str) -> None:
    assert not secretscan.looks_like_credential(value)


@pytest.mark.parametrize("value", ["botToken", "apiKey", "clientSecret", "api_token"])
def test_a_camel_case_name_of_the_secret_is_a_placeholder(value: str) -> None:
    assert secretscan.is_placeholder(value)


@pytest.mark.parametrize(
    "value", ["bT9xk2Token", "k8sApiKey2024", "mySuperSecretKey", "superSecret", "adminPassword", "dbPassword"]
)
def test_secrets_that_merely_end_in_a_word_are_not_named_stand_ins(value: str) -> None:
    assert not secretscan.is_placeholder(value)


@pytest.mark.parametrize("value", ["hunter22!", "s3cr3t-Pa55", "a8f5f167f44f4964e6c998dee827110c", "Zm9vYmFyYmF6cXV4"])
def test_credential_shapes(value: str) -> None:
    assert secretscan.looks_like_credential(value)


@pytest.mark.parametrize(
    "value",
    [r"[^\W\d]\w*", r"(?=\s|#|[)\]]|$)", r"\d+(\.\d*)?", r"\s*(?:(\d+)|(.))", r"\d+[smhd]", "[A-Za-z_]"],
)
def test_a_regular_expression_is_recognised(value: str) -> None:
    assert secretscan.looks_like_regex(value)


@pytest.mark.parametrize(
    "value",
    [
        "P@ss[w0rd]*1",
        "Xk9-Zz[a-b]",
        "aB3$kd9!Lm02xQz",
        "hl%k-il8!3(3-%(lmgw6861!qm4g+#3ri1ovb4f&%ocvhou6%o",
        r"pB\?8|7Zx)*A)_OL05:TA6cNRe2~rg",  # (two weak marks, by chance)
    ],
)
def test_a_key_with_a_few_marks_is_no_regular_expression(value: str) -> None:
    assert not secretscan.looks_like_regex(value)
    assert secretscan.looks_like_credential(value)


PLANTED = {
    "AWS access key id": "AKIA" + "Q3EGRTZPVW4XJ7LM",
    "GitHub token": "ghp_" + "x7Kq2mPz9Lw4Rt8Yv3Nb6Hc1Jd5Fg0Se2UaQ9",
    "GitLab token": "glpat-" + "Xq7mK2pZ9Lw4Rt8Yv3Nb",
    "Slack token": "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOp",
    "Stripe key": "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "Google API key": "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
    "Telegram bot token": "7310254869:" + "AAF3kq9ZmW1xP-7rTbLc2NvY8dHs0QeJ4uG",
    "JSON Web Token": "eyJhbGciOiJIUzI1NiJ9"
    + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_provider_shapes_are_found_and_redacted(kind: str) -> None:
    value = PLANTED[kind]
    source = f'CONFIG = {{"note": "{value}"}}\n'
    facts = analyze_source("settings.py", source.encode(), False, [HardcodedSecret])
    assert not isinstance(facts, FileError)
    assert len(facts.findings) == 1
    message = facts.findings[0].message
    assert kind in message
    assert value not in message
    assert value[:8] not in message


def test_private_key_block() -> None:
    source = 'KEY = """-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"""\n'
    facts = analyze_source("k.py", source.encode(), False, [HardcodedSecret])
    assert not isinstance(facts, FileError)
    assert [f.line for f in facts.findings] == [1]


def test_a_telegram_token_passed_positionally_is_found_but_not_a_placeholder_of_its_shape() -> None:
    token = "6500703441:" + "AAHbFoGXeX--h3AQLWzJcclHCRDxI4ACgGA"
    source = f"from aiogram import Bot\n\nbot = Bot('{token}')\nfake = Bot('123456789:{'A' * 35}')\n"
    facts = analyze_source("bot.py", source.encode(), False, [HardcodedSecret])
    assert not isinstance(facts, FileError)
    assert [f.line for f in facts.findings] == [3]


def test_aws_documented_example_key_is_not_reported() -> None:
    assert secretscan.provider_hits("AKIAIOSFODNN7EXAMPLE and more text") == []


def test_url_credentials() -> None:
    hits = secretscan.url_hits("postgres://app:Xk29f!pQ@db.internal:5432/app")
    assert [h.kind for h in hits] == ["password in URL"]
    assert secretscan.url_hits("postgres://app:{password}@db/app") == []
    assert secretscan.url_hits("amqp://guest:guest@localhost//") == []
    assert secretscan.url_hits("https://example.com/search?key=name") == []


def test_redaction_shows_at_most_a_quarter_and_never_more_than_four_characters() -> None:
    for value in ["abcdefgh", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "x" * 200]:
        shown = secretscan.redact(value)
        prefix = shown.split("…", 1)[0]
        assert len(prefix) <= min(4, len(value) // 4)
        assert f"({len(value)} chars)" in shown
        assert value not in shown


def test_long_lines_do_not_backtrack() -> None:
    # A 2 MB literal full of near-misses finishes (linear patterns); no timing asserted.
    text = ("AKIA" + "a" * 15 + " ghp_" + "b" * 30 + " eyJ" + "c" * 50 + ".") * 20000
    assert secretscan.provider_hits(text) == []


# One value of every provider shape (those PLANTED above and the rest), found by shape alone: a
# literal is scanned only when it holds one of the shapes' fixed parts (`_PROVIDER_HINT`), so a
# shape whose part the hint misses would never be found.
EVERY_SHAPE = {
    **PLANTED,
    "GitHub fine-grained token": "github_pat_" + "11ABCDE2Q0xYz7Kq2mPz9Lw4_Rt8Yv3Nb6Hc1Jd5",
    "Slack webhook": "https://hooks.slack.com/services/" + "T0AB12CD3/B0EF45GH6/Xq7mK2pZ9Lw4Rt8Yv3Nb6Hc1",
    "Discord webhook": "https://discord.com/api/webhooks/123456789012345678/"
    + "Xq7mK2pZ9Lw4Rt8Yv3Nb6Hc1Jd5Fg0Se2UaQ9-h3Vb7Nm1Kq5Wz8Ty2Rp4Ls6Df0Gj9Hx3Cv7Bn1Mk5Pq8",
    "Stripe test key": "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "Discord bot token": "MTIzNDU2Nzg5MDEyMzQ1Njc4" + ".GhT5xQ." + "Xq7mK2pZ9Lw4Rt8Yv3Nb6Hc1Jd5Fg0Se2",
    "OpenAI-style secret key": "sk-proj-" + "Xq7mK2pZ9Lw4Rt8Yv3Nb6Hc1Jd5Fg0Se2UaQ9h3Vb",
    "private key block": "-----BEGIN RSA PRIVATE KEY-----",
    "Azure storage account key": "AccountKey="
    + "4MMt7dyNxFOzCV1zFQ07WEheMjmKPWP/4dBEr77dM5hkrmJsYtWNKqtWFISKvsWIF30CHygvGWJb+AStQ4uVkQ==",
    "Azure shared access key": "SharedAccessKey=" + "Xq7mK2pZ9Lw4Rt8Yv3Nb6Hc1Jd5Fg0Se2UaQ9h3Vb7N=",
    "Firebase Cloud Messaging server key": "AAAAXq7mK2p:APA91b" + "Zq8xR2vLk0PwT7nYb3HcJ5mQs9DfGa1E" * 4 + "Xq7mK2",
}


def test_every_provider_shape_is_found_past_the_hint() -> None:
    assert set(EVERY_SHAPE) == {kind for kind, _ in secretscan.PROVIDER_PATTERNS}
    for kind, value in EVERY_SHAPE.items():
        assert kind in {hit.kind for hit in secretscan.provider_hits(f"token: {value} end")}, kind
