"""People's accounts: the user model, passwords, sessions, the lockout after failed logins
(django-axes), the second factor for staff (django-otp) and the registration challenge."""

from datetime import timedelta

from pagina_madre.settings.environment import config

AUTH_USER_MODEL = "accounts.CustomUser"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# First: new passwords, and old ones at their next login, get the portal's argon2id
# parameters (accounts/identity/password_hashing.py: what a login costs in a surge).
PASSWORD_HASHERS = [
    "accounts.identity.password_hashing.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        # The user model has no username, first_name or last_name (Django's defaults):
        # a password must not look like the cédula or the name.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("cedula", "nombre_completo")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "census:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# "Recordarme" keeps the session for 120 days; without it the session ends with the
# browser. Most people look twice: when they register, and on election day, months later,
# when the Registraduría's page is known to fail; already logged in, they reach their card
# without a login (a costly hash each) in the surge. The age counts from the login, not
# from the last visit: saving each session on every request would write to the database
# on every card poll.
SESSION_COOKIE_AGE = int(timedelta(days=120).total_seconds())
SESSION_SAVE_EVERY_REQUEST = False

# django-axes: after AXES_FAILURE_LIMIT failed logins for one cédula from one address,
# that pair waits AXES_COOLOFF_HOURS. The lockout page says the same whether the
# cédula has an account or not, so it reveals nothing.
AXES_FAILURE_LIMIT = config.limits.axes_failure_limit
AXES_COOLOFF_TIME = timedelta(hours=config.limits.axes_cooloff_hours)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.identity.login.axes_username"
# The lockout page says when to try again and leads to a new password (by SMS).
AXES_LOCKOUT_CALLABLE = "accounts.identity.views.lockout_page"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The pair is the cédula and the client's real address (read through the proxies,
# settings.limits), so nobody else's failures lock a citizen out; attempts made while
# locked out are refused without counting, so they do not push the end of the lockout back.
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_STR_CALLABLE = "accounts.identity.login.axes_client_str"

# 1: the admin lets in only staff who also typed a code from their TOTP app (enrolled
# with `manage.py enroll_totp CEDULA`).
STAFF_TOTP = config.staff_totp
OTP_TOTP_ISSUER = "Pagina Madre"
# A device's secret is shown once, by enroll_totp, and never again: its admin page leaves
# out the key and the QR code, and django-otp's config and QR views refuse everyone
# (superusers included) with 403. Whoever could read it would hold that person's factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Optional proof of work on registration (ALTCHA, self-hosted): the browser spends about
# a second per account, which costs a bulk registrar dearly and a person nothing.
REGISTRATION_CHALLENGE = config.limits.registration_challenge
REGISTRATION_CHALLENGE_MAX_NUMBER = config.limits.registration_challenge_max_number
