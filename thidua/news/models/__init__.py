from thidua.news.models.articles import Article, ArticleView, Category, Photo, Tag, photo_upload_to
from thidua.news.models.feedback import ArticleFeedback

__all__ = [
    "Article",
    "ArticleFeedback",
    "ArticleView",
    "Category",
    "Photo",
    "Tag",
    "photo_upload_to",
]
