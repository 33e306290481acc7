"""Certificate layouts: where each variable text of a Bằng khen, Giấy khen or flag inscription is
printed, in millimetres from the top-left corner of the sheet.

Most agencies print onto pre-printed blanks (phôi bằng): only the fields are printed, so their
positions follow the blank in use and each printer's feed, set and checked by an admin with a
calibration page. Neither the sizes of the blanks nor the positions are set by law (law.md has
nothing on them), so all of it is data here, with usual values as defaults.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import TimeStampedModel
from thidua.org.models import Unit

__all__ = ["CertificateField", "CertificateLayout"]

MM_PER_PT = Decimal("25.4") / 72
LINE_SPACING = Decimal("1.2")  # a line's height as a multiple of the font size
MAX_OFFSET_MM = 50  # a printer that feeds paper further off than this needs repair, not offsets


class CertificateLayout(TimeStampedModel):
    class Kind(models.TextChoices):
        MERIT = "merit", _("Certificate of Merit")
        COMMENDATION = "commendation", _("Certificate of Commendation")
        FLAG = "flag", _("Emulation flag inscription")
        TITLE = "title", _("Emulation title certificate")

    class Paper(models.TextChoices):
        A3_LANDSCAPE = "a3_landscape", _("A3 landscape (420 × 297 mm)")
        A4_LANDSCAPE = "a4_landscape", _("A4 landscape (297 × 210 mm)")
        A4_PORTRAIT = "a4_portrait", _("A4 portrait (210 × 297 mm)")
        CUSTOM = "custom", _("Custom size")

    class Subject(models.TextChoices):
        ANY = "any", _("Individuals and collectives")
        INDIVIDUAL = "individual", _("Individuals")
        COLLECTIVE = "collective", _("Collectives")

    class Mode(models.TextChoices):
        BLANK = "blank", _("Pre-printed blank: print the fields only")
        FULL = "full", _("Plain paper: print a frame, the fixed texts and the fields")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MERIT)
    award_codes = models.JSONField(
        _("awards served"), default=list, blank=True,
        help_text=_("Award codes printed with this layout; none means every award of the chosen "
                    "recipients."),
    )  # fmt: skip
    subject = models.CharField(
        _("recipients"), max_length=16, choices=Subject.choices, default=Subject.ANY
    )
    issuer = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="certificate_layouts",
        help_text=_("Empty for the whole installation. A unit's own layout comes first, then "
                    "its parent units', then the installation's."),
    )  # fmt: skip
    paper = models.CharField(
        _("paper size"), max_length=16, choices=Paper.choices, default=Paper.A3_LANDSCAPE
    )
    width_mm = models.DecimalField(
        _("sheet width (mm)"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(50), MaxValueValidator(1000)],
    )  # fmt: skip
    height_mm = models.DecimalField(
        _("sheet height (mm)"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(50), MaxValueValidator(1000)],
    )  # fmt: skip
    mode = models.CharField(_("printing"), max_length=8, choices=Mode.choices, default=Mode.BLANK)
    achievement_text = models.CharField(
        _("achievement wording"), max_length=300, blank=True,
        help_text=_("Printed in the achievement field; {year} stands for the achievement year "
                    "and {period} for the period in words. Empty takes the usual wording."),
    )  # fmt: skip
    offset_x_mm = models.DecimalField(
        _("printer offset to the right (mm)"), max_digits=4, decimal_places=1, default=0,
        validators=[MinValueValidator(-MAX_OFFSET_MM), MaxValueValidator(MAX_OFFSET_MM)],
        help_text=_("Moves everything printed; negative moves it to the left."),
    )  # fmt: skip
    offset_y_mm = models.DecimalField(
        _("printer offset downwards (mm)"), max_digits=4, decimal_places=1, default=0,
        validators=[MinValueValidator(-MAX_OFFSET_MM), MaxValueValidator(MAX_OFFSET_MM)],
        help_text=_("Moves everything printed; negative moves it up."),
    )  # fmt: skip
    is_active = models.BooleanField(_("in use"), default=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")
        ordering = ["issuer__path", "kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def serves(self, *, code: str, subject: str) -> bool:
        """Whether an award (its code and its recipients) is printed with this layout."""
        if self.subject not in (self.Subject.ANY, subject):
            return False
        return code in self.award_codes if self.award_codes else True


class CertificateField(models.Model):
    class Key(models.TextChoices):
        RECIPIENT_NAME = "recipient_name", _("Recipient's name")
        RECIPIENT_TITLE = "recipient_title", _("Recipient's position")
        RECIPIENT_UNIT = "recipient_unit", _("Recipient's unit")
        ACHIEVEMENT = "achievement", _("Achievement")
        AWARD_NAME = "award_name", _("Award name")
        DECISION_NUMBER = "decision_number", _("Decision number")
        DECISION_DATE = "decision_date", _("Decision date")
        PLACE_DATE = "place_date", _("Place and date")
        SIGNER_TITLE = "signer_title", _("Signer's position")
        SIGNER_NAME = "signer_name", _("Signer's name")
        YEAR = "year", _("Achievement year")
        REGISTER_NO = "register_no", _("Register number")
        CUSTOM_TEXT = "custom_text", _("Fixed text")

    class Align(models.TextChoices):
        LEFT = "left", _("Left")
        CENTER = "center", _("Centre")
        RIGHT = "right", _("Right")

    layout = models.ForeignKey(
        CertificateLayout, verbose_name=_("layout"), on_delete=models.CASCADE,
        related_name="fields",
    )  # fmt: skip
    key = models.CharField(_("what to print"), max_length=24, choices=Key.choices)
    x_mm = models.DecimalField(
        _("from the left (mm)"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    y_mm = models.DecimalField(
        _("from the top (mm)"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    width_mm = models.DecimalField(
        _("width (mm)"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(Decimal("1"))],
    )  # fmt: skip
    font_size = models.DecimalField(
        _("font size (pt)"), max_digits=4, decimal_places=1, default=14,
        validators=[MinValueValidator(6), MaxValueValidator(72)],
    )  # fmt: skip
    bold = models.BooleanField(_("bold"), default=False)
    italic = models.BooleanField(_("italic"), default=False)
    align = models.CharField(_("alignment"), max_length=8, choices=Align.choices,
                             default=Align.CENTER)  # fmt: skip
    upper = models.BooleanField(_("capital letters"), default=False)
    max_lines = models.PositiveSmallIntegerField(
        _("lines at most"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("A longer text is wrapped onto this many lines, then made smaller to fit."),
    )  # fmt: skip
    text = models.CharField(
        _("text"), max_length=300, blank=True,
        help_text=_("For a fixed text: the words to print. For the other fields: optional "
                    "wording around the value, where {value} stands for it, e.g. "
                    "“Register No. {value}”."),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate field")
        verbose_name_plural = _("certificate fields")
        ordering = ["layout", "y_mm", "x_mm", "pk"]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.x_mm}, {self.y_mm})"

    @property
    def height_mm(self) -> Decimal:
        """The height of the field's box: its lines at their full font size."""
        return self.max_lines * self.font_size * LINE_SPACING * MM_PER_PT

    def clean(self) -> None:
        """The box lies inside the sheet (before the printer offsets, which move everything)."""
        super().clean()
        if self.key == self.Key.CUSTOM_TEXT and not self.text.strip():
            raise ValidationError(
                {"text": gettext("Type the fixed text to print.")}, code="no_text"
            )
        sizes = (self.x_mm, self.y_mm, self.width_mm, self.font_size, self.max_lines)
        if self.layout_id is None or any(value is None for value in sizes):
            return  # the field validators report what is missing
        layout = self.layout
        if self.x_mm + self.width_mm > layout.width_mm:
            message = gettext(
                "The field ends %(end)s mm from the left, beyond the sheet's width of %(width)s mm."
            )
            values = {"end": self.x_mm + self.width_mm, "width": layout.width_mm}
            raise ValidationError({"width_mm": message % values}, code="outside")
        bottom = (self.y_mm + self.height_mm).quantize(Decimal("0.1"))
        if bottom > layout.height_mm:
            message = gettext(
                "The field's lines end %(end)s mm from the top, beyond the sheet's height of "
                "%(height)s mm."
            )
            values = {"end": bottom, "height": layout.height_mm}
            raise ValidationError({"y_mm": message % values}, code="outside")
