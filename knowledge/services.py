from accounts.models import User
from knowledge.models import Article


def article_save(*, article: Article, acting_user: User | None = None) -> Article:
    """Save an article with the text the searches read (kept in step with its question and answer)."""
    article.search_text = article.compute_search_text()
    if acting_user is not None:
        article.updated_by = acting_user
    article.save()
    return article
