from newsletter.admin.editions import EditionAdmin
from newsletter.admin.subscribers import SubscriberAdmin

__all__ = ["EditionAdmin", "SubscriberAdmin"]
