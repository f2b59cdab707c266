"""The support plan as a PDF in plain Dutch (reportlab). Names of household members are in
it, a BSN never is."""

from __future__ import annotations

from io import BytesIO
from itertools import groupby
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.plans.models import ActionStatus, PerformerKind


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def render_plan_pdf(*, case, plan, goals, household_name: str) -> bytes:
    """``goals``: the plan's goals with ``actions`` (and their ``provision``) prefetched."""
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    with translation.override("nl"):
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=_("Support plan"),
            invariant=True,
            pageCompression=0,
        )
        story = [
            _p(_("Support plan"), styles["Title"]),
            _p(_("For: %(household)s") % {"household": household_name}, styles["Normal"]),
            _p(
                _("Your coordinator: %(name)s")
                % {"name": case.coordinator.get_full_name() or case.coordinator.get_username()},
                styles["Normal"],
            ),
            _p(
                _("Version %(number)s, printed on %(date)s")
                % {"number": plan.version, "date": timezone.localdate().strftime("%d-%m-%Y")},
                styles["Normal"],
            ),
        ]
        if plan.agreed_with_resident_on:
            story.append(
                _p(
                    _("We agreed on this plan together on %(date)s.")
                    % {"date": plan.agreed_with_resident_on.strftime("%d-%m-%Y")},
                    styles["Normal"],
                )
            )
        story.append(Spacer(1, 6 * mm))
        if not goals:
            story.append(_p(_("There are no goals in this plan yet."), styles["Normal"]))
        today = timezone.localdate()
        for domain, domain_goals in groupby(goals, key=lambda g: g.life_domain):
            story.append(_p(str(LifeDomain(domain).label).capitalize(), styles["Heading2"]))
            for goal in domain_goals:
                who = goal.member.full_name if goal.member else _("the whole household")
                story.append(_p(_("Goal for %(who)s:") % {"who": who}, styles["Heading4"]))
                story.append(_p(goal.description, styles["Normal"]))
                items = []
                for action in goal.actions.all():
                    performer = str(PerformerKind(action.performer_kind).label)
                    if action.performer_name:
                        performer = f"{performer} ({action.performer_name})"
                    line = _("%(what)s. Who: %(who)s.") % {"what": action.what, "who": performer}
                    if action.provision_id:
                        line += " " + _("Provision: %(name)s.") % {"name": action.provision.name}
                    if action.due_on:
                        line += " " + _("Before %(date)s.") % {
                            "date": action.due_on.strftime("%d-%m-%Y")
                        }
                    if action.status == ActionStatus.DONE:
                        line += " " + _("Done.")
                    elif action.status == ActionStatus.CANCELLED:
                        line += " " + _("Not needed any more.")
                    elif action.is_overdue(today):
                        line += " " + _("This is late.")
                    items.append(ListItem(_p(line, styles["Normal"])))
                if items:
                    story.append(_p(_("What we will do:"), styles["Normal"]))
                    story.append(ListFlowable(items, bulletType="bullet"))
                story.append(Spacer(1, 3 * mm))
        doc.build(story)
    return buffer.getvalue()
