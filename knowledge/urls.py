from django.urls import path
from django.utils.translation import gettext_lazy as _

from knowledge import views as knowledge

public_urlpatterns = [
    path(_("questions-frequentes/"), knowledge.faq, name="faq"),
    path(_("questions-frequentes/suggestions/"), knowledge.faq_suggestions, name="faq_suggestions"),
]

staff_urlpatterns = [
    path(_("base-de-connaissances/"), knowledge.staff_knowledge, name="knowledge"),
    path(_("base-de-connaissances/recherche/"), knowledge.staff_knowledge_search, name="knowledge_search"),
]
