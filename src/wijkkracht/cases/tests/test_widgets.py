"""The case page's forms render the same HTML with the Python renderer as with Django's
widget templates (attribute order aside)."""

from html.parser import HTMLParser

from django.forms.renderers import DjangoTemplates

from wijkkracht.cases import forms
from wijkkracht.cases.widgets import RENDERER


class Parts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts.append((tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.parts.append(("/" + tag,))

    def handle_data(self, data):
        if data.strip():
            self.parts.append(("text", data.strip()))


def parts(html: str):
    parser = Parts()
    parser.feed(html)
    return parser.parts


def rendered(form):
    return [
        bound.as_widget(attrs={"class": "x", "aria-describedby": "y", "required": True})
        for bound in form
    ]


def test_the_python_renderer_renders_as_the_templates(cast, case, partner):
    kinds = [
        lambda **kw: forms.HandOverForm(case=case, **kw),
        lambda **kw: forms.EscalateForm(case=case, **kw),
        forms.DeescalateForm,
        forms.CloseForm,
        lambda **kw: forms.ParticipantForm(case=case, **kw),
        forms.NetworkMemberForm,
        lambda **kw: forms.NoteForm(members=[cast.mother, cast.son], **kw),
        lambda **kw: forms.ContactForm(members=[cast.mother], **kw),
    ]
    data = {"version": "3", "reason": "other", "note": 'a <b> & "c"', "name": "Ria"}
    for make in kinds:
        for bound in (make(initial={"version": 3}), make(data=data)):
            ours = rendered(bound)
            bound.renderer = DjangoTemplates()
            assert RENDERER is not bound.renderer
            theirs = rendered(bound)
            assert [parts(h) for h in ours] == [parts(h) for h in theirs], type(bound)
