"""Make the audit trail append-only in the database itself, not only in the model."""

from django.db import migrations

from holdfast.core import audit_triggers


def forwards(apps, schema_editor):
    audit_triggers.install(schema_editor.connection)


def backwards(apps, schema_editor):
    audit_triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
