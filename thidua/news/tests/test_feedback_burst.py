"""A burst of one sender's feedback on several articles at once cannot slip past the throttle."""

import threading

import pytest
from django.db import connection

from thidua.core.errors import DomainError
from thidua.news import feedback, services
from thidua.news.models import ArticleFeedback


def published_article(world, title: str):
    article = services.article_save(by=world.officer, title=title, body="<p>Nội dung</p>")
    services.article_submit(article=article, by=world.officer)
    return services.article_publish(article=article, by=world.secretary)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's locks")
def test_one_senders_messages_sent_at_once_to_different_articles_keep_the_limit(world, settings):
    settings.THIDUA_NEWS_FEEDBACK_PER_HOUR = 2
    articles = [published_article(world, f"Tin số {n}") for n in range(6)]
    barrier = threading.Barrier(len(articles))
    refused: list[DomainError] = []
    errors: list[BaseException] = []

    def send(article) -> None:
        try:
            barrier.wait()
            feedback.feedback_submit(
                article=article, name="An", contact="", content="Ý kiến", sender="10.0.0.7"
            )
        except DomainError as refusal:
            refused.append(refusal)
        except BaseException as error:  # a thread's failure must fail the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(a,)) for a in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert ArticleFeedback.objects.count() == 2
    assert len(refused) == 4 and {r.code for r in refused} == {"throttled"}
