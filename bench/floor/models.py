"""The three rows a submission writes: the request, its first history row, its outbox row."""

from django.db import models


class FloorRequest(models.Model):
    number = models.CharField(max_length=20, unique=True)
    service = models.IntegerField()
    request_type = models.IntegerField()
    description = models.TextField()
    location_address = models.CharField(max_length=200)
    requester_name = models.CharField(max_length=150)
    requester_address = models.CharField(max_length=250)
    requester_phone = models.CharField(max_length=30)
    requester_email = models.EmailField()
    contact_preference = models.CharField(max_length=20)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.number


class FloorEvent(models.Model):
    request = models.ForeignKey(FloorRequest, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.kind


class FloorOutbox(models.Model):
    request = models.ForeignKey(FloorRequest, on_delete=models.CASCADE)
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body = models.TextField()

    def __str__(self):
        return self.subject
