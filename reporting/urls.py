from django.urls import path
from django.utils.translation import gettext_lazy as _

from reporting import views as dashboard

staff_urlpatterns = [
    path(_("tableau-de-bord/"), dashboard.dashboard_view, name="dashboard"),
]
