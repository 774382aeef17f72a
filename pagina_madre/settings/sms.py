"""The phone: text messages, recovery codes, verification.

SMS_BACKEND console (the log stands in for the phone on a local run; in production it
sends nothing), file (one JSON line per message, for tests) or twilio (SMS_PROVIDER_*);
built by pagina_madre.sms.
"""

from pagina_madre.settings.environment import config

SMS = config.sms
# 1: a new account proves its phone with a code before its first census lookup.
PHONE_VERIFICATION = config.phone_verification
