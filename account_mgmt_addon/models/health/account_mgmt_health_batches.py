# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The daily health job in bounded batches (see tools/jobs.py).

The job scores the accounts in id order, a batch of accounts per call, and keeps
its place in a system parameter written in the batch's own transaction: a run
killed halfway loses its batch and its place together, and the next call scores
that batch again (a second score the same day replaces the first; at-risk alerts
are raised once per account and reason while one is open).

A run starts by folding the months listed for the profitability summary (in
calls of their own, a summary batch each, when there are more than a few): the
revenue and margin trends read the summary, and the ledger itself for the months
listed. Read in every batch, those months cost the same whatever the batch's
size (about 45 s per batch on 2.5 million journal items with the 11 months of
the cost pools listed, at a load of 7 on 2 CPUs); folded once, a batch costs in
proportion to its accounts.
"""

import logging

from odoo import api, fields, models

from ...tools.jobs import batch_size, fold_summary, notify_progress, try_job_lock

_logger = logging.getLogger(__name__)

#: Accounts a batch of the health job scores (system parameter
#: account_mgmt_addon.batch_size.health): 8,000 took 7 to 8 s on a ledger of
#: 2.5 million journal items and 50,000 accounts (the first run, raising the
#: first alerts), the months listed for the summary folded first: see the
#: README's benchmark.
HEALTH_BATCH_SIZE = 8000
#: Where the job is: "<day>:<last account id scored>" or "<day>:done" (or
#: "<day>:fold" while it folds the summary's listed months first).
HEALTH_CURSOR_PARAM = "account_mgmt_addon.health_job_cursor"


class AccountMgmtHealthSnapshot(models.Model):
    _inherit = "account_mgmt.health.snapshot"

    @api.model
    def _cron_recompute(self):
        """Daily: score every account and raise the at-risk alerts, a batch of
        accounts per call (the cron runner calls again while some remain); then
        thin out the old snapshots. The contact overdue reminders have their own
        job."""
        # One pass at a time: two would score the same batch.
        if not try_job_lock(self.env, "account_mgmt_health_recompute"):
            return
        today = fields.Date.context_today(self)
        Param = self.env["ir.config_parameter"].sudo()
        day, _sep, last = (Param.get_param(HEALTH_CURSOR_PARAM) or "").partition(":")
        if day != str(today):
            last = "fold"
        if last == "done":
            notify_progress(self.env, done=0, remaining=0)
            return
        Partner = self.env["res.partner"].with_context(active_test=True)
        if last == "fold":
            last = "0"
            folded = fold_summary(self.env)
            if folded and folded[2]:
                # a call of its own: folding a summary batch of months takes as
                # long as a batch of accounts (a few months are folded in the
                # call of the first batch)
                months, listed, _alone = folded
                Param.set_param(
                    HEALTH_CURSOR_PARAM, f"{today}:{'fold' if listed else '0'}"
                )
                notify_progress(
                    self.env,
                    done=months,
                    remaining=listed
                    + Partner.search_count(Partner._account_health_domain()),
                )
                return
        limit = batch_size(self.env, "health", HEALTH_BATCH_SIZE)
        todo = Partner.search(
            [("id", ">", int(last or 0)), *Partner._account_health_domain()],
            order="id",
        )
        batch = todo[:limit]
        if batch:
            self._recompute_accounts(partners=batch, date=today)
        remaining = len(todo) - len(batch)
        Param.set_param(
            HEALTH_CURSOR_PARAM, f"{today}:{batch[-1:].id if remaining else 'done'}"
        )
        if not remaining:
            self._health_prune(today)
        _logger.info(
            "Health recompute: %s accounts scored, %s to score", len(batch), remaining
        )
        notify_progress(self.env, done=len(batch), remaining=remaining)

    @api.model
    def _health_hand_off(self):
        """Let the health job score every account again today, in the background
        (the director's "Recompute" on more accounts than a batch holds)."""
        today = fields.Date.context_today(self)
        self.env["ir.config_parameter"].sudo().set_param(
            HEALTH_CURSOR_PARAM, f"{today}:0"
        )
        self.env.ref("account_mgmt_addon.ir_cron_account_health").sudo()._trigger()
