from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samen.intake"
    label = "intake"
    verbose_name = _("Signals")

    def ready(self) -> None:
        from samen.core import demo
        from samen.core.access import Permission
        from samen.core.home import Panel
        from samen.core.home import register as register_panel
        from samen.core.models import Role
        from samen.core.navigation import NavItem, register
        from samen.intake import demo as intake_demo
        from samen.intake import home

        demo.register_loader(intake_demo.load)

        register_panel(
            Panel(
                frozenset({Role.COORDINATOR}),
                "intake/home/coordinator.html",
                home.coordinator_panel,
                10,
            )
        )
        register_panel(
            Panel(
                frozenset({Role.REPORTER, Role.BUSINESS_USER, Role.CASE_WORKER}),
                "intake/home/reporter.html",
                home.reporter_panel,
                10,
            )
        )
        register(
            NavItem(_("Signals to assess"), "intake:triage_queue", Permission.TRIAGE_SIGNALS),
            NavItem(_("Report a signal"), "intake:report", Permission.REPORT_SIGNAL),
            NavItem(_("My signals"), "intake:my_signals", Permission.REPORT_SIGNAL),
            NavItem(_("Import"), "intake:import_upload", Permission.IMPORT_SIGNALS),
        )
