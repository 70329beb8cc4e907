from django.urls import path

from samen.core.views import audit_log, auth, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("acting-for/", pages.switch_membership, name="switch_membership"),
    path("account/login/", auth.login_view, name="login"),
    path("account/two-factor/", auth.two_factor, name="two_factor"),
    path("account/two-factor/setup/", auth.two_factor_setup, name="two_factor_setup"),
    path("account/logout/", auth.logout_view, name="logout"),
    path("account/logout-everywhere/", auth.logout_everywhere, name="logout_everywhere"),
    path("account/", auth.account, name="account"),
    path("account/recovery-codes/", auth.new_recovery_codes, name="new_recovery_codes"),
    path("audit/", audit_log.audit_log, name="audit_log"),
    path("audit/verify/", audit_log.verify_audit_log, name="verify_audit_log"),
    path("health/", pages.health, name="health"),
]
