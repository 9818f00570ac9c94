import datetime as dt

from django.db import transaction

from .models import DisciplinaryRecord, User


@transaction.atomic
def disciplinary_record_add(
    *, employee: User, incident: str, measure: str, measure_detail: str, source_reference: str,
    decided_on: dt.date, acting_user: User,
) -> DisciplinaryRecord:
    record = DisciplinaryRecord(
        employee=employee, incident=incident, measure=measure, measure_detail=measure_detail,
        source_reference=source_reference, decided_on=decided_on, recorded_by=acting_user,
    )
    record.full_clean()
    record.save()
    return record
