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

# Staff handed an account to the person who claimed its cédula (argument ``user``, already
# the claimant's: their name and phone). Sent inside the hand-over's transaction, so an
# account is never handed over with the previous holder's world still attached: receivers
# end what the previous holder had through it (their network, what others shared with them)
# in the same transaction, and start outside work on commit. Receivers never tell anyone
# about the new holder.
account_handed_over = Signal()
