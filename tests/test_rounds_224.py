"""Session 25: what blind rounds 224 and on showed, and what session 24 left, as small trees.

Each case fails on 9b07d35, the commit the session's code changes began from, except the traps
(marked), which pass there and must not move. A case gives the files, the entrypoints expected as
``(path, kind, framework)`` and, where it matters, a rule's status or its number of findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Case = tuple[dict[str, str], list[tuple[str, str, str]], tuple[str, object] | None]

_PRICE_LOADER = """\
    import sqlite3
    import sys

    import requests


    def save(cur, sku, price):
        {save}


    if __name__ == "__main__":
        conn = sqlite3.connect("prices.db")
        cur = conn.cursor()
        for item in requests.get(sys.argv[1], timeout=10).json():
            save(cur, item["sku"], item["price"])
        conn.commit()
    """

_UPDATE_THEN_INSERT = """\
cur.execute("UPDATE prices SET price = ? WHERE sku = ?", (price, sku))
        if cur.rowcount == 0:
            cur.execute("INSERT INTO prices (sku, price) VALUES (?, ?)", (sku, price))"""

_FETCHED_KEYS = """\
cur.execute("SELECT sku FROM prices")
        known = {{row[0] for row in cur.fetchall()}}
        if {test}:
            cur.execute("INSERT INTO prices (sku, price) VALUES (?, ?)", (sku, price))"""

_CASES: dict[str, Case] = {
    # the hand-written upsert: update, and insert only when the update touched no row
    "insert_when_update_touched_nothing": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT)},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    "insert_when_update_touched_nothing_negated": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT.replace("cur.rowcount == 0", "not cur.rowcount"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: an update of another table says nothing of the row the insert writes
    "insert_after_update_of_another_table": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT.replace("UPDATE prices", "UPDATE runs"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # trap: inserted when the update did touch a row: a second row with the same key
    "insert_when_update_touched_a_row": (
        {"load.py": _PRICE_LOADER.format(save=_UPDATE_THEN_INSERT.replace("cur.rowcount == 0", "cur.rowcount > 0"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
    # the lookup's result bound in the test itself
    "insert_when_walrus_row_is_none": (
        {
            "load.py": _PRICE_LOADER.format(
                save='cur.execute("SELECT 1 FROM prices WHERE sku = ?", (sku,))\n'
                "        if (row := cur.fetchone()) is None:\n"
                '            cur.execute("INSERT INTO prices (sku, price) VALUES (?, ?)", (sku, price))'
            )
        },
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # the keys already stored, fetched once into a set, then looked up
    "insert_when_key_not_among_fetched_keys": (
        {"load.py": _PRICE_LOADER.format(save=_FETCHED_KEYS.format(test="sku not in known"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 0),
    ),
    # trap: inserted when the key is among those stored
    "insert_when_key_among_fetched_keys": (
        {"load.py": _PRICE_LOADER.format(save=_FETCHED_KEYS.format(test="sku in known"))},
        [("load.py", "job", "python")],
        ("non-idempotent-insert", 1),
    ),
}

@pytest.mark.parametrize("name", sorted(_CASES))
def test_round_case(name: str, check_case: Callable[[str, Case], None]) -> None:
    check_case(name, _CASES[name])
