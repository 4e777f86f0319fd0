from django.db import models
from django.utils.translation import gettext_lazy as _


class MailBudget(models.Model):
    """The e-mails public forms sent to one address lately (see `public_forms.mail_budget_take`).

    One row per address, locked while it is read and written, so the cap holds against
    parallel requests on every database; the address is kept only as a keyed digest.
    """

    address = models.CharField(_("adresse (empreinte)"), max_length=32, unique=True)
    sent = models.JSONField(_("envois (horodatages)"), default=list)

    class Meta:
        verbose_name = _("budget d’e-mails d’une adresse")
        verbose_name_plural = _("budgets d’e-mails des adresses")

    def __str__(self) -> str:
        return self.address
