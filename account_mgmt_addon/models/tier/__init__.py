# Key-account tiers: the tiers, the account's tier/manager/team fields and the
# tiering engine that computes them, the account team and the tier history.
from . import account_mgmt_tier
from . import account_mgmt_team_member
from . import res_partner_tier
from . import res_partner_tiering
from . import account_mgmt_tier_history
from . import res_company_tiering
from . import account_mgmt_tiering_queue
