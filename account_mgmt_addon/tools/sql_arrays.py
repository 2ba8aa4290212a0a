# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PostgreSQL array literals, to send a column of many values as one parameter.

psycopg2 sends a Python list as ``ARRAY[v1, v2, ...]``: PostgreSQL then parses
and plans one constant per value, which takes seconds for the hundreds of
thousands of values of a bulk write. The same values sent as one text literal
(``'{v1,v2,...}'::int[]``) are read by the array type's input function instead,
in a fraction of the time.
"""

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
