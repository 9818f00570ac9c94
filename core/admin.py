"""Admin pieces every app's desk uses; the site's titles (the Technicien's desk is the admin)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Service aux citoyens — Ville de Prévost")
admin.site.site_title = _("Service aux citoyens")
admin.site.index_title = _("Bureau du Technicien")
admin.site.index_template = "admin/prevost_index.html"
admin.site.enable_nav_sidebar = False  # the triage list needs the width


class RecordAdmin(admin.ModelAdmin):
    """A table the portal writes (imports, the mailbox log): read in the admin, never edited there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
