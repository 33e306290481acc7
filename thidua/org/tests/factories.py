"""factory_boy factories that build records through the services, as the app does."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from thidua.org import services
from thidua.org.models import Cluster, Person, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "Thidua@2026")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UnitFactory(factory.Factory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Ban Tổ chức số {n}")
    code = factory.Sequence(lambda n: f"U{n:04d}")
    parent = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.unit_create(by=None, **kwargs)


class ClusterFactory(factory.Factory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    number = factory.Sequence(lambda n: n)
    organiser = factory.SubFactory(UnitFactory)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.cluster_create(by=None, **kwargs)


class PersonFactory(factory.Factory):
    class Meta:
        model = Person

    full_name = factory.Iterator(
        ["Nguyễn Văn An", "Trần Thị Bích", "Lê Đức Cường", "Phạm Thu Dung", "Hoàng Minh Đức"]
    )
    gender = factory.Iterator([Person.Gender.MALE, Person.Gender.FEMALE])
    unit = factory.SubFactory(UnitFactory)
    employment_start = dt.date(2015, 1, 1)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.person_create(by=None, **kwargs)
