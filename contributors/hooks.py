"""Entry points other apps call when something happens to content that came from a submission."""

from contributors.services import submission_mark_published


def article_published(article) -> None:
    """Call after an article became public: its columnist is e-mailed the URL, once."""
    submission_mark_published(article=article)
