"""EPW settings. Production differs from development only by environment variables.

See README.md for the list of variables.
"""

from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from epw.core.editor_schema import EXTENSIONS as EDITOR_EXTENSIONS
from epw.environment import (
    KEPT_CACHE,
    Env,
    cache_config,
    database_config,
    read_env_file,
    replica_configs,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
read_env_file(BASE_DIR / ".env")
VAR_DIR = Path(Env().str("EPW_VAR_DIR", str(BASE_DIR / "var")))

env = Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = secret_key(env, debug=DEBUG)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "epw.views.csrf_failure"
INTERNAL_IPS = ["127.0.0.1"]

INSTALLED_APPS = [
    "epw.apps.AdminConfig",  # django.contrib.admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "epw.apps.TagsConfig",  # taggit
    "epw.apps.RevisionsConfig",  # reversion
    "django_prose_editor",
    "csp",
    "django_tasks",
    "epw.apps.TasksConfig",  # django_tasks_db
    "epw.apps.CommentsModerationConfig",  # django_comments_xtd
    "epw.apps.CommentsConfig",  # django_comments
    "epw.apps.LoginAttemptsConfig",  # axes
    "django_otp",
    "epw.apps.SecondFactorConfig",  # django_otp.plugins.otp_totp
    "epw",
    "epw.core",
    "contributors",
    "blog",
    "newsletter",
    "fediverse",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "epw.middleware.PageCacheMiddleware",
    "epw.middleware.ContentSecurityPolicyMiddleware",
    "epw.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "epw.db_router.ReplicaReadsMiddleware",  # after authentication: staff read the primary
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "epw.middleware.SafeRedirectFallbackMiddleware",
    "blog.wordpress.redirects.WordPressRedirectMiddleware",
    "blog.audience.recording.AudienceMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a refused login into the lockout page
]

ROOT_URLCONF = "epw.urls"
WSGI_APPLICATION = "epw.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "epw.context_processors.site",
            ],
        },
    },
]

# Data ---------------------------------------------------------------------------------------

DATABASES = {
    "default": database_config(env.str("DATABASE_URL"), sqlite_path=VAR_DIR / "epw.sqlite3")
}
# Optional read replicas (comma-separated URLs): anonymous readers' pages are read there,
# everything else on the primary (epw/db_router.py).
DATABASES |= replica_configs(env.list("DATABASE_REPLICA_URL"))
EPW_READ_REPLICAS = [alias for alias in DATABASES if alias != "default"]
DATABASE_ROUTERS = ["epw.db_router.ReplicaRouter"] if EPW_READ_REPLICAS else []
# After a visitor's write, their next requests read the primary this many seconds (replication
# lag must not hide their own comment from them).
EPW_REPLICA_STICKY_SECONDS = env.int("EPW_REPLICA_STICKY_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": cache_config(env.str("REDIS_URL"), cache_dir=VAR_DIR / "cache"),
    "kept": KEPT_CACHE,
}

# Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # a reader who chose English keeps it between visits
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads it
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files and uploads -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880

# E-mail -----------------------------------------------------------------------------------

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("DJANGO_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = 30
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", "Écrire pour le web <redaction@localhost>"
)
SERVER_EMAIL = env.str("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env.list("DJANGO_ADMINS")]

# Background tasks (Django's Tasks API, django-tasks backport) -----------------------------
# The database backend needs no extra service: `make worker` (manage.py db_worker) runs them.
# Several workers on several machines can share one PostgreSQL database.

TASKS = {
    "default": {
        "BACKEND": env.str("EPW_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "newsletter", "fediverse"],
    }
}
# /healthz answers 503 when a task due this many seconds ago still waits for a worker.
EPW_HEALTH_MAX_TASK_DELAY = env.int("EPW_HEALTH_MAX_TASK_DELAY", 600)

# Security ---------------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts ---------------------------------------------------------------------------------
# Logins go through django-axes (failures counted in the database) and, for staff who enrolled
# a device, a TOTP code (django-otp); see epw/staff/.

AUTHENTICATION_BACKENDS = [
    "epw.staff.lockout.LockoutBackend",  # refuses a locked-out client before any password
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "epw.staff.lockout.StaffLoginHandler"
# Locked: an account from one address after AXES_FAILURE_LIMIT failures, an address after
# EPW_LOGIN_FAILURES_PER_ADDRESS failures on any accounts (the order matters to the handler).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env.int("EPW_LOGIN_FAILURES_PER_ACCOUNT", 5)
EPW_LOGIN_FAILURES_PER_ADDRESS = env.int("EPW_LOGIN_FAILURES_PER_ADDRESS", 20)
# The first lockout lasts EPW_LOGIN_LOCKOUT_MINUTES; each further one from the same address
# within a day lasts twice as long as the one before, up to a day.
AXES_COOLOFF_TIME = "epw.staff.lockout.cool_off"
EPW_LOGIN_LOCKOUT_MINUTES = env.int("EPW_LOGIN_LOCKOUT_MINUTES", 15)
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # lockouts are remembered there to make the next longer
AXES_RESET_ON_SUCCESS = True  # only the account's own failures from that address
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the announced time stays true
AXES_CLIENT_IP_CALLABLE = "epw.core.privacy.client_ip"
AXES_LOCKOUT_CALLABLE = "epw.staff.lockout.lockout_response"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]  # masked in logs and rows
# Second factor (TOTP apps: FreeOTP, Aegis, Google Authenticator…): the issuer is the site name.
OTP_TOTP_ISSUER = env.str("EPW_SITE_NAME", "Écrire pour le web")

# Security headers ---------------------------------------------------------------------------
# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site only. The
# one inline script is the editor's import map, which carries the response's nonce
# (epw/templatetags/epw_csp.py); style attributes are refused too. Frames: this site's own (the
# newsletter preview) and the players of the embeds on the page (epw.middleware adds them).
# The rich-text editor (Tiptap, in django-prose-editor) writes its base CSS in a <style> element:
# that exact text is allowed by its hash, which a new version of the editor changes (the browser
# tests and tests/epw/test_security_headers.py say so).
EDITOR_BASE_CSS_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, EDITOR_BASE_CSS_HASH],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, "https:"],
        "frame-src": [SELF],  # and the players of the embeds on the page
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "upgrade-insecure-requests": SECURE_SSL_REDIRECT,
    }
}
# Permissions-Policy: powerful features no page of the site uses are switched off for the page
# and anything it frames. Fullscreen, autoplay and picture-in-picture keep their defaults (this
# site, and the players its pages frame through their allow attribute: static/js/embeds.js).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "INFO"}},
}

# Rich-text editor (django-prose-editor) ---------------------------------------------------

# Our own extensions (epw/core/editor_schema.py); the sanitiser's allow-list follows them too.
DJANGO_PROSE_EDITOR_EXTENSIONS = EDITOR_EXTENSIONS

# Comments (django-comments-xtd) -----------------------------------------------------------

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
# EPW confirms e-mail addresses itself (blog/comments): a signed, expiring link carrying only the
# comment id, the comment waiting in the database where editors can see it.
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {"allow_flagging": False, "allow_feedback": False, "show_feedback": False},
}

# Moderation rules (blog/comments/rules.py) and limits of the comment form.
EPW_COMMENTS_CLOSE_AFTER_DAYS = env.int("EPW_COMMENTS_CLOSE_AFTER_DAYS", default=90)  # 0: never
EPW_COMMENTS_MAX_LINKS = 2  # a comment with this many links or more is held
EPW_COMMENTS_MODERATION_WORDS = env.list("EPW_COMMENTS_MODERATION_WORDS", default=[])
EPW_COMMENTS_DISALLOWED_WORDS = env.list(
    "EPW_COMMENTS_DISALLOWED_WORDS", default=["viagra", "cialis", "casino en ligne"]
)
EPW_COMMENTS_DISALLOWED_DOMAINS = env.list("EPW_COMMENTS_DISALLOWED_DOMAINS", default=[])
EPW_COMMENTS_DISALLOWED_IPS = env.list("EPW_COMMENTS_DISALLOWED_IPS", default=[])
EPW_COMMENTS_MAX_LENGTH = 3000
EPW_COMMENTS_FLOOD_IP = (5, 600)  # at most 5 comments per address (IP) per 10 minutes
EPW_COMMENTS_FLOOD_EMAIL = (5, 600)  # … and per e-mail address
EPW_COMMENTS_FLOOD_BURST = (1, 15)  # … and at most one comment per address (IP) per 15 seconds
EPW_COMMENTS_CONFIRM_MAX_AGE = 48 * 3600
EPW_COMMENTS_MUTE_MAX_AGE = 365 * 24 * 3600
EPW_COMMENTS_PURGE_UNCONFIRMED_AFTER_DAYS = 7
EPW_COMMENTS_THREADS_PER_PAGE = 20
EPW_COMMENTS_REMEMBER_COOKIE_AGE = 365 * 24 * 3600
EPW_COMMENTS_PROOF_COOKIE_AGE = 365 * 24 * 3600  # a confirmed address needs no new confirmation

# Public forms (epw/core/public_forms.py) ---------------------------------------------------

# Attempts, valid or not, per client address (IP): (attempts, seconds) for each form; "address":
# per e-mail address given to any form that e-mails it (newsletter, application, lost link).
EPW_PUBLIC_FORM_LIMITS = {
    "comment": (env.int("EPW_COMMENT_ATTEMPTS_PER_IP", 20), 600),
    "newsletter": (env.int("EPW_NEWSLETTER_ATTEMPTS_PER_IP", 10), 3600),
    "application": (env.int("EPW_APPLICATION_ATTEMPTS_PER_IP", 5), 3600),
    "revision": (env.int("EPW_REVISION_ATTEMPTS_PER_IP", 5), 3600),
    "lost-link": (env.int("EPW_LOST_LINK_ATTEMPTS_PER_IP", 5), 3600),
    "search": (env.int("EPW_SEARCH_REQUESTS_PER_IP", 60), 60),
    "address": (env.int("EPW_ATTEMPTS_PER_ADDRESS", 5), 3600),
}
# E-mails all public forms together may send one address: (count, seconds), and the shortest gap.
EPW_PUBLIC_FORM_MAILS_PER_ADDRESS = (3, 24 * 3600)
EPW_PUBLIC_FORM_MAIL_INTERVAL = 60
# Time trap: a form sent back sooner than this is a robot's; its stamp lasts this long.
EPW_PUBLIC_FORM_MIN_SECONDS = 3
EPW_PUBLIC_FORM_MAX_AGE = 24 * 3600

# Page cache (epw/page_cache.py) ----------------------------------------------------------
# Anonymous readers' pages kept whole in the default cache, dropped when the site changes; the
# time trap's stamp in a kept page must outlive it (EPW_PUBLIC_FORM_MAX_AGE above).
EPW_PAGE_CACHE_ENABLED = env.bool("EPW_PAGE_CACHE_ENABLED", default=True)
EPW_PAGE_CACHE_SECONDS = env.int("EPW_PAGE_CACHE_SECONDS", 600)
EPW_PAGE_CACHE_VIEWS = {
    "blog:home",
    "blog:article_detail",
    "blog:category_detail",
    "blog:tag_list",
    "blog:tag_detail",
    "blog:archive_year",
    "blog:archive_month",
    "blog:page_detail",
    "contributors:contributor_detail",
}
# What a browser (max-age) and a shared cache (s-maxage: nginx, a CDN) may keep a page without
# asking again; past that, an ETag/Last-Modified revalidation costs a 304.
EPW_PAGE_CACHE_MAX_AGE = env.int("EPW_PAGE_CACHE_MAX_AGE", 30)
EPW_PAGE_CACHE_SHARED_MAX_AGE = env.int("EPW_PAGE_CACHE_SHARED_MAX_AGE", 120)
EPW_PAGE_CACHE_STALE_SECONDS = env.int("EPW_PAGE_CACHE_STALE_SECONDS", 30)

# Editorial back office -------------------------------------------------------------------

# Audience figures (blog/audience/__init__.py): counted without cookies into each web process's
# memory, handed to the cache in one operation per batch, counted by `manage.py flush_audience`.
EPW_AUDIENCE_ENABLED = env.bool("EPW_AUDIENCE_ENABLED", default=True)
EPW_AUDIENCE_HANDOFF_EVENTS = env.int("EPW_AUDIENCE_HANDOFF_EVENTS", 500)
EPW_AUDIENCE_HANDOFF_SECONDS = env.int("EPW_AUDIENCE_HANDOFF_SECONDS", 10)
# URL namespaces whose pages are counted.
EPW_AUDIENCE_NAMESPACES = env.list("EPW_AUDIENCE_NAMESPACES", default=["blog", "contributors"])
# Behind a proxy or CDN that caches pages, views are counted by a cookie-less beacon the pages
# send (static/js/audience.js) instead of on the server; never both. Beacons per address.
EPW_AUDIENCE_BEACON = env.bool("EPW_AUDIENCE_BEACON", default=False)
EPW_AUDIENCE_BEACON_LIMIT = (env.int("EPW_AUDIENCE_BEACONS_PER_IP", 120), 60)

# Columnists ("Devenez chroniqueur") ----------------------------------------------------------

# Call page: a blog Page with this slug holds the "Devenez chroniqueur" text (edited in the admin).
EPW_COLUMNIST_CALL_PAGE_SLUG = env.str("EPW_COLUMNIST_CALL_PAGE_SLUG", "devenez-chroniqueur")
EPW_SUBMISSION_MAX_UPLOAD_BYTES = env.int("EPW_SUBMISSION_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# Largest unpacked size of an uploaded .docx/.odt (ZIP archives), against zip bombs.
EPW_SUBMISSION_MAX_UNPACKED_BYTES = env.int("EPW_SUBMISSION_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
# Uploaded drafts are converted in a child process with these limits (a file needing more is
# refused), into at most this much HTML.
EPW_SUBMISSION_CONVERSION_MEMORY_BYTES = env.int(
    "EPW_SUBMISSION_CONVERSION_MEMORY_BYTES", 256 * 1024 * 1024
)
EPW_SUBMISSION_CONVERSION_CPU_SECONDS = env.int("EPW_SUBMISSION_CONVERSION_CPU_SECONDS", 5)
EPW_SUBMISSION_CONVERSION_TIMEOUT = env.int("EPW_SUBMISSION_CONVERSION_TIMEOUT", 15)  # wall clock
EPW_SUBMISSION_MAX_HTML_BYTES = env.int("EPW_SUBMISSION_MAX_HTML_BYTES", 2 * 1024 * 1024)
EPW_SUBMISSION_CONFIRM_MAX_AGE = env.int("EPW_SUBMISSION_CONFIRM_MAX_AGE", 3 * 86400)
EPW_SUBMISSION_LINK_MAX_AGE = env.int("EPW_SUBMISSION_LINK_MAX_AGE", 60 * 86400)
EPW_SUBMISSION_MAX_OPEN = env.int("EPW_SUBMISSION_MAX_OPEN", 3)
# Purge (manage.py purge_submissions): declined, unconfirmed and abandoned submissions.
EPW_SUBMISSION_DECLINED_RETENTION_DAYS = env.int("EPW_SUBMISSION_DECLINED_RETENTION_DAYS", 180)
EPW_SUBMISSION_UNCONFIRMED_RETENTION_DAYS = env.int("EPW_SUBMISSION_UNCONFIRMED_RETENTION_DAYS", 7)
EPW_SUBMISSION_ABANDONED_DAYS = env.int("EPW_SUBMISSION_ABANDONED_DAYS", 180)

# Newsletter --------------------------------------------------------------------------------

# Double opt-in links expire after NEWSLETTER_CONFIRM_MAX_AGE seconds; unconfirmed signups are
# purged after NEWSLETTER_PENDING_DAYS by `manage.py purge_unconfirmed_subscribers`.
NEWSLETTER_CONFIRM_MAX_AGE = 7 * 24 * 3600
NEWSLETTER_PENDING_DAYS = env.int("EPW_NEWSLETTER_PENDING_DAYS", 30)
# Signups refused for these domains (disposable addresses); extend through the environment.
NEWSLETTER_BLOCKED_DOMAINS = [
    "mailinator.com",
    "yopmail.com",
    "guerrillamail.com",
    "10minutemail.com",
    "trashmail.com",
    "tempmail.com",
    "temp-mail.org",
    "throwawaymail.com",
    "getnada.com",
    "sharklasers.com",
    "dispostable.com",
    "maildrop.cc",
    *env.list("EPW_NEWSLETTER_BLOCKED_DOMAINS"),
]
# Sending: messages per batch (one SMTP connection each), messages per second (0 = no limit),
# retries with exponential back-off, and the lease after which a silent worker is replaced.
NEWSLETTER_BATCH_SIZE = env.int("EPW_NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_SEND_RATE = env.int("EPW_NEWSLETTER_SEND_RATE", 0)
NEWSLETTER_MAX_ATTEMPTS = 5
NEWSLETTER_RETRY_BASE_SECONDS = 60
NEWSLETTER_LEASE_SECONDS = env.int("EPW_NEWSLETTER_LEASE_SECONDS", 900)
# Send tasks started per edition (and on resume): run as many workers to send in parallel.
NEWSLETTER_PARALLEL_SENDS = env.int("EPW_NEWSLETTER_PARALLEL_SENDS", 1)
# Optional mailto: address added to List-Unsubscribe (RFC 2369) besides the one-click URL.
NEWSLETTER_UNSUBSCRIBE_MAILTO = env.str("EPW_NEWSLETTER_UNSUBSCRIBE_MAILTO")


# Fediverse (ActivityPub) ------------------------------------------------------------------

# Off by default: with it off, every ActivityPub endpoint answers 404 and nothing is delivered.
FEDIVERSE_ENABLED = env.bool("EPW_FEDIVERSE", default=False)
# Remote documents (actors, keys) are read with these bounds.
FEDIVERSE_FETCH_TIMEOUT = env.int("EPW_FEDIVERSE_FETCH_TIMEOUT", 5)
FEDIVERSE_MAX_DOCUMENT_BYTES = 256 * 1024
# Hosts ("host" or "host:port") that may be reached although they resolve to a private or
# loopback address; empty in production, where such addresses are always refused.
FEDIVERSE_PRIVATE_HOSTS_ALLOWED = env.list("EPW_FEDIVERSE_PRIVATE_HOSTS_ALLOWED")
# Deliveries: rows claimed per batch, and how long a claim holds before another worker may
# take the rows back (longer than a batch can take: batch × FEDIVERSE_FETCH_TIMEOUT).
FEDIVERSE_BATCH_SIZE = env.int("EPW_FEDIVERSE_BATCH_SIZE", 50)
FEDIVERSE_LEASE_SECONDS = env.int("EPW_FEDIVERSE_LEASE_SECONDS", 600)
# A failed delivery is tried again after 1 min, 4 min, 16 min… (× 4 each time), at most 12 h.
FEDIVERSE_RETRY_BASE_SECONDS = 60
FEDIVERSE_RETRY_MAX_SECONDS = 12 * 3600
# A delivery still failing this many days after its activity was created is given up.
FEDIVERSE_GIVE_UP_DAYS = env.int("EPW_FEDIVERSE_GIVE_UP_DAYS", 3)
# A server failing every delivery for this many days is skipped (one try a day still made).
FEDIVERSE_DEAD_INBOX_DAYS = env.int("EPW_FEDIVERSE_DEAD_INBOX_DAYS", 3)
# An inbox refuses (413) a posted activity larger than this.
FEDIVERSE_INBOX_MAX_BYTES = 256 * 1024
# Inbox posts taken per remote address and per server, as (posts, seconds); past that, 429.
FEDIVERSE_INBOX_RATE_IP = (300, 300)
FEDIVERSE_INBOX_RATE_DOMAIN = (300, 300)
# A remote actor's cached document (name, inboxes, public key) is read again after this long.
FEDIVERSE_ACTOR_REFRESH_SECONDS = 24 * 3600
# An activity whose sender's server does not answer for its key is checked again for this long.
FEDIVERSE_KEY_WAIT_SECONDS = 6 * 3600


# Tags (django-taggit) ---------------------------------------------------------------------

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# EPW --------------------------------------------------------------------------------------

EPW_SITE_NAME = env.str("EPW_SITE_NAME", "Écrire pour le web")
EPW_SITE_URL = env.str("EPW_SITE_URL", "http://127.0.0.1:8000")
EPW_SERVE_MEDIA = env.bool("EPW_SERVE_MEDIA", default=DEBUG)
# Number of reverse proxies in front of the site that append to X-Forwarded-For; 0 trusts
# only REMOTE_ADDR (see epw/core/privacy.py).
EPW_TRUSTED_PROXIES = env.int("EPW_TRUSTED_PROXIES", 0)
