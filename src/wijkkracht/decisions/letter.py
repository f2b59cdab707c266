"""The decision letter to the resident as PDF (reportlab, as the support plan), in plain
Dutch: what was asked, what we decided and why, and how to object (bezwaar, within six
weeks: Awb art. 6:7), to whom. Names and the address are in it, a BSN never is."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from wijkkracht.decisions.models import Decision, DecisionStatus, Frequency, LetterSettings
from wijkkracht.provisions.models import Unit

OBJECTION_WEEKS = 6


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _date(value) -> str:
    return value.strftime("%d-%m-%Y") if value else "-"


def _amount(value) -> str:
    return formats.number_format(value.normalize() if value % 1 else int(value), use_l10n=True)


def _terms(decision: Decision, styles) -> list:
    story = [
        _p(
            _("How much: %(volume)s %(unit)s %(frequency)s.")
            % {
                "volume": _amount(decision.volume),
                "unit": Unit(decision.unit).label if decision.unit else "",
                "frequency": Frequency(decision.frequency).label if decision.frequency else "",
            },
            styles["Normal"],
        ),
        _p(
            _("From %(start)s until %(end)s.")
            % {"start": _date(decision.start_date), "end": _date(decision.end_date)},
            styles["Normal"],
        ),
    ]
    if decision.budget is not None:
        story.append(
            _p(
                _("Budget: at most %(amount)s euros.") % {"amount": _amount(decision.budget)},
                styles["Normal"],
            )
        )
    if decision.provider_id:
        story.append(
            _p(
                _("Who helps you: %(provider)s. They will contact you.")
                % {"provider": decision.provider.name},
                styles["Normal"],
            )
        )
    return story


def render_letter_pdf(decision: Decision) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    municipality = decision.municipality
    settings = LetterSettings.objects.filter(municipality=municipality).first()
    resident = decision.resident
    address = decision.household.address
    provision = decision.provision.name
    with translation.override("nl"):
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=_("Decision on your request"),
            invariant=True,
            pageCompression=0,
        )
        story = [
            _p(municipality.name, styles["Heading3"]),
            _p(
                f"{resident.full_name}\n{address.street_line}\n"
                f"{address.postcode_display} {address.town}",
                styles["Normal"],
            ),
            Spacer(1, 6 * mm),
            _p(_("Date: %(date)s") % {"date": _date(timezone.localdate())}, styles["Normal"]),
            _p(
                _("Our reference: %(reference)s") % {"reference": decision.reference},
                styles["Normal"],
            ),
            _p(_("Decision on your request"), styles["Title"]),
            _p(_("Dear %(name)s,") % {"name": resident.full_name}, styles["Normal"]),
            Spacer(1, 3 * mm),
            _p(
                _("You asked for: %(provision)s. We received your request on %(date)s.")
                % {
                    "provision": provision,
                    "date": _date(timezone.localdate(decision.requested_at)),
                },
                styles["Normal"],
            ),
            _p(_("Our decision"), styles["Heading2"]),
        ]
        status = decision.status
        if status == DecisionStatus.REFUSED:
            story += [
                _p(_("You do not get %(provision)s.") % {"provision": provision}, styles["Normal"]),
                _p(_("Why not?"), styles["Heading3"]),
                _p(decision.refusal_reason, styles["Normal"]),
            ]
        elif status == DecisionStatus.ENDED:
            story += [
                _p(
                    _("Your %(provision)s stops on %(date)s.")
                    % {"provision": provision, "date": _date(decision.end_date)},
                    styles["Normal"],
                ),
                _p(_("Why?"), styles["Heading3"]),
                _p(_end_reason(decision), styles["Normal"]),
            ]
        elif status == DecisionStatus.EXPIRED:
            story.append(
                _p(
                    _("Your %(provision)s ended on %(date)s.")
                    % {"provision": provision, "date": _date(decision.end_date)},
                    styles["Normal"],
                )
            )
        else:
            if status == DecisionStatus.CHANGED:
                story.append(
                    _p(_("We changed our decision. This is what you get now."), styles["Normal"])
                )
            story.append(
                _p(_("You get %(provision)s.") % {"provision": provision}, styles["Normal"])
            )
            story += _terms(decision, styles)
        story += _objection(decision, settings, styles)
        coordinator = decision.case.coordinator if decision.case_id else None
        story.append(_p(_("Do you have questions?"), styles["Heading2"]))
        if settings and settings.phone:
            story.append(_p(_("Call us: %(phone)s.") % {"phone": settings.phone}, styles["Normal"]))
        if coordinator is not None:
            story.append(
                _p(
                    _("You can also ask your coordinator, %(name)s.")
                    % {"name": coordinator.get_full_name() or coordinator.get_username()},
                    styles["Normal"],
                )
            )
        story += [
            Spacer(1, 6 * mm),
            _p(_("Kind regards,"), styles["Normal"]),
            _p(
                _("The municipal executive of %(municipality)s")
                % {"municipality": municipality.name},
                styles["Normal"],
            ),
        ]
        doc.build(story)
    return buffer.getvalue()


def _end_reason(decision: Decision) -> str:
    event = decision.events.filter(step="end").order_by("-at", "-pk").first()
    return event.reason if event and event.reason else "-"


def objection_addressee(decision: Decision, settings: LetterSettings | None) -> str:
    if settings and settings.objection_addressee:
        return settings.objection_addressee
    return _("The municipal executive (college van burgemeester en wethouders) of %(name)s") % {
        "name": decision.municipality.name
    }


def _objection(decision: Decision, settings, styles) -> list:
    story = [
        _p(_("Do you not agree?"), styles["Heading2"]),
        _p(
            _(
                "Then you can object to this decision. This is called 'bezwaar maken'. "
                "Do this within %(weeks)d weeks after the date of this letter."
            )
            % {"weeks": OBJECTION_WEEKS},
            styles["Normal"],
        ),
        _p(_("Send your letter to:"), styles["Normal"]),
        _p(
            objection_addressee(decision, settings)
            + (
                "\n" + settings.objection_address if settings and settings.objection_address else ""
            ),
            styles["Normal"],
        ),
    ]
    if settings and settings.objection_online:
        story.append(
            _p(
                _("You can also object online: %(url)s") % {"url": settings.objection_online},
                styles["Normal"],
            )
        )
    items = [
        _("your name and address"),
        _("the date"),
        _("our reference: %(reference)s") % {"reference": decision.reference},
        _("why you do not agree"),
        _("your signature"),
    ]
    story += [
        _p(_("Write in your letter:"), styles["Normal"]),
        ListFlowable([ListItem(_p(item, styles["Normal"])) for item in items], bulletType="bullet"),
        _p(
            _("Until we decide on your objection, this decision still counts."),
            styles["Normal"],
        ),
    ]
    return story
