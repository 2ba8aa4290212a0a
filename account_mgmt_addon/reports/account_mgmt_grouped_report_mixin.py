# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars
import gc
import re
from contextlib import contextmanager
from itertools import repeat
from operator import attrgetter, itemgetter

from odoo import api, models
from odoo.models import parse_read_group_spec
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import Partner as BasePartner

_LINE_END = re.compile(r"\s+\n")
_FIRST = itemgetter(0)
_IDS = attrgetter("_ids")
_DOMAIN = itemgetter("__domain")

# Inside the mixin's ``read_group``: {"model": its model, "labels": None, or
# {groupby: {partner id: label}} once ``_read_group`` has read them}, for the
# formatting.
_GROUPED_READ = contextvars.ContextVar("account_mgmt_grouped_read", default=None)


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
    @api.readonly
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        # The groups are built with Python's cyclic garbage collector paused:
        # tens of thousands of new dicts, lists and tuples that all survive
        # trigger full collections, each walking the whole registry (large,
        # accounts x bucket: 0.6 s of the 1.5 s of the pivot's four reads).
        # Reference counting still frees what is dropped; nothing here makes
        # cycles.
        token = _GROUPED_READ.set({"model": self._name, "labels": None})
        try:
            with _cyclic_gc_paused():
                return super().read_group(
                    domain,
                    fields,
                    groupby,
                    offset=offset,
                    limit=limit,
                    orderby=orderby,
                    lazy=lazy,
                )
        finally:
            _GROUPED_READ.reset(token)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """As core; within the mixin's ``read_group``, groups of accounts first
        (a partner groupby, then others) in core's default order are ordered
        here rather than by the query.

        Core orders them by the partners' name (``complete_name ASC, id DESC``)
        in the query, which must join all the partners for it (large: a scan of
        150,000 partners, 140 ms of a 255 ms query). Here the query orders the
        groups by the other groupbys (as core does, each by its own order), by
        the partner's id first when it can (``_account_mgmt_rest_order``: an
        account's groups then lie together in memory, which the sort and every
        later pass over 600,000 groups read much faster), and the groups are
        then sorted, stably, by their partner's rank among the groups'
        partners, read with their labels by one look-up per partner
        (``_account_mgmt_partner_rows``): the same order, the same result.
        """
        groupby, aggregates = tuple(groupby), tuple(aggregates)
        grouped_read = _GROUPED_READ.get()
        if (
            grouped_read is None
            or grouped_read["model"] != self._name
            or grouped_read["labels"] is not None
            or not groupby
            or offset
            or limit
            or (order and order != ",".join(groupby))
            or not self._account_mgmt_partner_ordered(groupby[0])
        ):
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        rows = super()._read_group(
            domain,
            groupby,
            aggregates,
            having,
            order=self._account_mgmt_rest_order(groupby),
        )
        # (records hash slowly: their ids stand for them)
        row_ids = list(map(_IDS, map(_FIRST, rows)))
        partner_ids = set(row_ids)
        partner_ids.discard(())
        labels, ranks = self._account_mgmt_partner_rows(
            [ids[0] for ids in partner_ids], ranked=True
        )
        # the groups without partner last (core: NULLS LAST)
        last = len(ranks)
        keys = list(map(ranks.get, row_ids, repeat(last)))
        rows = list(
            map(rows.__getitem__, sorted(range(len(rows)), key=keys.__getitem__))
        )
        if not self._account_mgmt_partner_labels_apply():
            labels = {}
        grouped_read["labels"] = {groupby[0]: labels}
        return rows

    @api.model
    def _account_mgmt_rest_order(self, groupby):
        """The order for the query of groups of accounts first (``groupby``):
        by the account's id, then as core orders the other groupbys, when core
        orders them by their own value (dates, selections, numbers, many2ones
        ordered by id); else by the other groupbys only."""
        for spec in groupby[1:]:
            field = self._fields.get(parse_read_group_spec(spec)[0])
            if (
                field is None
                or field.type in ("many2one", "many2many")
                and self.env[field.comodel_name]._order != "id"
                or field.type == "properties"
            ):
                return ",".join(groupby[1:])
        # None: core orders by the groupbys' own values, the account's id first
        return None

    @api.model
    def _account_mgmt_partner_ordered(self, spec):
        """Whether groupby ``spec`` is a partner whose groups core orders by
        ``res.partner``'s own order, which ``_read_group`` can sort."""
        field = self._fields.get(spec)
        return (
            field is not None
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
            and self.env["res.partner"]._order == BasePartner._order
        )

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
        records = dict.fromkeys(raw_values)
        records.pop(None, None)
        records.pop(False, None)
        prefetch_ids = tuple(records)
        for value in prefetch_ids:
            records[value] = Model(self.env, (value,), prefetch_ids)
        records[None] = records[False] = empty_value
        return list(map(records.__getitem__, raw_values))

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
            super()._read_group_format_result,
            rows_dict,
            fields_by_group,
            self._account_mgmt_partner_labels,
        )
        # The rows' own domain (one list shared by all, as read_group gives)
        # normalized once; with it and parts all proper domains, a row's domain
        # is a head of "&" and the base, then its parts.
        domains = set(map(id, map(_DOMAIN, rows_dict)))
        head = None
        if len(domains) == 1 and parts_kinds == {"other"}:
            base = _part(rows_dict[0]["__domain"])
            if base[0] == "other":
                head = ["&"] * len(lazy_groupby) + base[1]
            elif base[0] == "true":
                head = ["&"] * (len(lazy_groupby) - 1)
        _set_cells(rows_dict, columns, head)
        return None

    # the context keys that change a partner's display name (core's
    # ``res.partner._compute_display_name``)
    _ACCOUNT_MGMT_PARTNER_NAME_CONTEXT = (
        "show_address",
        "partner_show_db_id",
        "address_inline",
        "show_email",
        "show_vat",
    )

    @api.model
    def _account_mgmt_partner_labels_apply(self):
        """Whether partners displayed by their name alone can be labelled by
        their name read in SQL: ``res.partner`` computes its display name as
        core does (a module that overrides it, hr, website, ..., gets core's own
        path) and the context asks for no address, email, VAT number or id."""
        partner_class = type(self.env["res.partner"])
        return not (
            any(
                self.env.context.get(k) for k in self._ACCOUNT_MGMT_PARTNER_NAME_CONTEXT
            )
            or partner_class._fields["display_name"].compute != "_compute_display_name"
            or partner_class._compute_display_name
            is not BasePartner._compute_display_name
            or partner_class._get_complete_name is not BasePartner._get_complete_name
        )

    @api.model
    def _account_mgmt_partner_labels(self, field, samples):
        """Core's display name of the partners among ``samples`` whose name is
        their display name, read in SQL: {partner id: label}.

        Core computes a partner's display name with a language context and a
        selection's translated labels for each partner, about 0.1 ms each (21,000
        accounts: 2 s per grouped read). A partner without parent and company
        name, or a company with a name, is displayed by its name alone
        (``_get_complete_name``), unless the context asks for an address, an
        email, a VAT number or an id; the labels of the others (contacts of a
        company) are left to core (see ``_account_mgmt_partner_labels_apply``).

        Read by ``_read_group`` when it orders the groups, else in one query
        here.
        """
        if field.comodel_name != "res.partner":
            return {}
        grouped_read = _GROUPED_READ.get()
        if (
            grouped_read is not None
            and grouped_read["model"] == self._name
            and grouped_read["labels"]
            and field.name in grouped_read["labels"]
        ):
            return grouped_read["labels"][field.name]
        if not self._account_mgmt_partner_labels_apply():
            return {}
        ids = {value.id for value in samples.values() if value}
        return self._account_mgmt_partner_rows(ids)[0]

    @api.model
    def _account_mgmt_partner_rows(self, ids, ranked=False):
        """({id: label}, {(id,): rank}) of the partners ``ids``: the label is
        core's display name, for the partners displayed by their name alone (see
        ``_account_mgmt_partner_labels``); the rank (0, 1, ...) is a partner's
        place in ``res.partner``'s order (complete_name ASC, id DESC), only when
        ``ranked``."""
        if not ids:
            return {}, {}
        partners = self.env["res.partner"]
        partners.flush_model(
            ["name", "parent_id", "company_name", "is_company", "complete_name"]
        )
        # One primary key look-up per id (LIMIT keeps the planner from scanning
        # every partner for a hash join: 70 ms instead of 190 ms for 21,000).
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.id,
                       CASE WHEN partner.parent_id IS NULL
                                 AND COALESCE(partner.company_name, '') = ''
                              OR partner.is_company
                                 AND COALESCE(partner.name, '') != ''
                            THEN COALESCE(partner.name, '') END,
                       %s
                  FROM unnest(%s::integer[]) AS wanted(id)
                 CROSS JOIN LATERAL (
                    SELECT id, name, parent_id, company_name, is_company,
                           complete_name
                      FROM res_partner
                     WHERE id = wanted.id
                     LIMIT 1
                 ) partner
                """,
                SQL(
                    "ROW_NUMBER() OVER (ORDER BY partner.complete_name ASC,"
                    " partner.id DESC) - 1"
                    if ranked
                    else "NULL"
                ),
                sorted(ids),
            )
        )
        rows = self.env.cr.fetchall()
        # _compute_display_name on _get_complete_name's stripped name
        labels = {
            partner_id: name.strip() if "\n" not in name else _display_name(name)
            for partner_id, name, _rank in rows
            if name is not None
        }
        ranks = (
            {(partner_id,): rank for partner_id, _name, rank in rows} if ranked else {}
        )
        return labels, ranks


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cyclic garbage collector for the block, if it runs (the
    switch is process-wide: when another thread has paused it, that thread
    turns it on again)."""
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _display_name(name):
    """``_compute_display_name`` on ``_get_complete_name``'s name."""
    name = name.strip()
    return _LINE_END.sub("\n", name).strip() if "\n" in name else name


def _format_cells(core_format, rows_dict, fields_by_group, labels_of):
    """Each distinct value of each groupby (``fields_by_group``) formatted once,
    by core (``core_format``), on a row of its own; the partners ``labels_of``
    labels (core's display name, read in one query) as core formats them.

    :return: ([(group, each row's cell: (value, range or None, domain part),
        whether any has a range)], the kinds of the domain parts)
    """
    columns = []
    parts_kinds = set()
    for group, field in fields_by_group.items():
        values = list(map(itemgetter(group), rows_dict))
        relational = field.type == "many2one"
        if relational:
            # records hash slowly: their ids stand for them
            keys = list(map(_IDS, values))
        else:
            keys = [(type(value), value) for value in values]
        samples = dict(zip(keys, values, strict=True))
        labels = labels_of(field, samples) if relational and group == field.name else {}
        # {key: (value, range or None, domain part)}
        by_key = {}
        to_core = []
        if labels:
            # core computes display names for the whole prefetch set: only for
            # the values left to it
            unlabelled = tuple(
                key[0] for key in samples if key and key[0] not in labels
            )
            fname = field.name
            for key, value in samples.items():
                if key:
                    label = labels.get(key[0])
                    if label is not None:
                        # what core gives for it: (id, display name), its domain
                        # (one leaf: normalized already)
                        by_key[key] = (
                            (key[0], label),
                            None,
                            ("other", [(fname, "=", key[0])]),
                        )
                        continue
                    value = value.with_prefetch(unlabelled)
                to_core.append((key, {group: value, "__domain": []}))
            if by_key:
                parts_kinds.add("other")
        else:
            to_core = [
                (key, {group: value, "__domain": []}) for key, value in samples.items()
            ]
        if to_core:
            core_format([sample for _key, sample in to_core], [group])
        has_range = False
        for key, sample in to_core:
            part = _part(sample["__domain"])
            has_range = has_range or "__range" in sample
            parts_kinds.add(part[0])
            by_key[key] = (
                sample[group],
                sample["__range"][group] if "__range" in sample else None,
                part,
            )
        columns.append((group, list(map(by_key.__getitem__, keys)), has_range))
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
    for group, cells, has_range in columns:
        for row, cell in zip(rows_dict, cells, strict=True):
            row[group] = cell[0]
        if has_range:
            for row, cell in zip(rows_dict, cells, strict=True):
                if cell[1] is not None:
                    row.setdefault("__range", {})[group] = cell[1]
    if head is not None:
        forms = [[cell[2][1] for cell in cells] for _group, cells, _r in columns]
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
        rows_dict, *(cells for _group, cells, _r in columns), strict=True
    ):
        domain = row["__domain"]
        base = bases.get(id(domain))
        if base is None or base[0] is not domain:
            base = bases[id(domain)] = (domain, _part(domain))
        row["__domain"] = _and([base[1]] + [cell[2] for cell in cells])
