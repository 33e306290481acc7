from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "thidua.news"
    verbose_name = _("News and public portal")

    def ready(self) -> None:
        # Any write to what readers see makes the portal's cached page parts stale. A reading
        # (ArticleView, and the counter's UPDATE) is not such a write: it would empty the cache
        # on every page view.
        from thidua.news.models import Article, ArticleView

        for model in self.get_models():
            if model is ArticleView:
                continue
            post_save.connect(_news_changed, sender=model, dispatch_uid=f"news-stale-{model}")
            post_delete.connect(_news_changed, sender=model, dispatch_uid=f"news-stale-d-{model}")
        for relation in (Article.categories, Article.tags, Article.units):
            m2m_changed.connect(
                _news_changed, sender=relation.through, dispatch_uid=f"news-m2m-{relation}"
            )


def _news_changed(sender, **kwargs) -> None:
    from thidua.core.fragments import data_changed

    data_changed("news")
