import datetime as dt
import re

from wijkkracht.assessments.recording import record_assessment

TODAY = dt.date.today()


def assess(case, member, actor, days_ago, scores):
    return record_assessment(
        case=case,
        member=member,
        assessed_on=TODAY - dt.timedelta(days=days_ago),
        scores=scores,
        note="",
        actor=actor,
    )


def test_burden_and_capacity_come_from_each_members_latest_assessment(cast, case, login_as):
    assess(case, cast.mother, cast.coordinator, 60, {"finances": 1, "housing": 1})
    assess(
        case,
        cast.mother,
        cast.coordinator,
        5,
        {"finances": 2, "housing": 4, "mental_health": 3, "social_network": 5, "justice": 1},
    )
    response = login_as(cast.coordinator).get(f"/cases/{case.public_id}/self-reliance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-burden="2">2: finances, justice<' in html
    assert 'data-capacity="2">2: housing, social network<' in html
    assert "not assessed yet" in html  # the son


def test_the_chart_and_the_table_show_the_same_figures(cast, case, login_as):
    history = [(90, 1), (45, 3), (10, 2), (1, 5)]
    for days_ago, score in history:
        assess(case, cast.mother, cast.coordinator, days_ago, {"finances": score, "housing": 3})
    response = login_as(cast.coordinator).get(
        f"/cases/{case.public_id}/self-reliance/progress/{cast.mother.public_id}/"
    )
    assert response.status_code == 200
    html = response.content.decode()
    finances_svg = re.search(r'<svg[^>]*data-domain="finances".*?</svg>', html, re.S).group(0)
    finances_table = re.search(r'<table[^>]*data-domain="finances".*?</table>', html, re.S).group(0)
    chart = [int(s) for s in re.findall(r'<circle[^>]*data-score="(\d)"', finances_svg)]
    table = [int(s) for s in re.findall(r'<td[^>]*data-score="(\d)"', finances_table)]
    assert chart == table == [score for _, score in history]
    dates = re.findall(r'scope="row">([\d-]+)<', finances_table)
    assert dates == [(TODAY - dt.timedelta(days=d)).strftime("%d-%m-%Y") for d, _ in history]
    # a higher score is drawn higher (smaller y)
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', finances_svg)]
    scores = [score for _, score in history]
    for i in range(len(ys) - 1):
        assert (ys[i] > ys[i + 1]) == (scores[i] < scores[i + 1])
    assert "style=" not in html.split("<main", 1)[-1]
    assert 'data-domain="justice"' not in html  # domains never scored are left out


def test_the_form_records_an_assessment_without_javascript(cast, case, login_as):
    client = login_as(cast.colleague)
    url = f"/cases/{case.public_id}/self-reliance/new/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count('type="radio"') == 13 * 6
    response = client.post(
        url,
        {
            "member": str(cast.son.public_id),
            "assessed_on": TODAY.isoformat(),
            "score_finances": "3",
            "score_housing": "",
            "note": "Eerste meting",
        },
    )
    assert response.status_code == 302
    assessment = case.assessments.get()
    assert assessment.member == cast.son and assessment.assessor == cast.colleague
    assert {s.domain: s.score for s in assessment.scores.all()} == {"finances": 3}


def test_the_form_shows_why_an_assessment_is_refused(cast, case, login_as):
    response = login_as(cast.coordinator).post(
        f"/cases/{case.public_id}/self-reliance/new/",
        {"member": str(cast.mother.public_id), "assessed_on": TODAY.isoformat()},
    )
    assert response.status_code == 400
    assert "Score at least one life domain." in response.content.decode()
    assert not case.assessments.exists()
