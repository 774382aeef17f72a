from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """People bringing people: referral links, who brought whom, consent to share where
    one votes, and leaders with a goal."""

    name = "referrals"
    verbose_name = "Referidos"

    def ready(self) -> None:
        # The consent card on /perfil/, the section of /perfil/mis-datos/, and what a
        # hand-over of an account ends.
        from referrals import personal_data, profile, signals  # noqa: F401  (register them)
