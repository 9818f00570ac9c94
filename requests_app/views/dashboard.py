"""The directors' dashboard (issue 6): their services' figures, charts beside tables, CSV of any table."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from requests_app import charts, dashboard

CHARTED = {"volume": -1, "arrerages": 1, "rnc": 1}  # table key → column drawn as bars


def _chart(table):
    column = CHARTED.get(table.key)
    if column is None:
        return ""
    values = [row[column] for row in table.rows]
    top = max(values + [1])
    return charts.horizontal_bars(
        table.caption, [charts.Bar(str(row[0]), value / top, str(value)) for row, value in zip(table.rows, values)]
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
    tables = dashboard.build(services)
    export = request.GET.get("export")
    if export:
        table = next((t for t in tables if t.key == export), None)
        if table is None:
            raise Http404
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        suffix = f"-{chosen}" if chosen else ""
        response["Content-Disposition"] = f'attachment; filename="tableau-{table.key}{suffix}.csv"'
        response.write("\ufeff")  # spreadsheets read the accents as UTF-8
        writer = csv.writer(response)
        writer.writerow(table.headers)
        writer.writerows(table.rows)
        return response
    return render(
        request,
        "requests_app/staff/dashboard.html",
        {"tables": [(t, _chart(t)) for t in tables], "services": allowed, "chosen": chosen},
    )
