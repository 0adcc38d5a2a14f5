import json

import pytest
from django.core.management import call_command

from reporting.models import AreaIndex
from reporting.services.area_index import area_index_import, quintiles
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_quintiles_split_areas_into_fifths_by_rank():
    assert quintiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintiles([5, 5, 5]) == [1, 1, 1]


def test_import_previews_then_replaces_the_regions_table():
    region = RegionFactory()
    content = "omrade;index\n" + "".join(f"0580C{n:04d};{n / 10:.1f}\n" for n in range(10))
    preview = area_index_import(region=region, content=content.encode(), commit=False)
    assert (preview.areas, preview.committed) == (10, False) and AreaIndex.objects.count() == 0
    assert area_index_import(region=region, content=content.encode(), commit=True).committed
    assert AreaIndex.objects.get(area_code="0580C0009").quintile == 5
    assert area_index_import(region=region, content=b"DeSO,CNI\n0580A0001,\"1,5\"\n", commit=True).replaced == 10
    assert AreaIndex.objects.get().index == 1.5


def test_bad_rows_are_reported_and_nothing_is_imported():
    region = RegionFactory()
    result = area_index_import(region=region, content=b"omrade;index\nA1;x\nA1;2\nA2;1\nA2;3\n", commit=True)
    assert [(e["row"], e["column"]) for e in result.errors] == [(2, "index"), (5, "omrade")]
    assert not result.committed and AreaIndex.objects.count() == 0


def test_the_command(tmp_path, capsys):
    RegionFactory(code="reg")
    path = tmp_path / "index.csv"
    path.write_text("omrade;index\nX1;1\nX2;2\n")
    call_command("import_area_index", str(path), "--region", "reg", "--commit", "--json")
    assert json.loads(capsys.readouterr().out)["committed"] is True
