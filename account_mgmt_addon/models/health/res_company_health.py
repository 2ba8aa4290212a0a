# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._account_mgmt_health_create_measures()
        return companies

    @api.model
    def _account_mgmt_health_init_measures(self):
        """Data file hook: the missing default measures of every company."""
        return self.search(
            [("active", "=", True)]
        )._account_mgmt_health_create_measures()

    def _account_mgmt_health_create_measures(self):
        """Give each company the default health measures it does not have yet.

        Called for every company when the add-on is installed or updated
        (data/account_mgmt_health_data.xml) and for each new company. Measures
        are per company so that each weighs its score its own way; a measure a
        director turned off stays archived (measures can't be deleted).
        """
        Measure = self.env["account_mgmt.health.measure"].sudo()  # configuration set-up
        companies = self
        if not companies:
            return Measure
        existing = {
            (company.id, code)
            for company, code in Measure.with_context(active_test=False)._read_group(
                [("company_id", "in", companies.ids)], ["company_id", "code"]
            )
        }
        vals_list = [
            dict(vals, company_id=company.id)
            for company in companies
            for vals in Measure._default_measure_values()
            if (company.id, vals["code"]) not in existing
        ]
        return Measure.create(vals_list)
