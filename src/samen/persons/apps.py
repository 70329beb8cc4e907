from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonsConfig(AppConfig):
    name = "samen.persons"
    label = "persons"
    verbose_name = _("Persons")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from samen.cases.models import CasePerson
        from samen.core import demo
        from samen.core.access import Permission
        from samen.core.navigation import NavItem, register
        from samen.intake import hints
        from samen.intake import services as intake_services
        from samen.persons import demo as persons_demo
        from samen.persons import receivers

        demo.register_loader(persons_demo.load)
        # Intake and cases name no later app: they announce new persons, this app listens.
        intake_services.signals_created.connect(
            receivers.signals_created, dispatch_uid="persons.signals_created"
        )
        # Case persons are saved one by one (created from a signal, added, edited).
        post_save.connect(
            receivers.case_person_saved, sender=CasePerson, dispatch_uid="persons.case_person"
        )
        hints.register(receivers.signal_hints)
        register(NavItem(_("Same person?"), "persons:linkage", Permission.REVIEW_LINKAGE))
