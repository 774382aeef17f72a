"""Who runs the portal (Ley 1581's data controller), on every page's footer and in the data
policy (portal.operator). Unset, pages leave it out (staff read which are pending) and
`manage.py check --deploy` refuses (accounts.checks)."""

from pagina_madre.settings.environment import config

OPERATOR_NAME = config.operator.name
# The NIT, or the cédula of a person.
OPERATOR_ID = config.operator.id
OPERATOR_ADDRESS = config.operator.address
OPERATOR_EMAIL = config.operator.email
OPERATOR_PHONE = config.operator.phone
