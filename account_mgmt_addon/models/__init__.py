from . import res_company
from . import res_config_settings
from . import account_mgmt_tier
from . import account_mgmt_team_member
from . import res_partner
from . import account_mgmt_demo
