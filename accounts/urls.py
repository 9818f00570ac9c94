from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("connexion/"), auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path(_("deconnexion/"), auth_views.LogoutView.as_view(), name="logout"),
    path(_("second-facteur/"), views.second_factor, name="second_factor"),
    path(_("securite/"), views.security, name="security"),
    path(_("mot-de-passe/"), views.PasswordChangeView.as_view(), name="password_change"),
    path(_("mot-de-passe/oublie/"), views.password_forgotten, name="password_forgotten"),
    path(_("mot-de-passe/choisir/<uidb64>/<token>/"), views.PasswordSetView.as_view(), name="password_set"),
    path(_("disponibilite/"), views.availability_update, name="availability"),
]
