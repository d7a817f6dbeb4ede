from django.db import migrations


def clear_waiting_paper_deadlines(apps, schema_editor):
    """A paper copy's acknowledgement deadline now starts when the clerk marks it sent."""
    Delivery = apps.get_model("documents", "Delivery")
    Delivery.objects.filter(channel="manual", status="queued").update(deadline=None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0016_cho_ky_and_lead_in_help")]
    operations = [migrations.RunPython(clear_waiting_paper_deadlines, migrations.RunPython.noop)]
