"""Staff accounts: login lockouts (django-axes) and the optional second factor (django-otp).

- `lockout`: how many failed logins lock an account from an address, or an address, for how
  long, and the page that says until when.
- `site`: the admin site, which asks staff with a device for their code and sends staff without
  one to enrolment when the site requires a second factor.
- `services`, `forms`, `views`: enrolling and removing one's own TOTP devices.
"""
