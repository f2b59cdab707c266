"""Importing CBS figures and area boundaries (``import_figures``): policy analysts and
functional administrators, for their own municipalities. Everyone else gets a 404
(audited by ``capability_required``); each import writes its own audit line."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkkracht.accounts.roles import Capability
from wijkkracht.contrib.cbs.boundaries import import_boundaries, read_boundaries
from wijkkracht.contrib.cbs.figure_import import (
    import_figures,
    resolve_year,
    stored_codebook,
)
from wijkkracht.contrib.cbs.figures import area_map, boundaries, figures_profile, stem_of
from wijkkracht.contrib.cbs.forms import BoundariesUploadForm, FiguresUploadForm
from wijkkracht.contrib.cbs.models import AreaBoundary, FigureImport
from wijkkracht.contrib.cbs.typed_dataset import (
    FigureFileError,
    read_codebook,
    read_dataset,
    table_id_in,
    text_stream,
)
from wijkkracht.core.decorators import capability_required


def _municipalities(user):
    return list(user.municipalities.order_by("name"))


def _page(request, *, figures_form=None, boundaries_form=None, status=200):
    municipalities = _municipalities(request.user)
    codes = [m.code for m in municipalities]
    imports = list(
        FigureImport.objects.filter(municipality_code__in=codes)
        .select_related("table")
        .order_by("-imported_at", "-pk")[:20]
    )
    outlines = list(
        AreaBoundary.objects.filter(municipality_code__in=codes)
        .order_by()
        .values("municipality_code", "year")
        .annotate(areas=Count("id"), synthetic=Count("id", filter=Q(is_synthetic=True)))
        .order_by("municipality_code", "-year")
    )
    preview = None
    if municipalities:
        preview = _preview(municipalities[0])
    return render(
        request,
        "cbs/index.html",
        {
            "figures_form": figures_form
            or FiguresUploadForm(municipalities=municipalities, prefix="figures"),
            "boundaries_form": boundaries_form
            or BoundariesUploadForm(municipalities=municipalities, prefix="boundaries"),
            "imports": imports,
            "outlines": outlines,
            "preview": preview,
        },
        status=status,
    )


def _preview(municipality):
    """The districts coloured by their number of residents: a check that figures and
    outlines fit together."""
    outlines = boundaries(municipality)
    if not outlines:
        return None
    profile = figures_profile(municipality)
    key = next((m.key for m in profile.measures if stem_of(m.key) == "AantalInwoners"), None)
    values = {code: profile.of(code).get(key) for code in outlines} if key else {}
    return {
        "municipality": municipality,
        "is_synthetic": profile.is_synthetic or any(o.is_synthetic for o in outlines.values()),
        "svg": area_map(
            municipality,
            values,
            level="district",
            title=_("Residents per district"),
            outlines=outlines,
            id_prefix="cbs-preview",
        ),
        "year": profile.year,
    }


@require_GET
@capability_required(Capability.IMPORT_FIGURES)
def index(request):
    return _page(request)


@require_POST
@capability_required(Capability.IMPORT_FIGURES)
def upload_figures(request):
    municipalities = _municipalities(request.user)
    form = FiguresUploadForm(
        request.POST, request.FILES, municipalities=municipalities, prefix="figures"
    )
    if not form.is_valid():
        return _page(request, figures_form=form, status=400)
    upload = form.cleaned_data["data"]
    raw = upload.read()
    # The table id: as given, else in the file name, else in the JSON feed's metadata URL.
    table_id = (
        (form.cleaned_data["table"] or "").strip().upper()
        or table_id_in(upload.name)
        or table_id_in(raw[:2000].decode("utf-8", errors="ignore"))
    )
    try:
        properties = form.cleaned_data["properties"]
        if properties is not None:
            codebook = read_codebook(text_stream(properties, properties.name), properties.name)
            table_id = table_id or table_id_in(properties.name)
        else:
            codebook = stored_codebook(table_id) if table_id else None
            if codebook is None:
                raise FigureFileError(
                    _("The codebook of this table is unknown: add the table's DataProperties.csv.")
                )
        dataset = read_dataset(text_stream(raw, upload.name), upload.name, codebook)
        table_id = table_id or dataset.table_id
        result = import_figures(
            dataset=dataset,
            table_id=table_id,
            year=resolve_year(year=form.cleaned_data["year"], codebook=codebook, table_id=table_id),
            municipality_code=form.cleaned_data["municipality"],
            actor=request.user,
            file_name=upload.name,
        )
    except FigureFileError as exc:
        form.add_error(None, _("Nothing has been imported. %(problem)s") % {"problem": exc})
        return _page(request, figures_form=form, status=400)
    messages.success(
        request,
        _("%(table)s imported: %(values)d figures for %(areas)d areas (%(years)s).")
        % {
            "table": result.table_id,
            "values": result.values,
            "areas": result.areas,
            "years": ", ".join(str(y) for y in result.years),
        },
    )
    return redirect("cbs:index")


@require_POST
@capability_required(Capability.IMPORT_FIGURES)
def upload_boundaries(request):
    municipalities = _municipalities(request.user)
    form = BoundariesUploadForm(
        request.POST, request.FILES, municipalities=municipalities, prefix="boundaries"
    )
    if not form.is_valid():
        return _page(request, boundaries_form=form, status=400)
    upload = form.cleaned_data["geojson"]
    try:
        features = read_boundaries(
            text_stream(upload, upload.name),
            name=upload.name,
            municipality_code=form.cleaned_data["municipality"],
        )
        count = import_boundaries(
            features=features,
            year=form.cleaned_data["year"],
            actor=request.user,
            file_name=upload.name,
        )
    except FigureFileError as exc:
        form.add_error(None, _("Nothing has been imported. %(problem)s") % {"problem": exc})
        return _page(request, boundaries_form=form, status=400)
    messages.success(request, _("%(count)d area outlines imported.") % {"count": count})
    return redirect("cbs:index")
