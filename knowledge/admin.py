from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from knowledge.models import Article, StandardAnswer
from knowledge.services import article_save


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """The Technicien's journal of questions and answers; public ones are the citizens' FAQ."""

    list_display = ("question_fr", "service", "is_public", "updated_at", "updated_by")
    list_filter = ("is_public", "service")
    search_fields = ("question_fr", "question_en", "keywords", "answer_fr")
    list_select_related = ("service", "updated_by")
    fieldsets = (
        (None, {"fields": ("question_fr", "answer_fr", "service", "keywords", "is_public")}),
        (_("En anglais"), {"fields": ("question_en", "answer_en")}),
    )

    def save_model(self, request, obj, form, change):
        article_save(article=obj, acting_user=request.user)


@admin.register(StandardAnswer)
class StandardAnswerAdmin(admin.ModelAdmin):
    list_display = ("title", "service", "request_type", "status", "is_active")
    list_filter = ("is_active", "service", "status")
    search_fields = ("title", "text_fr", "text_en")
    list_select_related = ("service", "request_type")
    autocomplete_fields = ("request_type",)
