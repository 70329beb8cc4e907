from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "samen.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from samen.cases import demo as cases_demo
        from samen.cases import home
        from samen.core import demo
        from samen.core.access import Permission
        from samen.core.home import Panel
        from samen.core.home import register as register_panel
        from samen.core.models import Role
        from samen.core.navigation import NavItem, register

        demo.register_loader(cases_demo.load)
        register_panel(
            Panel(
                frozenset({Role.COORDINATOR, Role.CASE_WORKER}),
                "cases/home/cases.html",
                home.cases_panel,
                20,
            )
        )
        register(
            NavItem(_("Cases"), "cases:case_list", Permission.WORK_ON_CASES),
            NavItem(_("Referrals"), "cases:referral_inbox", Permission.WORK_ON_CASES),
            NavItem(_("Notifications"), "cases:notifications", Permission.CASE_NOTIFICATIONS),
            NavItem(
                _("Emergency access"), "cases:emergency_access", Permission.EMERGENCY_CASE_ACCESS
            ),
            NavItem(
                _("Emergency access used"), "cases:emergency_grants", Permission.VIEW_AUDIT_LOG
            ),
        )
        # Periodic jobs (task reminders) register with core's scheduler on import.
        from samen.cases import tasks  # noqa: F401
