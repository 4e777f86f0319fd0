"""What contributors do when the blog announces something (see blog.signals)."""

from contributors.services import submission_mark_published


def article_published(sender, *, article, **kwargs) -> None:
    """An article became public: if it came from a submission, its columnist is e-mailed the
    URL, once."""
    submission_mark_published(article=article)
