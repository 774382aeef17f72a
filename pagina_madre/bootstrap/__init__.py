"""The composition root: the one place that turns settings into working parts, one module
per part. Entry points and use cases ask a part for what they need and never build a
service, a policy or an adapter themselves:

- ``census_lookup``: the census lookup service, its scraper, pace and traces;
- ``phone_codes``: the policy of the codes sent by SMS;
- ``sms``: the sender that ``SMS_BACKEND`` names;
- ``network_refresh``: how often a leader may ask the census again about their people.

Nothing is imported here: accounts asks ``phone_codes`` and ``sms`` for its parts, and
accounts never knows census, not even through this package (``census_lookup`` builds the
repository of census rows).
"""
