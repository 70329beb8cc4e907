"""The audit log refuses UPDATE and DELETE in the database itself, not only in Python."""

from django.db import migrations

from samen.core import audit_triggers


def forwards(apps, schema_editor):
    audit_triggers.install(schema_editor.connection)
    apps.get_model("core", "AuditChainHead").objects.get_or_create(pk=1)


def backwards(apps, schema_editor):
    audit_triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
