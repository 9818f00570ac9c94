"""The directors' dashboard (issue 6): their services' figures, charts beside tables, CSV of any table."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from core import charts
from core.downloads import csv_download
from reporting import dashboard

CHARTED = {"volume": -2, "arrerages": 1, "rnc": 1}  # table key → column drawn as bars


def _chart(table):
    column = CHARTED.get(table.key)
    if column is None:
        return ""
    values = [row[column] for row in table.rows]
    top = max([*values, 1])
    return charts.horizontal_bars(
        table.caption,
        [charts.Bar(str(row[0]), value / top, str(value)) for row, value in zip(table.rows, values, strict=True)],
    )


@login_required
def dashboard_view(request):
    allowed = dashboard.services_for(request.user)
    if not allowed.exists():
        raise PermissionDenied
    chosen = request.GET.get("service", "")
    services = allowed.filter(code=chosen) if chosen else allowed
    if chosen and not services.exists():
        raise Http404
    export = request.GET.get("export")
    if export:
        tables = dashboard.build(services, only=export)
        if not tables:
            raise Http404
        suffix = f"-{chosen}" if chosen else ""
        return csv_download(f"tableau-{export}{suffix}.csv", tables[0].headers, tables[0].rows)
    tables = dashboard.build(services)
    return render(
        request,
        "requests_app/staff/dashboard.html",
        {"tables": [(t, _chart(t)) for t in tables], "services": allowed, "chosen": chosen},
    )
