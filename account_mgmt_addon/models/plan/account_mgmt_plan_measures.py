# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Live measures of account plans: revenue, gross margin, interactions, new
products sold and won opportunities over each plan's dates, one aggregate query per
kind of measure for all the plans."""

from odoo import models
from odoo.tools import SQL

#: Months before the plan's start in which a product already sold is not "new".
NEW_PRODUCT_LOOKBACK_MONTHS = 12


class AccountMgmtPlan(models.Model):
    _inherit = "account_mgmt.plan"

    def _get_measures(self, measures):
        """Measures of each plan over its dates, computed in bulk.

        One aggregate query per kind of measure for all the plans of ``self``
        (revenue and margin share one), whatever their number.

        :param measures: names among :data:`MEASURES`
        :return: ``{plan id: {measure: value}}`` (plans not saved yet are absent)
        """
        plans = self.browse({plan._origin.id for plan in self if plan._origin.id})
        result = {plan_id: {} for plan_id in plans.ids}
        if not plans:
            return result
        measures = set(measures)
        self.flush_model(["partner_id", "company_id", "date_start", "date_end"])
        self.env["res.partner"].flush_model(["parent_id"])
        if measures & {"revenue", "gross_margin", "margin_percent"}:
            for plan_id, (revenue, cost) in plans._query_revenue_cost().items():
                margin = revenue - cost
                result[plan_id].update(
                    revenue=revenue,
                    gross_margin=margin,
                    margin_percent=margin / revenue * 100.0 if revenue else 0.0,
                )
        if "new_products_sold" in measures:
            for plan_id, count in plans._query_new_products().items():
                result[plan_id]["new_products_sold"] = count
        if "won_opportunities" in measures:
            for plan_id, count in plans._query_won_opportunities().items():
                result[plan_id]["won_opportunities"] = count
        if "interaction_count" in measures:
            for plan_id, count in plans._query_interactions().items():
                result[plan_id]["interaction_count"] = count
        return result

    def _sql_plan_members(self):
        """WITH clause ``plan_member(plan_id, partner_id)``: each plan of ``self``
        with every partner of its account: the account, its subsidiaries and their
        contacts, i.e. the partners whose parent chain leads to the account."""
        return SQL(
            """
            WITH RECURSIVE plan_member(plan_id, partner_id) AS (
                SELECT plan.id, plan.partner_id
                  FROM account_mgmt_plan plan
                 WHERE plan.id IN %s
                 UNION
                SELECT plan_member.plan_id, child.id
                  FROM plan_member
                  JOIN res_partner child ON child.parent_id = plan_member.partner_id
            )
            """,
            tuple(self.ids),
        )

    def _query_revenue_cost(self):
        """{plan id: (net revenue, cost of goods sold)} in company currency: the
        sales of the account's partners over the plan's dates, as
        ``account.move.line._account_mgmt_sales_sql`` defines them."""
        query = SQL(
            """
            %(members)s,
            scope AS MATERIALIZED (
                SELECT plan.id AS plan_id, plan_member.partner_id, plan.company_id,
                       plan.date_start, plan.date_end
                  FROM plan_member
                  JOIN account_mgmt_plan plan ON plan.id = plan_member.plan_id
            )
            SELECT scope.plan_id, SUM(sale.revenue), SUM(sale.cogs)
              FROM scope
              JOIN (%(sales)s) sale
                ON sale.partner_id = scope.partner_id
               AND sale.company_id = scope.company_id
             WHERE sale.date BETWEEN scope.date_start AND scope.date_end
          GROUP BY scope.plan_id
            """,
            members=self._sql_plan_members(),
            # the journal items of the plans' partners and dates only (read
            # through the partner index)
            sales=self.env["account.move.line"]._account_mgmt_sales_sql(
                SQL(
                    """
                    AND line.partner_id IN (SELECT partner_id FROM plan_member)
                    AND line.date BETWEEN %s AND %s
                    """,
                    min(self.mapped("date_start")),
                    max(self.mapped("date_end")),
                )
            ),
        )
        return {
            plan_id: (float(revenue or 0.0), float(cost or 0.0))
            for plan_id, revenue, cost in self.env.execute_query(query)
        }

    def _query_new_products(self):
        """{plan id: number of distinct products sold to the account (invoices and
        sales receipts, as ``account.move.line._account_mgmt_sales_line_sql``
        defines a sale) over the plan's dates and not in the 12 months before its
        start}."""
        AccountMoveLine = self.env["account.move.line"]
        AccountMoveLine._account_mgmt_flush_sales()
        query = SQL(
            """
            %(members)s
            SELECT plan.id, COUNT(DISTINCT aml.product_id)
              FROM account_mgmt_plan plan
              JOIN plan_member ON plan_member.plan_id = plan.id
              JOIN account_move_line aml
                ON aml.partner_id = plan_member.partner_id
               AND aml.company_id = plan.company_id
               AND aml.date BETWEEN plan.date_start AND plan.date_end
              JOIN account_move move ON move.id = aml.move_id
              JOIN account_account account ON account.id = aml.account_id
             WHERE %(sale)s
               AND move.move_type <> 'out_refund'
               AND aml.product_id IS NOT NULL
               AND NOT EXISTS (
                   SELECT 1
                     FROM account_move_line before_line
                     JOIN account_move before_move
                       ON before_move.id = before_line.move_id
                     JOIN account_account before_account
                       ON before_account.id = before_line.account_id
                     JOIN plan_member before_member
                       ON before_member.partner_id = before_line.partner_id
                      AND before_member.plan_id = plan.id
                    WHERE before_line.product_id = aml.product_id
                      AND before_line.company_id = plan.company_id
                      AND %(before_sale)s
                      AND before_move.move_type <> 'out_refund'
                      AND before_line.date
                          >= plan.date_start - make_interval(months => %(lookback)s)
                      AND before_line.date < plan.date_start
               )
          GROUP BY plan.id
            """,
            members=self._sql_plan_members(),
            sale=AccountMoveLine._account_mgmt_sales_line_sql(
                SQL.identifier("aml"), SQL.identifier("move"), SQL.identifier("account")
            ),
            before_sale=AccountMoveLine._account_mgmt_sales_line_sql(
                SQL.identifier("before_line"),
                SQL.identifier("before_move"),
                SQL.identifier("before_account"),
            ),
            lookback=NEW_PRODUCT_LOOKBACK_MONTHS,
        )
        return dict(self.env.execute_query(query))

    def _query_won_opportunities(self):
        """{plan id: number of the account's opportunities won over the plan's
        dates} (counted, not valued: the revenue shows in the revenue measure)."""
        self.env["crm.lead"].flush_model(
            ["partner_id", "stage_id", "date_closed", "company_id", "active", "type"]
        )
        self.env["crm.stage"].flush_model(["is_won"])
        query = SQL(
            """
            %(members)s
            SELECT plan.id, COUNT(DISTINCT lead.id)
              FROM account_mgmt_plan plan
              JOIN plan_member ON plan_member.plan_id = plan.id
              JOIN crm_lead lead ON lead.partner_id = plan_member.partner_id
              JOIN crm_stage stage ON stage.id = lead.stage_id
             WHERE stage.is_won
               AND lead.active
               AND lead.type = 'opportunity'
               AND (lead.company_id IS NULL OR lead.company_id = plan.company_id)
               AND lead.date_closed >= plan.date_start
               AND lead.date_closed < plan.date_end + 1
          GROUP BY plan.id
            """,
            members=self._sql_plan_members(),
        )
        return dict(self.env.execute_query(query))

    def _query_interactions(self):
        """{plan id: number of done interactions with the account that count as a
        client contact, over the plan's dates}."""
        if "account_mgmt.interaction" not in self.env:
            return {}
        Interaction = self.env["account_mgmt.interaction"]
        InteractionType = self.env[Interaction._fields["type_id"].comodel_name]
        Interaction.flush_model(
            ["partner_id", "date", "state", "type_id", "company_id"]
        )
        InteractionType.flush_model(["counts_as_contact"])
        query = SQL(
            """
            %(members)s
            SELECT plan.id, COUNT(DISTINCT interaction.id)
              FROM account_mgmt_plan plan
              JOIN plan_member ON plan_member.plan_id = plan.id
              JOIN %(interaction)s interaction
                ON interaction.partner_id = plan_member.partner_id
              JOIN %(type)s interaction_type
                ON interaction_type.id = interaction.type_id
             WHERE interaction.state = 'done'
               AND interaction_type.counts_as_contact
               AND (interaction.company_id IS NULL
                    OR interaction.company_id = plan.company_id)
               AND interaction.date >= plan.date_start
               AND interaction.date < plan.date_end + 1
          GROUP BY plan.id
            """,
            members=self._sql_plan_members(),
            interaction=SQL.identifier(Interaction._table),
            type=SQL.identifier(InteractionType._table),
        )
        return dict(self.env.execute_query(query))
