"""Importing CBS StatLine exports: the sample file, the forms a real export takes, all-or-nothing."""

from __future__ import annotations

import pytest

from basishulp.comparisons.domain.cbs import parse_cbs, per_thousand
from basishulp.comparisons.models import CbsFigure
from basishulp.comparisons.services import ImportFileError, import_cbs
from basishulp.comparisons.source_data import SAMPLE_CBS_FILE, SAMPLE_LABEL, load_demo_benchmark

pytestmark = pytest.mark.django_db


def _import(path, **kwargs):
    return import_cbs(path, filename=path.name, **kwargs)


def _figures() -> dict[tuple[str, int], tuple[int | None, int | None]]:
    return {(f.region_code, f.year): (f.youth_with_care, f.young_people) for f in CbsFigure.objects.all()}


def test_the_sample_file_imports():
    result = load_demo_benchmark()
    assert (result.rows, result.created, result.warnings) == (15, 15, [])
    assert result.years == [2021, 2022, 2023]
    assert result.regions == ["CR42", "GM0882", "GM0917", "GM0986", "NL01"]
    figures = _figures()
    assert figures[("GM0917", 2023)] == (2650, 14850)  # "2023*": provisional, a whole year
    assert figures[("NL01", 2021)] == (440000, 3390000)  # "3.390.000": Dutch thousands separators
    assert figures[("CR42", 2022)] == (15900, 97000)
    assert {f.source for f in CbsFigure.objects.all()} == {SAMPLE_LABEL}
    assert "illustratieve cijfers" in SAMPLE_LABEL
    again = load_demo_benchmark()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 15)


STATLINE = (
    '"Jongeren met jeugdzorg in natura; regio (gemeente)"\n'
    '"Perioden";"Regio\'s";"Jongeren met jeugdhulp in natura (aantal)";"Jongeren met jeugdhulp met verblijf (aantal)"\n'
    '"2022JJ00";"GM0917    ";"2 690";"215"\n'
    '"2022";"Voerendaal";".";"x"\n'
    '"1e halfjaar 2023*";"Heerlen";"2.100";"180"\n'
    '"2022";"Aa en Hunze";"560";"40"\n'
    '"2022";"Nederland";"-";"."\n'
    '"Bron: CBS"\n'
)


def test_a_statline_export_with_title_footer_codes_missing_values_and_other_regions(write):
    result = _import(write("85099NED.csv", STATLINE))
    assert _figures() == {("GM0917", 2022): (2690, None), ("GM0986", 2022): (None, None), ("NL01", 2022): (0, None)}
    assert CbsFigure.objects.get(region_code="GM0917").region_name == "Heerlen"
    assert CbsFigure.objects.get(region_code="GM0917").source == "CBS StatLine: 85099NED.csv"
    assert result.warnings == [
        "85099NED.csv, line 2: youth with youth care taken from column 'Jongeren met jeugdhulp in natura (aantal)'; "
        "ignored: 'Jongeren met jeugdhulp met verblijf (aantal)'",
        "85099NED.csv: skipped the periods that are not whole years: 1e halfjaar 2023*",
        "85099NED.csv: skipped 1 region(s) the benchmark does not use (give a Regiocode column to keep them): "
        "Aa en Hunze",
    ]


def test_youth_and_young_people_from_two_files_are_merged(write):
    _import(
        write("jeugdhulp.csv", '"Perioden";"Regio\'s";"Jongeren met jeugdhulp (aantal)"\n"2022";"Heerlen";"2.690"\n')
    )
    population = '"Perioden";"Regio\'s";"Bevolking op 1 januari (aantal)"\n"2022";"Heerlen";"14.900"\n'
    result = _import(write("bevolking.csv", population))
    assert result.updated == 1
    figure = CbsFigure.objects.get()
    assert (figure.youth_with_care, figure.young_people) == (2690, 14900)
    assert figure.source == "CBS StatLine: jeugdhulp.csv; CBS StatLine: bevolking.csv"
    assert (figure.youth_source, figure.young_source) == ("CBS StatLine: jeugdhulp.csv", "CBS StatLine: bevolking.csv")


def test_a_real_export_replaces_the_source_of_the_sample_figures_it_covers(write):
    load_demo_benchmark()
    text = '"Perioden";"Regio\'s";"Jongeren met jeugdhulp (aantal)"\n"2023";"Heerlen";"2.650"\n'
    result = _import(write("echt.csv", text))
    assert (result.updated, result.unchanged) == (1, 0)  # the same number, from another file
    heerlen = CbsFigure.objects.get(region_code="GM0917", year=2023)
    assert heerlen.source == f"CBS StatLine: echt.csv; {SAMPLE_LABEL}"  # the young people are still sample data
    assert _import(write("echt.csv", text)).unchanged == 1


POPULATION_BY_AGE = (
    '"Perioden";"Regio\'s";"Leeftijd";"Geslacht";"Bevolking op 1 januari (aantal)"\n'
    + "".join(f'"2022";"Landgraaf";"{age} jaar";"Totaal mannen en vrouwen";"{300 + age}"\n' for age in range(15, 20))
    + '"2022";"Landgraaf";"0 tot 5 jaar";"Totaal mannen en vrouwen";"1.500"\n'
    + '"2022";"Landgraaf";"5 tot 10 jaar";"Totaal mannen en vrouwen";"1.600"\n'
    + '"2022";"Landgraaf";"10 tot 15 jaar";"Totaal mannen en vrouwen";"1.700"\n'
    + '"2022";"Landgraaf";"Totaal";"Totaal mannen en vrouwen";"37.000"\n'
)


def test_population_by_age_is_added_up_over_0_to_17(write):
    _import(write("03759ned.csv", POPULATION_BY_AGE))
    assert _figures() == {("GM0882", 2022): (None, 1500 + 1600 + 1700 + 315 + 316 + 317)}


def test_ages_that_do_not_make_up_0_to_17_are_an_error(write):
    text = POPULATION_BY_AGE.replace('"5 tot 10 jaar"', '"5 tot 9 jaar"')
    with pytest.raises(ImportFileError, match=r"do not make up 0 to 17 exactly once \(ages 9 to 9 are missing\)"):
        _import(write("ages.csv", text))
    assert CbsFigure.objects.count() == 0


def test_percentages_duplicates_and_bad_values_are_errors(write):
    percent = (
        '"Regio\'s";"Perioden";"Jongeren met jeugdhulp in natura (% (zie toelichting))"\n"Heerlen";"2022";"17,3"\n'
    )
    with pytest.raises(ImportFileError, match="holds percentages: export the numbers"):
        _import(write("85098NED.csv", percent))
    text = (
        '"Perioden";"Regio\'s";"Jongeren met jeugdhulp (aantal)"\n'
        '"2022";"Heerlen";"2.690"\n'
        '"2022";"Heerlen";"2.700"\n'
        '"2022";"Landgraaf";"12,5"\n'
        '"twee";"Landgraaf";"1"\n'
    )
    with pytest.raises(ImportFileError) as info:
        _import(write("fout.csv", text))
    assert [(e.line, e.column) for e in info.value.errors] == [
        (3, "Regio's"),
        (4, "Jongeren met jeugdhulp (aantal)"),
        (5, "Perioden"),
    ]
    assert "already on line 2" in info.value.errors[0].message
    assert "'12,5' is not a whole number" in info.value.errors[1].message
    assert CbsFigure.objects.count() == 0


def test_nothing_is_saved_when_a_later_line_is_bad(write):
    text = SAMPLE_CBS_FILE.read_text(encoding="utf-8").replace('"1.110"', '"veel"')
    with pytest.raises(ImportFileError) as info:
        _import(write("sample.csv", text))
    (error,) = info.value.errors
    assert (error.file, error.line, error.column) == ("sample.csv", 15, "Jongeren met jeugdhulp in natura (aantal)")
    assert CbsFigure.objects.count() == 0


def test_a_file_that_is_not_a_statline_export(write):
    with pytest.raises(ImportFileError, match="no header row with the columns Perioden and Regio's"):
        _import(write("x.csv", "a;b;c\n1;2;3\n"))
    with pytest.raises(ImportFileError, match="no column with youth with youth care"):
        _import(write("y.csv", '"Perioden";"Regio\'s";"Inwoners"\n"2022";"Heerlen";"1"\n'))
    with pytest.raises(ImportFileError, match="no rows of a known region"):
        _import(write("z.csv", '"Perioden";"Regio\'s";"Jongeren met jeugdhulp"\n"2022";"Maastricht";"1"\n'))


def test_a_region_code_column_keeps_any_region(write):
    text = '"Perioden";"Regio\'s";"Regiocode";"Jongeren met jeugdhulp"\n"2022";"Maastricht";"GM0935";"3.000"\n'
    _import(write("codes.csv", text))
    figure = CbsFigure.objects.get()
    assert (figure.region_code, figure.region_name, figure.youth_with_care) == ("GM0935", "Maastricht", 3000)


def test_per_thousand_rounds_half_up_to_one_decimal():
    assert str(per_thousand(1, 8)) == "125.0"
    assert str(per_thousand(1, 6)) == "166.7"
    assert str(per_thousand(2650, 14850)) == "178.5"  # 178.451...
    assert per_thousand(None, 100) is None
    assert per_thousand(5, 0) is None


def test_parse_cbs_is_pure():
    parsed = parse_cbs('"Perioden";"Regio\'s";"young_people"\n"2021";"NL01";"3.390.000"\n', "p.csv")
    assert (parsed.has_youth, parsed.has_young) == (False, True)
    assert parsed.rows[0].young_people == 3390000
