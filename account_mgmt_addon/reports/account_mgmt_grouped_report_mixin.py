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

    def _read_group_postprocess_groupby(self, groupby_spec, raw_values):
        """As core, with one record per distinct id (core makes one per row, each
        with every row's id, duplicates included, as its prefetch set: on a pivot
        of 600,000 cells, 600,000 records and slow prefetching)."""
        fname = parse_read_group_spec(groupby_spec)[0]
        field = self._fields.get(fname)
        if field is None or not field.relational:
            return super()._read_group_postprocess_groupby(groupby_spec, raw_values)
        empty_value = self._read_group_empty_value(groupby_spec)
        Model = self.pool[field.comodel_name]
        records = dict.fromkeys(value for value in raw_values if value)
        prefetch_ids = tuple(records)
        for value in prefetch_ids:
            records[value] = Model(self.env, (value,), prefetch_ids)
        return [records[value] if value else empty_value for value in raw_values]

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        fields_by_group = {
            group: self._fields[group.split(":")[0].split(".")[0]]
            for group in lazy_groupby
        }
        if (
            not rows_dict
            or not lazy_groupby
            or len(fields_by_group) != len(lazy_groupby)
            or any(
                field.type in ("properties", "many2many")
                for field in fields_by_group.values()
            )
        ):
            return super()._read_group_format_result(rows_dict, lazy_groupby)
        columns, parts_kinds = _format_cells(
            super()._read_group_format_result, rows_dict, fields_by_group
        )
        # The rows' own domain (one list shared by all, as read_group gives)
        # normalized once; with it and parts all proper domains, a row's domain
        # is a head of "&" and the base, then its parts.
        domains = {id(row["__domain"]) for row in rows_dict}
        head = None
        if len(domains) == 1 and parts_kinds == {"other"}:
            base = _part(rows_dict[0]["__domain"])
            if base[0] == "other":
                head = ["&"] * len(lazy_groupby) + base[1]
            elif base[0] == "true":
                head = ["&"] * (len(lazy_groupby) - 1)
        _set_cells(rows_dict, columns, head)
        return None


def _format_cells(core_format, rows_dict, fields_by_group):
    """Each distinct value of each groupby (``fields_by_group``) formatted once,
    by core (``core_format``), on a row of its own.

    :return: ([(group, each row's cell: (value, range or None, domain part))],
        the kinds of the domain parts)
    """
    columns = []
    parts_kinds = set()
    for group, field in fields_by_group.items():
        values = [row[group] for row in rows_dict]
        if field.type == "many2one":
            # records hash slowly: their ids stand for them
            keys = [value._ids for value in values]
        else:
            keys = [(type(value), value) for value in values]
        samples = dict(zip(keys, values, strict=True))
        formatted = [{group: value, "__domain": []} for value in samples.values()]
        core_format(formatted, [group])
        by_key = {}
        for sample_key, sample in zip(samples, formatted, strict=True):
            part = _part(sample["__domain"])
            parts_kinds.add(part[0])
            by_key[sample_key] = (
                sample[group],
                sample["__range"][group] if "__range" in sample else None,
                part,
            )
        columns.append((group, [by_key[key] for key in keys]))
    return columns, parts_kinds


def _part(domain):
    """A domain as ``expression.AND`` sees it: (kind, normalized domain); kind
    "true" (left out: TRUE or empty), "false" (the result is FALSE) or "other"."""
    if domain == expression.TRUE_DOMAIN or not domain:
        return "true", domain
    if domain == expression.FALSE_DOMAIN:
        return "false", domain
    return "other", expression.normalize_domain(domain)


def _and(parts):
    """``expression.AND`` applied in turn to normalized ``parts``, as core's
    formatting does (a new list, unless the result is TRUE or FALSE)."""
    domains = []
    for kind, form in parts:
        if kind == "false":
            return expression.FALSE_DOMAIN
        if kind == "other":
            domains.append(form)
    if not domains:
        return expression.TRUE_DOMAIN
    result = ["&"] * (len(domains) - 1)
    for form in domains:
        result += form
    return result


def _set_cells(rows_dict, columns, head):
    """Write each row's cells: values, ranges, and its domain (``head`` then its
    parts when ``head`` is given, else as ``expression.AND`` would)."""
    # Column by column (a loop per groupby costs less than a loop per row
    # over the groupbys): the values, the ranges, then the domains.
    for group, cells in columns:
        for row, cell in zip(rows_dict, cells, strict=True):
            row[group] = cell[0]
        if any(cell[1] is not None for cell in cells):
            for row, cell in zip(rows_dict, cells, strict=True):
                if cell[1] is not None:
                    row.setdefault("__range", {})[group] = cell[1]
    if head is not None:
        forms = [[cell[2][1] for cell in cells] for _group, cells in columns]
        if len(forms) == 1:
            for row, first in zip(rows_dict, forms[0], strict=True):
                row["__domain"] = [*head, *first]
        elif len(forms) == 2:
            for row, first, second in zip(rows_dict, *forms, strict=True):
                row["__domain"] = [*head, *first, *second]
        else:
            for row, *parts in zip(rows_dict, *forms, strict=True):
                row["__domain"] = [
                    *head,
                    *(leaf for part in parts for leaf in part),
                ]
        return
    bases = {}
    for row, *cells in zip(
        rows_dict, *(cells for _group, cells in columns), strict=True
    ):
        domain = row["__domain"]
        base = bases.get(id(domain))
        if base is None or base[0] is not domain:
            base = bases[id(domain)] = (domain, _part(domain))
        row["__domain"] = _and([base[1]] + [cell[2] for cell in cells])
