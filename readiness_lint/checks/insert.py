"""RDY017 non-idempotent-insert."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readiness_lint import names as n
from readiness_lint.checks.base import LineRule, Sample
from readiness_lint.extract import duplicate_key, duplicate_key_handled, skips_duplicate_entry

if TYPE_CHECKING:
    import libcst as cst

    from readiness_lint.extract import Context
else:
    from readiness_lint._lazy_cst import cst

_INSERT = re.compile(r"\s*INSERT\s+INTO\b", re.IGNORECASE)
_IDEMPOTENT = re.compile(
    r"ON\s+CONFLICT|ON\s+DUPLICATE\s+KEY|INSERT\s+OR\s+(?:REPLACE|IGNORE)|INSERT\s+IGNORE|WHERE\s+NOT\s+EXISTS"
    r"|HAVING\s+COUNT\s*\([^)]*\)\s*=\s*0"  # `INSERT ... SELECT ... HAVING COUNT(id) = 0`: only when absent
    r"|WHERE\s*\(\s*SELECT\s+COUNT\s*\([^)]*\)[^)]*\)\s*=\s*0",  # `... WHERE (SELECT COUNT(*) FROM t WHERE k = ?) = 0`
    re.IGNORECASE,
)


# (a lookup: `SELECT ... FROM t`, or `UPDATE t ...` whose `rowcount` says whether the row was there)
_SELECT_TABLE = re.compile(r"\s*(?:SELECT\b.*?\bFROM|UPDATE)\s+([\w.\"`]+)", re.IGNORECASE | re.DOTALL)
_INSERT_TABLE = re.compile(r"\s*INSERT\s+INTO\s+([\w.\"`]+)", re.IGNORECASE)
_SELECTED = "non-idempotent-insert:selected"
_SELECT_CONSTANTS = "non-idempotent-insert:select-constants"  # {name: table}: a module's SELECT texts by name
_DELETE_TABLE = re.compile(r"\s*DELETE\s+FROM\s+([\w.\"`]+)", re.IGNORECASE)
# (every row: `TRUNCATE TABLE raw_jsonb`, then the table loaded again)
_TRUNCATE = re.compile(
    r"\s*TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?([\w.\"`]+(?:\s*,\s*[\w.\"`]+)*)"
    r"(?:\s+(?:RESTART|CONTINUE)\s+IDENTITY)?(?:\s+(?:CASCADE|RESTRICT))?\s*;?\s*$",
    re.IGNORECASE,
)
# (the table dropped, `DROP TABLE coin_price`, then created and loaded again: a rebuild)
_DROP = re.compile(r"\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?([\w.\"`]+)\s*(?:CASCADE\s*)?;?\s*$", re.IGNORECASE)
_DELETED = "non-idempotent-insert:deleted"
_KEPT_DELETES = "non-idempotent-insert:kept-deletes"  # {attribute: table}: keyed DELETEs kept on an object
_KEPT_INSERTS = "non-idempotent-insert:kept-inserts"  # {attribute: (id of the INSERT literal, table)}
_SKIPS_BY_NUMBER = "non-idempotent-insert:by-number"  # {id of a handler: it skips MySQL's duplicate key}
_MODULE_BLOCK = 0  # (a module's own statements: no indented block of theirs)
# A DELETE of every row, or of rows named by the values given (`WHERE day = ?`, `WHERE id IN (%s, %s)`,
# `WHERE a = :a AND b = :b`), not by range nor by a fixed value (`WHERE status = 'cancelled'`)
# (an f-string's value reads as nothing: `f"... IN ({marks})"` gives `IN ()`, `f"... = {day}"` gives `= `)
_PLACEHOLDER = r"(?:\?|%s|%\(\w+\)s|:\w+|\$\d+|\{|(?=\s|\)|;|$))"
_CONDITION = rf"[\w.\"`]+\s*(?:=\s*{_PLACEHOLDER}[^\s;]*|IN\s*\(\s*{_PLACEHOLDER}[^)]*\))"
_KEYED_DELETE = re.compile(
    rf"\s*DELETE\s+FROM\s+[\w.\"`]+\s*(?:WHERE\s+{_CONDITION}(?:\s+AND\s+{_CONDITION})*)?\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
# An upsert clause written as a piece of its own and bound to a name (`end_q = " ON DUPLICATE KEY
# UPDATE ..."`), joined to the INSERT later (`query = initial_q + values_q + end_q`,
# `cur.execute(sql + upsert)`, `conn.execute("INSERT ..." + SKIP_DUPES)`). Names are followed by
# their binding at the time (`sql` may hold another INSERT later), in their function or at module level.
_CLAUSE_PIECE = re.compile(r"\s*ON\s+(?:CONFLICT|DUPLICATE\s+KEY)\b", re.IGNORECASE)
_BINDINGS = "non-idempotent-insert:bindings"  # {(scope, name): id of the INSERT literal, or _PIECE}
_JOINED = "non-idempotent-insert:joined"  # {id of an INSERT literal added to an upsert piece}
_PIECE = 0
_TRIMS = frozenset({"strip", "rstrip", "lstrip", "removesuffix"})
# Calls that make a statement of SQL text as it is (SQLAlchemy's `text()`, psycopg's `sql.SQL()`)
_SQL_WRAPPERS = frozenset({"text", "sqlalchemy.text", "sa.text", "sql.SQL", "psycopg2.sql.SQL", "psycopg.sql.SQL"})
_OTHER = -1  # (bound to anything else: it hides a module-level name of the same spelling)


def _replaced_tables(sql: str) -> list[str]:
    """The tables a statement empties of every row or of the rows it names by key (a `DELETE`, see
    :data:`_KEYED_DELETE`; a `TRUNCATE` of one table or several), as written, without quotes."""
    if _KEYED_DELETE.match(sql):
        return [_table(_DELETE_TABLE, sql)]
    if _DROP.match(sql):
        return [_table(_DROP, sql)]
    found = _TRUNCATE.match(sql)
    return [name.strip().strip('"`').lower() for name in found.group(1).split(",")] if found else []


def _with_names(node: cst.CSTNode, value: str) -> str:
    """An f-string's text with a plain name it interpolates where a table goes written in its
    place (``f"INSERT INTO {table_id} ..."`` gives ``INSERT INTO table_id ...``), so a statement and
    its lookup name the same table; other values read as nothing, as in ``value``; any other
    string's value as it is."""
    if type(node) is not cst.FormattedString:
        return value
    text = ""
    for part in node.parts:
        if type(part) is cst.FormattedStringText:
            text += part.value.replace('\\"', '"').replace("\\'", "'")  # (`f"DROP TABLE \"{table}\""`)
        elif type(part) is cst.FormattedStringExpression and _TABLE_SLOT.search(text):
            text += n.dotted(part.expression) or ""
    return text


# Where an f-string's value is a table's name: `FROM {table}`, `INSERT INTO {table}`, `UPDATE {table}`
# (also quoted, `INSERT INTO "{table}"`, and after `IF EXISTS`)
_TABLE_SLOT = re.compile(r"\b(?:FROM|INTO|UPDATE|TABLE|JOIN|EXISTS)\s+[\"`]?$", re.IGNORECASE)


def _summed_text(statement: cst.CSTNode, literal: cst.CSTNode, ctx: Context) -> str:
    """The text of the sum holding ``literal`` in ``statement``, a plain name where a table goes
    written in its place (``"INSERT INTO " + market + "_KLINES (a, b) ..."`` gives ``INSERT INTO
    market_KLINES (a, b) ...``), other values read as nothing; "" when ``literal`` is in no sum."""
    found = _sum_holding(statement, literal)
    if found is None:
        return ""
    # (once a sum: each literal of a long one ending at a table's place asks again)
    texts: dict[int, str] = ctx.rule_notes.setdefault(_SUM_TEXTS, {})
    if id(found) not in texts:
        texts[id(found)] = _sum_text(found)
    return texts[id(found)]


def _sum_holding(statement: cst.CSTNode, literal: cst.CSTNode) -> cst.BinaryOperation | None:
    """The chain of ``+`` in ``statement`` that adds ``literal`` to other pieces, or None."""
    stack: list[cst.CSTNode] = [statement]
    while stack:
        sub = stack.pop()
        if type(sub) is cst.BinaryOperation and type(sub.operator) is cst.Add:
            leaves = _addends(sub)
            if any(leaf is literal for leaf in leaves):
                return sub
            stack += leaves
        elif not isinstance(sub, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            stack += n.children(sub)
    return None


def _sql_names(value: cst.BaseExpression) -> list[cst.Name]:
    """The plain names a statement given to a call is made of: the name itself, the names of a
    sum or a `%` (`INSERT_X + " RETURNING id"`), the text a `.format()` fills in; not those of a
    call inside it, `con.execute(INSERT_X, row).lastrowid`, judged where it is made."""
    out: list[cst.Name] = []
    stack: list[cst.BaseExpression] = [value]
    while stack:
        part = stack.pop()
        if type(part) is cst.Name:
            out.append(part)
        elif type(part) is cst.BinaryOperation:
            stack += (part.left, part.right)
        elif type(part) is cst.Call and type(part.func) is cst.Attribute and part.func.attr.value == "format":
            stack.append(part.func.value)
        elif type(part) is cst.IfExp:
            stack += (part.body, part.orelse)  # `UPDATE_X if renamed else INSERT_X`
        elif type(part) is cst.FormattedString:
            # `f"{INSERT_CUSTOMER} RETURNING id"`
            stack += (piece.expression for piece in part.parts if type(piece) is cst.FormattedStringExpression)
    return out


def _sum_text(node: cst.CSTNode) -> str:
    """The text of a sum of strings, a plain name where a table goes written in its place
    (``"INSERT INTO " + market + "_KLINES (a, b) ..."`` gives ``INSERT INTO market_KLINES (a, b)
    ...``), other values read as nothing."""
    text = ""
    for leaf in _addends(node, ordered=True):
        piece = None if type(leaf) is cst.Name else n.template_text(leaf)
        if piece is not None:
            text += _with_names(leaf, piece)
        elif type(leaf) is cst.Name and _TABLE_SLOT.search(text[-24:]):
            text += leaf.value
    return text


def _table(pattern: re.Pattern[str], sql: str) -> str:
    """The table a statement reads or writes, as written, without quotes: ``""`` when none."""
    found = pattern.match(sql)
    return found.group(1).strip('"`').lower() if found else ""


class NonIdempotentInsert(LineRule):
    code = "RDY017"
    name = "non-idempotent-insert"
    counts_where_called = True
    why = "A retried or re-run job inserts the same rows again: duplicates, or a unique-key error on every retry."
    fix = "Upsert: INSERT ... ON CONFLICT (key) DO UPDATE/NOTHING (PostgreSQL, SQLite), ON DUPLICATE KEY UPDATE (MySQL), INSERT OR REPLACE."
    what_it_does = (
        "Finds SQL `INSERT INTO` statements written as string literals (reported at the literal's first line, "
        "not the call's), in code a worker or job runs "
        "(inside a function or a plain class's method: only where that function is called or handed on), "
        "that have no `ON CONFLICT`, `ON DUPLICATE KEY`, `OR REPLACE`/`OR IGNORE`, `WHERE NOT EXISTS` or "
        "`HAVING COUNT(...) = 0` (insert only when absent), and that are not run only when a lookup "
        "found no row (`if cur.fetchone() is None:`, `if not row:` after `row = cur.fetchone()`, "
        "`if count == 0:`, `if key not in rows:`, the `else:` of `if row:`, after a `SELECT` on the same "
        'table in the same function (or in a function of the file returning the rows it fetched, `rows = cur.fetchall()`; `return [r[0] for r in rows]`, also one defined further down the file; or a helper given the SELECT\'s text kept in a name, `query = f"SELECT 1 FROM t WHERE id = {id}"` (or filled in by `.format()` or `%`, or its first piece joined with `+`) then `found = self.select_query(query)`), its rows also gathered by a loop, `keys.append(row[0])`: a keyed check, then the insert; or `if cur.rowcount == 0:` after an '
        "`UPDATE` of that table: the hand-written upsert; or after a `DELETE FROM` the same table by key "
        "(`WHERE day = ?`, not a prune by range), or of every row (also `TRUNCATE`, or the table dropped and created again, also by a script at "
        "its own level, for an INSERT it runs there and then: not one it prepares for a consumer's callback to run per "
        'message, `base = db.prepare("INSERT ...")`), earlier in the same block of a function, or a block inside '
        "it, the rows replaced (also statements kept on an object, `cur.execute(con.delete_sql, (id,))` then `cur.execute(con.insert_sql, row)`); or run in a `try:` whose handler catches the "
        "duplicate key, `except sqlite3.IntegrityError:` or MySQL's by its number, `if exc.errno == 1062:`, to skip or update the row (also where every call of the function holding the insert, in any module, sits in such a `try`: `try: db.add_channel(row)` / `except IntegrityError: return 'already there'`); not PostgreSQL's "
        "`psycopg2.errors.UniqueViolation`, after which the transaction is aborted, nor SQLAlchemy's `IntegrityError`, "
        "which may be PostgreSQL's, unless the handler rolls back or a savepoint, `begin_nested()`, holds the insert). The clause may be "
        'another piece of the statement, added to it (`sql + " ON CONFLICT ..."`, `sql += UPSERT`). '
        'An INSERT kept in a module constant (`INSERT_PRODUCT = "INSERT INTO products ..."`) is judged where functions run it: '
        "it passes when every run is keyed as above (`cur.execute(FIND_PRODUCT, (sku,))`, then `if cur.fetchone() is None: "
        "cur.execute(INSERT_PRODUCT, row)`). "
        "APIs are not checked: creating a resource per request is their job."
    )
    why_bad = (
        "Workers get messages more than once and schedulers retry jobs. An insert that is not keyed on "
        "what it writes doubles the data on every retry, or fails the retry that should have recovered."
    )
    VALID = (
        Sample(
            'import pymysql\n\n\ndef load(cur, rows):\n    sql = "INSERT INTO prices (day, price) VALUES (%s, %s)"\n    for row in rows:\n        try:\n            cur.execute(sql, row)\n        except pymysql.IntegrityError:\n            cur.execute("UPDATE prices SET price = %s WHERE day = %s", row[::-1])\n',
            note="a duplicate key caught and updated: the hand-written upsert",
        ),
        Sample(
            'db.execute("INSERT INTO sales (id, amount) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET amount = excluded.amount", row)\n'
        ),
        Sample('db.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", (key, value))\n'),
        Sample(
            'db.execute("INSERT INTO users (chat_id, name) SELECT ?, ? WHERE (SELECT COUNT(*) FROM users WHERE chat_id = ?) = 0", row)\n',
            note="inserted only when absent",
        ),
        Sample(
            'def save(conn, rows):\n    values = ",".join("(%s, %s)" for _ in rows)\n    query = (\n        "INSERT INTO events (id, kind) "\n        "VALUES " + values + " "\n        "ON CONFLICT (id) DO NOTHING"\n    )\n    conn.execute(query, rows)\n',
            note="the upsert clause is in a later piece of the statement",
        ),
        Sample(
            'def save(cur, event_id, payload):\n    cur.execute("SELECT 1 FROM events WHERE id = %s", (event_id,))\n    if cur.fetchone() is None:\n        cur.execute("INSERT INTO events (id, payload) VALUES (%s, %s)", (event_id, payload))\n',
            note="inserted only when the lookup found no row",
        ),
    )
    INVALID = (
        Sample(
            'import sqlite3\n\n\ndef save(cur, row):\n    try:\n        cur.execute("INSERT INTO events VALUES (?, ?)", row)\n    except sqlite3.OperationalError:\n        pass\n',
            note="a locked database is not a duplicate key",
        ),
        Sample('def save(cur, row):\n    cur.execute("INSERT INTO events (id, payload) VALUES (%s, %s)", row)\n'),
        Sample(
            'def save(conn, rows):\n    conn.executemany(\n        "INSERT INTO events (id, kind) "\n        "VALUES (%s, %s)", rows\n    )\n'
        ),
    )

    def on_string(self, node: cst.CSTNode, value: str, ctx: Context) -> None:
        named = _with_names(node, value)  # (`f"SELECT ... FROM {table_id}"`: the table by its name)
        if ctx.statement is not None and _TABLE_SLOT.search(named[-24:]):
            # (`"select * from " + market + "_KLINES_5M where ..."`: the table named by the sum)
            named = _summed_text(ctx.statement, node, ctx) or named
        if (table := _table(_SELECT_TABLE, named)) and not ctx.in_docstring:
            # (the tables this function looks rows up in, for the keyed check above)
            ctx.rule_notes.setdefault(_SELECTED, {}).setdefault(tuple(ctx.scope), set()).add(table)
        elif (
            (tables := _replaced_tables(named))
            and not ctx.in_docstring
            # (run here, in a function or a block: not a module's or a class's SQL constants)
            and (
                len(ctx.scope) > len(ctx.class_bases)
                or ((not ctx.scope or bool(ctx.blocks)) and not _binds(ctx.statement, node))
            )
        ):
            # (and the tables it deletes rows from by key: `DELETE FROM posts WHERE igname = ?` then
            # the INSERT of the row again, a replacement; not a prune, `WHERE ts < ?`; also a
            # script's own statements, `cur.execute("DROP TABLE prices")` at module level)
            deleted = ctx.rule_notes.setdefault(_DELETED, set())
            for table in tables:
                deleted.add((ctx.blocks[-1] if ctx.blocks else _MODULE_BLOCK, table))
        if _KEYED_DELETE.match(named) and (attribute := _bound_attribute(ctx.statement, node)):
            # (`self.delete_sql = "DELETE FROM news WHERE id = %s"`: a statement kept on an object,
            # run by whoever reads it, `cur.execute(con.delete_sql, (id,))`; see `on_call`)
            ctx.rule_notes.setdefault(_KEPT_DELETES, {})[attribute] = _table(_DELETE_TABLE, named)
        if ctx.is_test or ctx.in_docstring or not _INSERT.match(value) or _IDEMPOTENT.search(value):
            return  # (a docstring or a bare string of notes is never run)
        if ctx.absent_guards and _table(_INSERT_TABLE, named) in _looked_up(ctx):
            # `SELECT 1 FROM items WHERE ...` then `if cur.fetchone() is None: cur.execute("INSERT INTO
            # items ...")`: a keyed check on the same table, then the insert
            return
        # (a lookup function defined further down the file: its SELECT is read after this INSERT)
        later = [f for called in ctx.absent_from for f in called] if ctx.absent_guards else []
        deleted = ctx.rule_notes.get(_DELETED, ())
        inserted = _table(_INSERT_TABLE, named)
        # (at a module's level, only an INSERT run there and then: not a statement prepared for a
        # consumer's callback, `base = db.prepare("INSERT ...")`, nor one in a loop over messages)
        module = not ctx.scope and not ctx.blocks and _executed_here(ctx.statement, node)
        if not ctx.scope and not ctx.blocks and inserted and _binds(ctx.statement, node):
            # (a script's own statement kept under a name: a rebuild where the script runs it at its
            # own level after dropping the table, `DROP TABLE coin_price`, then `cur.executemany(sql,
            # rows)`, see `on_call`)
            ctx.rule_notes.setdefault(_MODULE_INSERTS, {})[id(node)] = inserted
        if deleted and any(
            (block, inserted) in deleted for block in ((*ctx.blocks, _MODULE_BLOCK) if module else ctx.blocks)
        ):
            # `DELETE FROM posts WHERE igname = ?` then `INSERT INTO posts ...` in the same block or
            # one inside it (`for row in rows:`): the rows replaced (not rows removed in one branch
            # and others added in another)
            return
        if ctx.statement is not None and _IDEMPOTENT.search(_literal_text(ctx.statement)):
            return  # the upsert clause is in another piece of the same statement ("..." + x + "ON CONFLICT")
        if ctx.statement is not None and _PIECE in _bound(ctx, _added_to(ctx.statement, node)):
            return  # `conn.execute("INSERT ..." + SKIP_DUPES)`: a clause kept under a name, added to it
        notes = ctx.rule_notes
        # (the value a name is bound to that holds the literal, `sql = "INSERT ..." + table`: judged
        # where the name is run, see `on_call`)
        holder = _bound_value(ctx.statement, node)
        if attribute := _bound_attribute(ctx.statement, node):
            notes.setdefault(_KEPT_INSERTS, {})[attribute] = (id(node), inserted)
        ctx.report(
            self.name,
            node,
            "`INSERT` without an upsert clause: a retry writes the rows twice",
            unless=lambda: (
                id(node) in notes.get(_JOINED, ())
                or any(inserted in notes.get(_SELECTED, {}).get(tuple(f.split(".")), ()) for f in later)
                or (holder in notes.get(_KEYED_USES, ()) and holder not in notes.get(_OTHER_USES, ()))
            ),
        )

    def on_binding(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        if ctx.target != name or ctx.is_test:
            return  # (a plain name only, not an attribute)
        if _SELECT_CONSTANTS in ctx.rule_notes and isinstance(value, cst.BaseExpression):
            _select_constant_used(value, ctx)  # `query = FIND_PRODUCT.format(sku=sku)`
        if type(value) in (cst.BinaryOperation, cst.Dict, cst.List, cst.Tuple):
            _join(ctx, value)  # (before the name is bound again: `sql = sql + upsert`; `{"p": SQL + UPSERT}`)
        bindings = ctx.rule_notes.setdefault(_BINDINGS, {})
        key = (tuple(ctx.scope), name)
        trimmed = value.value if type(value) is cst.Subscript else None  # `sql = sql[:-2]`
        if type(value) is cst.Call and type(value.func) is cst.Attribute and value.func.attr.value in _TRIMS:
            trimmed = value.func.value  # `sql = sql.rstrip(", ")`
        if type(trimmed) is cst.Name and trimmed.value == name and key in bindings:
            return  # (the statement trimmed, still the same one)
        value = _sql_text_node(value)  # `sql = text("INSERT ...")`: SQLAlchemy's statement of that text
        text = n.template_text(value)  # (also `f"INSERT INTO {table} " "VALUES (?, ?)"`)
        if text is None and type(value) is cst.BinaryOperation and type(value.operator) is cst.Add:
            text = _sum_text(value) or None  # (`"insert into " + market + "_KLINES (a, b) values ..."`)
        if text is not None and not ctx.scope and (table := _table(_SELECT_TABLE, text)):
            # `FIND_PRODUCT = "SELECT id FROM products WHERE sku = '{sku}'"`: a lookup kept for later
            ctx.rule_notes.setdefault(_SELECT_CONSTANTS, {})[name] = table
        if type(value) is cst.Name and (
            held := _bound(ctx, {value.value}) & set(ctx.rule_notes.get(_INSERT_TABLES, ()))
        ):
            ctx.rule_notes.setdefault(_OTHER_USES, set()).update(held)  # (`sql = INSERT_CUSTOMER`: run elsewhere)
        if text is not None and _CLAUSE_PIECE.match(text):
            bindings[key] = _PIECE
        elif text is not None and (tables := _replaced_tables(_with_names(value, text))):
            # `DELETE_PRICES = "DELETE FROM prices WHERE day = %s"`: rows replaced where it runs (see `on_call`)
            bindings[key] = id(value)
            ctx.rule_notes.setdefault(_DELETE_BINDINGS, {})[id(value)] = tables
        elif text is not None and _INSERT.match(text):
            bindings[key] = id(value)
            summed = _sum_text(value) if type(value) is cst.BinaryOperation else _with_names(value, text)
            ctx.rule_notes.setdefault(_INSERT_TABLES, {})[id(value)] = _table(_INSERT_TABLE, summed)
        else:
            bindings[key] = _OTHER

    def on_extend(self, name: str, value: cst.CSTNode, ctx: Context) -> None:
        # `query += " ON CONFLICT (value) DO NOTHING;"` (or a name holding the clause): the INSERT
        # the name holds is joined to its upsert clause
        text = n.template_text(value)
        clause = (text is not None and bool(_CLAUSE_PIECE.match(text))) or _PIECE in _bound(
            ctx, {n.dotted(value) or ""}
        )
        if clause:
            ctx.rule_notes.setdefault(_JOINED, set()).update(_bound(ctx, {name}) - {_PIECE})

    def on_call(self, node: cst.Call, name: str | None, ctx: Context) -> None:
        if (name or "").endswith(".begin_nested"):
            ctx.rule_notes[_SAVEPOINT] = True  # (SQLAlchemy's savepoint: a failed insert rolls back to it)
        constants = _SELECT_CONSTANTS in ctx.rule_notes
        inserts: dict[int, str] = ctx.rule_notes.get(_INSERT_TABLES, {})
        deletes: dict[int, list[str]] = ctx.rule_notes.get(_DELETE_BINDINGS, {})
        for arg in node.args:
            if type(arg.value) is cst.BinaryOperation:
                _join(ctx, arg.value)  # `cur.execute(sql + upsert)`
            if constants:
                _select_constant_used(arg.value, ctx)  # `db.fetch_all(FIND_PRODUCT.format(sku=sku))`
            if deletes and type(arg.value) is cst.Name:
                # `cur.execute(DELETE_PRICES, (day,))`: the rows of that table deleted by key here
                for held in _bound(ctx, {arg.value.value}):
                    for table in deletes.get(held, ()):
                        ctx.rule_notes.setdefault(_DELETED, set()).add(
                            (ctx.blocks[-1] if ctx.blocks else _MODULE_BLOCK, table)
                        )
            if inserts:
                # `cur.execute(INSERT_PRODUCT, row)`, `curs.execute(insert_query, row)`: keyed when only
                # a lookup of the same table that found no row leads to it (as for a literal written
                # there), or a DELETE of its rows by key before it in the block; any other use of the
                # name (`INSERT_PRODUCT + " RETURNING id"`, `.format(...)`) keeps the INSERT reported
                given = arg.value
                for name_node in _sql_names(given):
                    for held in _bound(ctx, {name_node.value}):
                        if held not in inserts:
                            continue
                        table = inserts[held]
                        keyed = name_node is given and (
                            (bool(ctx.absent_guards) and table in _looked_up(ctx))
                            or any((block, table) in ctx.rule_notes.get(_DELETED, ()) for block in ctx.blocks)
                        )
                        ctx.rule_notes.setdefault(_KEYED_USES if keyed else _OTHER_USES, set()).add(held)
        runs_sql = bool(node.args) and (name or "").rpartition(".")[2] in {"execute", "executemany"}
        bound: dict[int, str] = ctx.rule_notes.get(_MODULE_INSERTS, {})
        if bound and runs_sql and not ctx.scope and not ctx.blocks:
            # (an INSERT the script bound to a name, run at its own level once it dropped the table:
            # rows of a table made anew)
            deleted = ctx.rule_notes.get(_DELETED, set())
            ran = {
                i for i in _bound(ctx, {n.dotted(node.args[0].value) or ""}) if (_MODULE_BLOCK, bound.get(i)) in deleted
            }
            ctx.rule_notes.setdefault(_JOINED, set()).update(ran)
        # (the attribute a statement kept on an object is read from: `con.delete_sql`)
        kept = (n.dotted(node.args[0].value) or "").rpartition(".")[2] if runs_sql else ""
        if kept in ctx.rule_notes.get(_KEPT_DELETES, {}):
            # `cur.execute(con.delete_sql, (id,))`: the rows of that table deleted by key here
            table = ctx.rule_notes[_KEPT_DELETES][kept]
            ctx.rule_notes.setdefault(_DELETED, set()).add((ctx.blocks[-1] if ctx.blocks else _MODULE_BLOCK, table))
        if kept in ctx.rule_notes.get(_KEPT_INSERTS, {}):
            # ... then `cur.execute(con.insert_sql, row)` in the same block (or one inside it): replaced
            literal, table = ctx.rule_notes[_KEPT_INSERTS][kept]
            if any((block, table) in ctx.rule_notes.get(_DELETED, ()) for block in ctx.blocks):
                ctx.rule_notes.setdefault(_JOINED, set()).add(literal)
        if not node.args or not ctx.handled:
            return
        # `try: cur.execute(insert_query, values)` / `except IntegrityError: cur.execute(update_query, ...)`:
        # a duplicate key is caught and handled (updated or skipped), the hand-written upsert
        # (only the handlers naming a duplicate key can: most name none, and then nothing is looked up)
        # (a handler's test of MySQL's number is read once, not again for each call its `try` makes)
        by_number: dict[int, bool] = ctx.rule_notes.setdefault(_SKIPS_BY_NUMBER, {})
        handlers = []
        for found in ctx.handled:
            for names, handler in found:
                if id(handler) not in by_number:
                    by_number[id(handler)] = skips_duplicate_entry(handler)
                if by_number[id(handler)] or duplicate_key(names):
                    handlers.append((names, handler))
        if not handlers:
            return
        first = node.args[0].value
        run = {id(first)} if n.string_value(first) is not None else _bound(ctx, {n.dotted(first) or ""}) - {_PIECE}
        savepoint = bool(ctx.rule_notes.get(_SAVEPOINT))
        if run and any(
            by_number[id(handler)] or duplicate_key_handled(names, handler, savepoint) for names, handler in handlers
        ):
            ctx.rule_notes.setdefault(_JOINED, set()).update(run)


def _executed_here(statement: cst.CSTNode | None, literal: cst.CSTNode) -> bool:
    """``cur.execute("INSERT ...", row)`` (or ``executemany``) as the statement holding ``literal``."""
    if type(statement) is not cst.SimpleStatementLine:
        return False
    return any(
        type(small) is cst.Expr
        and type(call := small.value) is cst.Call
        and (n.callee(call) or "").rpartition(".")[2] in {"execute", "executemany"}
        and any(arg.value is literal for arg in call.args)
        for small in statement.body
    )


def _binds(statement: cst.CSTNode | None, literal: cst.CSTNode) -> bool:
    """``NAME = "DELETE FROM ..."``: the literal bound to a name in ``statement``, not run there."""
    if type(statement) is not cst.SimpleStatementLine:
        return False
    return any(type(small) is cst.Assign and small.value is literal for small in statement.body)


def _bound_attribute(statement: cst.CSTNode | None, literal: cst.CSTNode) -> str:
    """``self.delete_sql = "DELETE FROM ..."``: the attribute the literal is bound to, or ""."""
    if type(statement) is not cst.SimpleStatementLine:
        return ""
    for small in statement.body:
        if type(small) is cst.Assign and small.value is literal and len(small.targets) == 1:
            target = small.targets[0].target
            if type(target) is cst.Attribute:
                return target.attr.value
    return ""


_MODULE_INSERTS = "non-idempotent-insert:module"  # {id of an INSERT bound at module level: its table}
_INSERT_TABLES = "non-idempotent-insert:tables"  # {id of an INSERT bound to a name: its table}
_SUM_TEXTS = "non-idempotent-insert:sum-texts"  # {id of a sum of SQL pieces: its text, see `_summed_text`}
_DELETE_BINDINGS = "non-idempotent-insert:delete-bindings"  # {id of a DELETE bound to a name: its tables}
_KEYED_USES = "non-idempotent-insert:keyed-uses"  # {id of a bound INSERT run by its name after a keyed lookup}
_OTHER_USES = "non-idempotent-insert:other-uses"  # {id of a bound INSERT run or handed on elsewhere}


def _looked_up(ctx: Context) -> set[str]:
    """The tables this function looks rows up in, and those the lookup functions whose result the
    test reads do (``row = existing(key)``, ``existing`` returning ``cur.execute("SELECT ... FROM
    items WHERE key = ?", ...).fetchone()``)."""
    selected = ctx.rule_notes.get(_SELECTED, {})
    return set(selected.get(tuple(ctx.scope), ())).union(
        *(selected.get(tuple(f.split(".")), ()) for called in ctx.absent_from for f in called),
    )


def _sql_text_node(value: cst.CSTNode) -> cst.CSTNode:
    """The text a SQL wrapper is given (``text("INSERT ...")``, ``sql.SQL("...")``), or ``value``."""
    if type(value) is cst.Call and n.callee(value) in _SQL_WRAPPERS and value.args:
        return value.args[0].value
    return value


def _bound_value(statement: cst.CSTNode | None, literal: cst.CSTNode) -> int:
    """``sql = "INSERT ..."`` (or a sum holding the literal, ``"INSERT INTO " + table + " ..."``;
    also annotated, ``INSERT_EVENT: Final = "INSERT ..."``) bound to a plain name: the id of the
    value bound, or 0."""
    if type(statement) is not cst.SimpleStatementLine:
        return 0
    for small in statement.body:
        if type(small) is cst.Assign and len(small.targets) == 1:
            target: cst.BaseExpression = small.targets[0].target
        elif type(small) is cst.AnnAssign and small.value is not None:
            target = small.target
        else:
            continue
        if type(target) is not cst.Name or small.value is None:
            continue
        bound = _sql_text_node(
            small.value
        )  # (`INSERT_EVENT = text("INSERT ...")`: the text's own id, see `on_binding`)
        if bound is literal or (
            type(bound) is cst.BinaryOperation and any(leaf is literal for leaf in _addends(bound))
        ):
            return id(bound)
    return 0


_SAVEPOINT = "non-idempotent-insert:savepoint"  # a `begin_nested()` savepoint seen in the file


def _sums(node: cst.CSTNode) -> list[set[str]]:
    """The plain names of each sum in ``node`` (``a + b + c`` gives {a, b, c}), looking through
    the expressions that hold values (other operations, calls' arguments, dicts, lists, tuples,
    conditional expressions: ``(sql + upsert) % args``, ``{"p": SQL + UPSERT}``), not into
    strings, attributes or nested functions: cheap on large literals."""
    out: list[set[str]] = []
    stack: list[cst.CSTNode] = [node]
    while stack:
        sub = stack.pop()
        kind = type(sub)
        if kind is cst.BinaryOperation:
            if type(sub.operator) is cst.Add:  # type: ignore[attr-defined]
                addends = _addends(sub)
                out.append({part.value for part in addends if type(part) is cst.Name})
                stack += (part for part in addends if type(part) is not cst.Name)  # (`a + f(b + c)`)
            else:
                stack += (sub.left, sub.right)  # type: ignore[attr-defined]
        elif kind is cst.Call:
            stack += (arg.value for arg in sub.args)  # type: ignore[attr-defined]
        elif kind in (cst.Dict, cst.List, cst.Tuple, cst.Set):
            stack += (element.value for element in sub.elements)  # type: ignore[attr-defined]
        elif kind is cst.IfExp:
            stack += (sub.body, sub.orelse)  # type: ignore[attr-defined]
    return out


def _addends(node: cst.CSTNode, ordered: bool = False) -> list[cst.CSTNode]:
    """What a chain of ``+`` adds together (``a + "x" + f(b)`` gives a, "x" and f(b); in the
    order written when ``ordered``)."""
    out: list[cst.CSTNode] = []
    chain = [node]
    while chain:
        part = chain.pop()
        if type(part) is cst.BinaryOperation and type(part.operator) is cst.Add:
            chain += (part.right, part.left) if ordered else (part.left, part.right)
        else:
            out.append(part)
    return out


def _added_to(statement: cst.CSTNode, literal: cst.CSTNode) -> set[str]:
    """The names added to ``literal`` in the sum that holds it, somewhere in ``statement``
    (``"INSERT ..." + SKIP_DUPES`` gives SKIP_DUPES; not the names of another sum beside it)."""
    found = _sum_holding(statement, literal)
    return set() if found is None else {leaf.value for leaf in _addends(found) if type(leaf) is cst.Name}


def _bound(ctx: Context, names: set[str]) -> set[int]:
    """What the names stand for now (an INSERT literal's id, or `_PIECE`), in the function or at
    module level."""
    bindings: dict[tuple[tuple[str, ...], str], int] = ctx.rule_notes.get(_BINDINGS, {})
    scope = tuple(ctx.scope)
    out = set()
    for name in names:
        found = bindings.get((scope, name), bindings.get(((), name)))
        if found is not None and found != _OTHER:
            out.add(found)
    return out


def _join(ctx: Context, value: cst.CSTNode) -> None:
    """Names added together: an INSERT they stand for is joined to an upsert piece in the same sum."""
    for names in _sums(value):
        bound = _bound(ctx, names)
        if _PIECE in bound:
            ctx.rule_notes.setdefault(_JOINED, set()).update(bound - {_PIECE})


def _literal_text(statement: cst.CSTNode) -> str:
    """The text of every string literal in one statement (an f-string's literal text too), in
    order, joined by spaces."""
    return " ".join(
        (n.string_value(node) or "") if type(node) is cst.SimpleString else node.value
        for node in n.descendants(statement)
        if isinstance(node, (cst.SimpleString, cst.FormattedStringText))
    )


def _select_constant_used(value: cst.BaseExpression, ctx: Context) -> None:
    """A module's SELECT constant filled in and used in a function (``FIND.format(sku=sku)``,
    ``FIND % key``, ``FIND``): its table is one the function looks rows up in."""
    constants: dict[str, str] | None = ctx.rule_notes.get(_SELECT_CONSTANTS)
    if not constants or not ctx.scope:
        return  # (most files keep no SELECT in a constant)
    if type(value) is cst.Call and type(value.func) is cst.Attribute and value.func.attr.value == "format":
        value = value.func.value
    elif type(value) is cst.BinaryOperation and type(value.operator) is cst.Modulo:
        value = value.left
    if type(value) is cst.Name and value.value in constants:
        ctx.rule_notes.setdefault(_SELECTED, {}).setdefault(tuple(ctx.scope), set()).add(constants[value.value])
