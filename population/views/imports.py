"""The population import pages: the shared reviewed-import pages (rhs_portal.import_views)."""

from population import selectors
from population.forms import ImportUploadForm
from population.services.imports import FLOW
from rhs_portal.import_views import ImportPages
from rhs_portal.roles import Capability

PAGES = ImportPages(
    namespace="population",
    prefix="import",
    capability=Capability.POPULATION_IMPORT,
    flow=FLOW,
    list_for_user=selectors.imports_for_user,
    get_for_user=selectors.import_get_for_user,
    upload_form=ImportUploadForm,
    list_template="population/import_list.html",
    detail_template="population/import_detail.html",
    progress_template="population/_import_progress.html",
)

import_list, import_detail, import_progress, import_commit, import_discard = PAGES.views()
