# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.models import parse_read_group_spec
from odoo.osv import expression
from odoo.tools import SQL


class AccountMgmtGroupedReportMixin(models.AbstractModel):
    """Grouped reads of reports with many groups, formatted as core does.

    A pivot of 50,000 accounts by quarter has 300,000 cells but only 50,000
    accounts and a few quarters. Core formats every cell on its own: a label per
    date (babel), a display name look-up and a domain per group value. Here each
    distinct value of a groupby is formatted once (by core's own method, on one
    row per value) and its result is shared by the rows that hold it; domains are
    combined as ``expression.AND`` does. The result is the same, dict for dict.
    """

    _name = "account_mgmt.grouped.report.mixin"
    _description = "Account Management: Grouped Report"

    # Percentages read as ratios of sums in any grouping, never as an average of
    # rows: {field: (numerator field, denominator field)}, x 100.
    _account_mgmt_ratio_fields = {}

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            fname, __, func = parse_read_group_spec(aggregate_spec)
            ratio = self._account_mgmt_ratio_fields.get(fname)
            if ratio and func in ("avg", "sum"):
                numerator, denominator = ratio
                return SQL(
                    "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                    self._field_to_sql(self._table, numerator, query),
                    self._field_to_sql(self._table, denominator, query),
                )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        fields_by_group = {
            group: self._fields[group.split(":")[0].split(".")[0]]
            for group in lazy_groupby
        }
        if not rows_dict or any(
            field.type in ("properties", "many2many")
            for field in fields_by_group.values()
        ):
            return super()._read_group_format_result(rows_dict, lazy_groupby)
        # the normalized domain of each row and its kind, the rows' own domain
        # (usually one list shared by all) normalized once
        bases = {}
        current = []
        for row in rows_dict:
            domain = row["__domain"]
            entry = bases.get(id(domain))
            if entry is None or entry[0] is not domain:
                form = expression.normalize_domain(domain)
                entry = bases[id(domain)] = (domain, (form, _kind(form), False))
            current.append(entry[1])
        for group in lazy_groupby:
            relational = fields_by_group[group].type == "many2one"

            def key(value, relational=relational):
                # records hash slowly: their ids stand for them
                return value._ids if relational else (type(value), value)

            # one row per distinct value, formatted by core
            samples = {}
            for row in rows_dict:
                value = row[group]
                samples.setdefault(key(value), value)
            formatted = [{group: value, "__domain": []} for value in samples.values()]
            super()._read_group_format_result(formatted, [group])
            by_value = {}
            for sample_key, sample in zip(samples, formatted, strict=True):
                form = sample["__domain"]
                by_value[sample_key] = (sample, (form, _kind(form), False))
            for index, row in enumerate(rows_dict):
                sample, right = by_value[key(row[group])]
                row[group] = sample[group]
                if "__range" in sample:
                    row.setdefault("__range", {})[group] = sample["__range"][group]
                current[index] = _and(current[index], right)
        for row, (domain, _kind_of, fresh) in zip(rows_dict, current, strict=True):
            # a list of its own for each row, as core gives
            row["__domain"] = domain if fresh else list(domain)
        return None


def _kind(domain):
    if domain == expression.TRUE_DOMAIN:
        return "true"
    if domain == expression.FALSE_DOMAIN:
        return "false"
    return "other"


def _and(left, right):
    """``expression.AND([left, right])`` for two normalized domains given as
    (domain, kind, whether the list belongs to one row only); returns the same."""
    if left[1] == "false" or right[1] == "false":
        return expression.FALSE_DOMAIN, "false", False
    if left[1] == "true":
        return right
    if right[1] == "true":
        return left
    return ["&", *left[0], *right[0]], "other", True
