"""What exchange must remember: the REFI-QDA GUIDs a passage came with from another tool."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PassageGuid(models.Model):
    """The selection's and codings' GUIDs of an imported passage, written back unchanged on export,
    so the other tool recognises its own selections when the file returns."""

    passage = models.OneToOneField(
        "coding.CodedPassage",
        on_delete=models.CASCADE,
        related_name="exchange_guid",
        verbose_name=_("kodet passage"),
    )
    selection = models.CharField(_("markeringens GUID"), max_length=36, blank=True)
    codings = models.JSONField(
        _("kodningernes GUID'er"), default=dict, help_text=_("Kodens GUID → kodningens GUID.")
    )

    class Meta:
        verbose_name = _("REFI-QDA-GUID")
        verbose_name_plural = _("REFI-QDA-GUID'er")

    def __str__(self) -> str:
        return self.selection
