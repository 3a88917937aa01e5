"""The participant's own risk profile and learning path."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from holdfast.assessment import selectors
from holdfast.core.access import acting_user, role_required
from holdfast.curriculum.selectors import name_of

BAR_HEIGHT = 22


@role_required("participant")
def my_path(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "en"
    view = selectors.path_for(actor=acting_user(request), lang=lang)
    bars = []
    if view is not None:
        risks = sorted(
            (t for t in view.profile.threats.values() if t.drivers),
            key=lambda t: (-t.score, t.threat),
        )
        for index, risk in enumerate(risks):
            bars.append(
                {
                    "name": name_of(risk.threat, lang),
                    "score": risk.score,
                    "y": index * (BAR_HEIGHT + 8),
                    "text_y": index * (BAR_HEIGHT + 8) + 15,
                    "width": max(risk.score, 1) * 3,
                    "label_x": 3 * max(risk.score, 1) + 6,
                    "reasons": [d.reason for d in risk.drivers[:3]],
                }
            )
    return render(
        request,
        "assessment/my_path.html",
        {
            "view": view,
            "bars": bars,
            "chart_height": max(len(bars), 1) * (BAR_HEIGHT + 8),
        },
    )
