"""Units (a tree), emulation clusters, councils, people and unit-scoped roles."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.db import VI_COLLATION
from thidua.core.models import TimeStampedModel
from thidua.core.text import fold, given_name_first


class Unit(TimeStampedModel):
    """An agency, department or division. `path` ("/1/5/12/") makes subtree queries one LIKE."""

    class Kind(models.TextChoices):
        SECTOR = "sector", _("Sector")
        AGENCY = "agency", _("Agency")
        DEPARTMENT = "department", _("Department")
        DIVISION = "division", _("Division")
        OTHER = "other", _("Other")

    class DocumentStyle(models.TextChoices):
        STATE = "state", _("State (Decree 30/2020/NĐ-CP)")
        PARTY = "party", _("Party (Guidance 36-HD/VPTW)")
        ARMED_FORCES = "armed_forces", _("Armed forces")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(
        _("tree path"), max_length=255, blank=True, db_index=True, editable=False
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    name = models.CharField(_("official name"), max_length=255, db_collation=VI_COLLATION)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.AGENCY)
    document_style = models.CharField(
        _("document style"),
        max_length=16,
        choices=DocumentStyle.choices,
        default=DocumentStyle.STATE,
    )
    issuer_code = models.CharField(
        _("issuer abbreviation"),
        max_length=32,
        blank=True,
        help_text=_("Used in document numbers, e.g. BTCTW in 12-QĐ/BTCTW."),
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The unit that took over after a merger or renaming."),
    )
    sort_order = models.PositiveIntegerField(_("order among siblings"), default=0)
    search_text = models.CharField(max_length=400, blank=True, editable=False, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="unit_active_range_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.active_to is None


class Cluster(TimeStampedModel):
    """An emulation cluster (cụm, similar units) or block (khối, similar functions)."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Emulation cluster")
        BLOCK = "block", _("Emulation block")

    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=255, db_collation=VI_COLLATION)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CLUSTER)
    organiser = models.ForeignKey(
        Unit,
        verbose_name=_("organising body"),
        on_delete=models.PROTECT,
        related_name="organised_clusters",
        help_text=_("The body whose emulation council runs this cluster."),
    )
    description = models.TextField(_("description"), blank=True)
    policy = models.JSONField(
        _("policy settings"),
        default=dict,
        blank=True,
        help_text=_("Cluster rules such as voting thresholds; filled in by later modules."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        ordering = ["organiser_id", "kind", "number", "name"]

    def __str__(self) -> str:
        return self.name


class ClusterMembership(TimeStampedModel):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")
        ordering = ["cluster", "joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="cluster_membership_range_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.cluster}"


class ClusterLeadership(TimeStampedModel):
    """Who leads (cụm trưởng) or deputises (cụm phó) in a given year; rotates every year."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Cluster leader")
        DEPUTY = "deputy", _("Deputy leader")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="leaderships"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_leaderships"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cluster leadership")
        verbose_name_plural = _("cluster leaderships")
        ordering = ["cluster", "-year", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "role"], name="one_leader_role_per_cluster_year"
            ),
            models.UniqueConstraint(
                fields=["cluster", "year", "unit"], name="one_leadership_role_per_unit_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}: {self.get_role_display()} – {self.unit}"


class Person(TimeStampedModel):
    """A civil servant, officer or employee. `unit` mirrors the open primary membership."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    full_name = models.CharField(_("full name"), max_length=150, db_collation=VI_COLLATION)
    sort_name = models.CharField(
        max_length=150, db_collation=VI_COLLATION, blank=True, editable=False, db_index=True
    )
    search_text = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    employment_start = models.DateField(_("employment start"), null=True, blank=True)
    staff_code = models.CharField(_("staff code"), max_length=32, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("current unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        editable=False,
    )
    position = models.CharField(_("current position"), max_length=150, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived_names()
        super().save(*args, **kwargs)

    def refresh_derived_names(self) -> None:
        """Columns for Vietnamese sorting (given name first) and diacritics-free search."""
        self.full_name = " ".join(self.full_name.split())
        self.sort_name = given_name_first(self.full_name)
        self.search_text = fold(f"{self.full_name} {self.staff_code}")


class Membership(TimeStampedModel):
    """A person's post in a unit over a period; a transfer closes one and opens another."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_concurrent = models.BooleanField(
        _("concurrent post"),
        default=False,
        help_text=_("A post held alongside the main one (kiêm nhiệm)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_range_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit}"


class LeavePeriod(TimeStampedModel):
    """Time away from work; eligibility counts maternity as worked time, caps others."""

    class Kind(models.TextChoices):
        MATERNITY = "maternity", _("Maternity leave")
        SICK = "sick", _("Sick leave")
        UNPAID = "unpaid", _("Unpaid leave")
        TRAINING = "training", _("Training")
        INJURY = "injury", _("Treatment after combat or rescue")
        OTHER = "other", _("Other absence")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="leave_periods"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    study_completed = models.BooleanField(
        _("study completed"),
        null=True,
        blank=True,
        help_text=_("For training of a year or more: study tasks done and the grade reached."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave period")
        verbose_name_plural = _("leave periods")
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="leave_range_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()}"


class Council(TimeStampedModel):
    """An Emulation–Commendation Council (Hội đồng Thi đua – Khen thưởng) of an awarding body."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("awarding body"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("name"), max_length=255)
    policy = models.JSONField(
        _("policy settings"),
        default=dict,
        blank=True,
        help_text=_("Council rules such as voting thresholds."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation council")
        verbose_name_plural = _("emulation councils")

    def __str__(self) -> str:
        return self.name


class CouncilSeat(TimeStampedModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        STANDING = "standing", _("Standing member")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="seats"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="council_seats"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council seat")
        verbose_name_plural = _("council seats")
        ordering = ["council", "role"]

    def __str__(self) -> str:
        return f"{self.person} – {self.council}"


class RoleAssignment(TimeStampedModel):
    """What a user may do, and where: a unit subtree, a cluster or a council."""

    class Role(models.TextChoices):
        SYSTEM_ADMIN = "system_admin", _("System administrator")
        SECRETARIAT = "secretariat", _("Sector emulation secretariat")
        CLUSTER_OFFICER = "cluster_officer", _("Cluster leader's officer")
        UNIT_OFFICER = "unit_officer", _("Unit emulation officer")
        UNIT_HEAD = "unit_head", _("Unit head")
        COUNCIL_MEMBER = "council_member", _("Council member")
        REVIEWER = "reviewer", _("Reviewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit (with its sub-units)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role"]

    def __str__(self) -> str:
        target = self.unit or self.cluster or self.council or _("whole system")
        return f"{self.user} – {self.get_role_display()} – {target}"
