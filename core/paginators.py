"""Counting a million rows on every page of the Technicien's list costs more than the page itself.

The admin shows how many pages there are; beyond a few hundred pages nobody reads that figure
exactly. So: the table's size as PostgreSQL's planner knows it (pg_class.reltuples, refreshed by
autovacuum) when the list is not filtered, and a count that stops at CAP rows when it is.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

CAP = 10_000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        queryset: QuerySet = self.object_list  # type: ignore[assignment]  # always a queryset here
        connection = connections[queryset.db]
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
                )
                row = cursor.fetchone()
            if row and row[0] > CAP:  # -1 before the first ANALYZE: count for real below
                return row[0]
        return queryset.order_by()[: CAP + 1].count()
