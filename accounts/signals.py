"""What accounts tells the apps that build on it."""

from django.dispatch import Signal

# A person proved they hold their account's phone (argument ``user``). Sent inside the
# transaction that records it: receivers that start work do so on commit.
phone_verified = Signal()

# A person is about to be forgotten (argument ``user``, still whole). Sent inside the
# transaction that deletes the account, before it: what cascades from the account goes
# with it, and receivers only hand off what it cannot reach (files, rows keyed by the
# cédula), after the commit for what is not in the database.
person_forgotten = Signal()
