"""WSGI entry point: `gunicorn epw.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "epw.settings")

application = get_wsgi_application()

# Everything loaded so far lives as long as the process: a full garbage collection walked it all
# again, pausing a request for up to 100 ms every few hundred. Frozen, it is never walked again.
gc.freeze()
