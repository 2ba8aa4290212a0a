# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PostgreSQL array literals, to send a column of many values as one parameter.

psycopg2 sends a Python list as ``ARRAY[v1, v2, ...]``: PostgreSQL then parses
and plans one constant per value, which takes seconds for the hundreds of
thousands of values of a bulk write. The same values sent as one text literal
(``'{v1,v2,...}'::int[]``) are read by the array type's input function instead,
in a fraction of the time.

``sql_array``, ``sql_unnest`` and ``sql_unnest_rows`` build the bulk reads and
writes of health, tiering and cost pools from such arrays: ``UPDATE ... FROM
unnest(...)`` and ``INSERT ... SELECT ... FROM unnest(...)``.
"""

from odoo.tools import SQL

_NUMBERS = {int, float}


def _element(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float):
        # repr: the shortest text that reads back as the same float, the text
        # psycopg2 sends for a float parameter
        return repr(value)
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def array_literal(values):
    """The text of a one-dimensional PostgreSQL array of ``values``: None,
    booleans, integers, floats, strings, and dates or times (by their ISO text).
    Cast it to the array type in the query: ``%s::int[]``."""
    values = list(values)
    types = set(map(type, values))
    # the common cases, hundreds of thousands of ids or figures: no call per value
    if types <= _NUMBERS:
        elements = map(repr, values)
    elif types <= _NUMBERS | {type(None)}:
        elements = ["NULL" if value is None else repr(value) for value in values]
    else:
        elements = map(_element, values)
    return "{" + ",".join(elements) + "}"


def sql_array(values, sql_type):
    """``values`` as an SQL array of ``sql_type`` (``"int"``, ``"numeric"``,
    ``"date"``...), sent as one text parameter (see :func:`array_literal`)."""
    return SQL("%s::%s[]", array_literal(values), SQL(sql_type))


def sql_unnest(alias, columns):
    """The table expression ``unnest(<arrays>) AS alias(<names>)``: one row per
    position of the columns, for bulk ``INSERT ... SELECT`` and ``UPDATE ... FROM``.

    :param columns: column name -> (SQL type, values); the values of every column
        are as many and in the same order
    """
    return SQL(
        "unnest(%s) AS %s(%s)",
        SQL(", ").join(
            sql_array(values, sql_type) for sql_type, values in columns.values()
        ),
        SQL.identifier(alias),
        SQL(", ").join(SQL.identifier(name) for name in columns),
    )


def sql_unnest_rows(alias, columns, rows):
    """:func:`sql_unnest` of ``rows`` (tuples of values in the order of
    ``columns``, column name -> SQL type)."""
    by_column = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return sql_unnest(
        alias,
        {
            name: (sql_type, values)
            for (name, sql_type), values in zip(columns.items(), by_column, strict=True)
        },
    )
