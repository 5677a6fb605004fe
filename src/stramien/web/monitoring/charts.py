"""Each indicator over time as a chart: baseline, planned path (with the document's interim
targets), target and the approved values known at a moment (``?per=``, as the dashboard).

Drawn by ``stramien.render.figures.indicator_over_time``; served as SVG to everyone who may
see the programme. The same values stand in the table on the indicator page, which the
picture names as its text alternative.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from stramien.model import Indicator
from stramien.monitor import counting, history, trajectory
from stramien.render.blocks import Figure
from stramien.render.figures import indicator_over_time
from stramien.web.programmes.models import Programme
from stramien.web.programmes.pages import programme_for
from stramien.web.programmes.selectors import head_agreement

from . import permissions
from .models import Measurement
from .selectors import as_record


def as_of_from(request: HttpRequest) -> tuple[dt.datetime | None, str]:
    """The moment a page is read at (``?per=2027-06-30``: the end of that day), and the day
    as typed back; an unreadable day means now."""
    text = request.GET.get("per", "").strip()
    if not text:
        return None, ""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None, ""
    end = dt.datetime.combine(day, dt.time.max)
    return timezone.make_aware(end), day.isoformat()


def indicator_chart(
    programme: Programme, indicator: Indicator, as_of: dt.datetime | None = None
) -> Figure:
    """The chart of one indicator with the values approved on or before ``as_of`` (now)."""
    agreement = head_agreement(programme)
    stored = Measurement.objects.filter(programme=programme, indicator_id=indicator.id)
    own = [as_record(m) for m in stored.defer("evidence")]
    counted = counting(own, as_of or timezone.now())
    path = [
        (point.period.end, point.target, point.explicit)
        for point in trajectory(indicator, agreement.programme)
    ]
    measured = [
        (found.period.end, found.value.value)
        for found in history(indicator, agreement.programme, counted)
        if found.period_value is not None and found.value is not None
    ]
    return indicator_over_time(indicator, path, measured)


@login_required
def indicator_figure(request: HttpRequest, slug: str, indicator_id: str) -> HttpResponse:
    programme = programme_for(request, slug)
    if not permissions.can_read(request.user, programme):
        raise Http404
    found = next((i for i in head_agreement(programme).indicators if i.id == indicator_id), None)
    if found is None:
        raise Http404
    as_of, _day = as_of_from(request)
    figure = indicator_chart(programme, found, as_of)
    response = HttpResponse(figure.svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    response["X-Content-Type-Options"] = "nosniff"
    return response
