from . import account_mgmt_tier_recompute
from . import account_mgmt_profitability_export
from . import account_mgmt_plan_send_back
from . import account_mgmt_settings
from . import mail_compose_message
from . import account_mgmt_budget_baseline
