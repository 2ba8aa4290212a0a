from . import models
from . import reports
from . import wizards

# Last: its create/write checks run before every model's own (wizards included).
from .models.common import account_mgmt_access
from .models.budget import account_mgmt_budget_access
from .hooks import post_init_hook, uninstall_hook
