# Shared pieces: company settings, the mail.thread and mail.activity overrides that
# dispatch to each feature. account_mgmt_demo and account_mgmt_access are imported
# last (models/__init__.py and the add-on's __init__.py).
from . import res_company
from . import res_config_settings
from . import mail_activity
from . import mail_thread
