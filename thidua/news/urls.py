from django.urls import path

from thidua.news.feeds import LatestArticles
from thidua.news.views import editor, moderation, public, records

app_name = "news"

urlpatterns = [
    path("tin-tuc/", public.news_home, name="home"),
    path("tin-tuc/chuyen-muc/<slug:category>/", public.news_home, name="category"),
    path("tin-tuc/tim-kiem/", public.news_search, name="search"),
    path("tin-tuc/rss/", LatestArticles(), name="rss"),
    path("tin-tuc/anh/<int:pk>/", public.photo_file, name="photo"),
    *editor.urlpatterns,
    *moderation.urlpatterns,
    *records.urlpatterns,
    path("tin-tuc/<slug:slug>/", public.article_detail, name="article"),
]
