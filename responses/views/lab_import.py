"""The lab result import pages: the shared reviewed-import pages (rhs_portal.import_views)."""

from django.utils.translation import gettext_lazy as _

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses import selectors
from responses.services.lab_import import FLOW
from rhs_portal.import_views import ImportPages, ImportUploadForm
from rhs_portal.roles import Capability


class LabFileForm(ImportUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("The lab's file of results (CSV)")
        self.fields["file"].help_text = _(
            "Columns: personnummer, provtagningsdatum, analyskod, varde, enhet. Codes are NPU codes or the "
            "lab's report names (see the lab codes)."
        )


def _codes(request) -> dict:
    return {"codes": selectors.lab_codes()}


def _audit_samples(request, imp) -> None:
    """The review page shows some people's lab values: one access-log row per person shown."""
    samples = imp.summary.get("samples", {})
    person_ids = sorted({s["person_id"] for kind in ("new", "changed") for s in samples.get(kind, [])})
    if person_ids:
        Auditor(Actor.from_request(request)).record_many(
            action=AccessAction.VIEW, person_ids=person_ids, object_type="responses.labresultimport",
            detail=f"lab import review {imp.pk}",
        )


PAGES = ImportPages(
    namespace="responses",
    prefix="lab_import",
    capability=Capability.LAB_MANAGE,
    flow=FLOW,
    list_for_user=selectors.lab_imports_for_user,
    get_for_user=selectors.lab_import_get_for_user,
    upload_form=LabFileForm,
    list_template="responses/lab_import_list.html",
    detail_template="responses/lab_import_detail.html",
    progress_template="population/_import_progress.html",
    extra_list_context=_codes,
    on_detail=_audit_samples,
)

lab_import_list, lab_import_detail, lab_import_progress, lab_import_commit, lab_import_discard = PAGES.views()
