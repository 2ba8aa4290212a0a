# Models by feature; each package holds the feature's models and its extensions of
# shared models (res.partner, res.company, mail.activity...). The order matters:
# a later extension of a model wraps the earlier ones.
from . import common
from . import tier
from . import interaction
from . import health
from . import ledger
from . import profitability
from . import plan
from . import whitespace
from . import budget

# The demo loader reads every feature. account_mgmt_access is imported last, by the
# add-on's __init__ (its checks wrap every model's own).
from .common import account_mgmt_demo
