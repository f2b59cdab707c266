"""Recompute the search columns after normalise_name learned letters such as "ı"."""

from django.db import migrations


def refill(apps, schema_editor):
    from wijkkracht.residents.models import normalise_name

    Resident = apps.get_model("residents", "Resident")
    batch = []
    for resident in Resident.objects.only("pk", "surname", "given_names").iterator(
        chunk_size=5000
    ):
        resident.search_surname = normalise_name(resident.surname)
        resident.search_given = normalise_name(resident.given_names.split(" ")[0])
        batch.append(resident)
        if len(batch) == 5000:
            Resident.objects.bulk_update(batch, ["search_surname", "search_given"])
            batch = []
    if batch:
        Resident.objects.bulk_update(batch, ["search_surname", "search_given"])


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
