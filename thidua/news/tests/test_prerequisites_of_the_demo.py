"""The news demo builds on the demo organisation; on its own it writes nothing."""

from thidua.news import demo_data
from thidua.news.models import Article, Category, Tag


def test_it_writes_nothing_without_the_demo_organisation(db):
    assert demo_data.load() == {}
    assert not Article.objects.exists()
    assert not Category.objects.exists()
    assert not Tag.objects.exists()
