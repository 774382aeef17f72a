"""The next election: the day the card counts down to, and the reminder texts sent the
day before to those who asked for one (elections)."""

from pagina_madre.settings.environment import config

# A date, or None: no election announced, nothing shows.
ELECTION_DATE = config.elections.election_date
ELECTION_NAME = config.elections.election_name
# Reminder texts per period ("60/m"), paced by the sender.
REMINDER_RATE = config.elections.reminder_rate
