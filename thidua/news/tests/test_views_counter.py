"""An article's views: once per reading session, and no increment lost when many count at once."""

import threading

import pytest
from django.db import connection

from thidua.news import services
from thidua.news.models import Article, ArticleView


def article_of(world) -> Article:
    return services.article_save(by=world.officer, title="Tin", body="<p>Nội dung</p>")


@pytest.mark.django_db
def test_a_session_counts_once_however_often_it_reads(world):
    article = article_of(world)
    counted = [services.view_record(article=article, session_key="s1") for _ in range(3)]
    services.view_record(article=article, session_key="s2")
    article.refresh_from_db()
    assert counted == [True, False, False] and article.views == 2


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
def test_many_sessions_counting_at_once_lose_no_increment(world):
    article = article_of(world)
    # Each session twice, all at once; few enough threads that every one gets a connection
    # while the other worker's tests hold theirs (PostgreSQL allows 100 by default).
    sessions = [f"s{n}" for n in range(12)] * 2
    barrier = threading.Barrier(len(sessions))
    errors: list[BaseException] = []

    def read(key: str) -> None:
        try:
            barrier.wait()
            services.view_record(article=article, session_key=key)
        except BaseException as error:  # a thread's failure must fail the test, not pass by
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(key,)) for key in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    article.refresh_from_db()
    assert article.views == 12 == ArticleView.objects.filter(article=article).count()


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
def test_a_reading_leaves_the_connections_commit_setting_as_it_found_it(world):
    article = article_of(world)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO on")
    assert services.view_record(article=article, session_key="s1")
    assert synchronous_commit() == "on"
    article.refresh_from_db()
    assert article.views == 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
def test_a_reading_inside_a_callers_transaction_leaves_its_commit_waiting_for_the_disk(world):
    article = article_of(world)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO on")  # the test's own transaction
    assert services.view_record(article=article, session_key="s1")
    assert synchronous_commit() == "on"
