# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scheduled jobs in bounded batches (helpers taking an environment).

Odoo 18's cron runner calls a job's method again, in a new transaction, as long
as the method reports work ``remaining`` through
``ir.cron._notify_progress(done=, remaining=)``; it commits after each call. So
each job of the add-on does one bounded batch per call, finds the next batch from
the data itself (what is still to do today), and writes idempotently: a worker
killed halfway loses at most the batch it was doing, and the next call (or the
next day's run) completes it without writing anything twice.

Batch sizes are system parameters ``account_mgmt_addon.batch_size.<job>``
(Settings > Technical > System Parameters), with defaults sized so that a batch
stays well under 30 seconds on a ledger of 2.5 million journal items and 50,000
accounts.
"""

from odoo.tools import SQL

BATCH_SIZE_PARAM = "account_mgmt_addon.batch_size.%s"
#: Months (of a company) a batch of the summary refresh folds (system parameter
#: account_mgmt_addon.batch_size.summary): about 0.7 s each on a large ledger.
#: Health and tiering fold a batch of them first too (see their jobs).
SUMMARY_BATCH_SIZE = 12


def batch_size(env, job, default):
    """The batch size of ``job``: its system parameter when set to a positive
    integer, else ``default``."""
    value = env["ir.config_parameter"].sudo().get_param(BATCH_SIZE_PARAM % job)
    try:
        size = int(value) if value else default
    except ValueError:
        size = default
    return size if size > 0 else default


def try_job_lock(env, job, key=0):
    """Take the transaction-level advisory lock of ``job`` (and ``key``, e.g. a
    company id); False when another transaction holds it (it is doing the same
    batch: this one must not)."""
    env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(hashtext(%s), %s)", job, key))
    return env.cr.fetchone()[0]


#: Months listed for the profitability summary that a job folds in the call of
#: its first batch; more are folded in calls of their own (see fold_summary).
FOLD_WITH_BATCH = 6


def fold_summary(env):
    """Fold a batch of the months listed for the profitability summary (the
    summary job's own work), for a job about to read the figures of every
    account: read from the summary, not from the ledger, for each of its batches.

    :return: ``(months folded, months still listed, alone)``, ``alone`` when the
        fold takes the call (months remain listed, or more than a few were
        folded); None when none were folded (none listed, or the summary job
        folding them right now: the job then reads those months from the ledger)
    """
    report = env["account_mgmt.profitability.report"].sudo()
    result = report._refresh_summary_batch(
        batch_size(env, "summary", SUMMARY_BATCH_SIZE)
    )
    if not result or not result[0]:
        return None
    months, listed = result
    return months, listed, bool(listed or months > FOLD_WITH_BATCH)


def notify_progress(env, done, remaining):
    """Report a batch to the cron runner (a no-op outside a cron run)."""
    env["ir.cron"]._notify_progress(done=done, remaining=remaining)
