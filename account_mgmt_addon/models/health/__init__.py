# Account health: measures, snapshots and their lines (account_mgmt_health_snapshot),
# the recompute (orchestration and bulk writes), the per-measure queries and scores,
# the at-risk alerts, the daily job in batches.
from . import account_mgmt_health_measure
from . import account_mgmt_health_snapshot
from . import account_mgmt_health_snapshot_measures
from . import account_mgmt_health_snapshot_recompute
from . import account_mgmt_health_snapshot_alerts
from . import account_mgmt_health_batches
from . import res_company_health
from . import res_partner_health
from . import mail_activity_health
from . import account_mgmt_interaction_health
