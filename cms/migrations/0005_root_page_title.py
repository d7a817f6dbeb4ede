"""Wagtail's tree root is titled "Root": the admin shows it as the parent of the home page ("Thư mục cha")."""
from django.db import migrations

ROOT_TITLE = "Gốc"


def name_the_root(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)


def name_it_back(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=ROOT_TITLE).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0004_move_roles_to_documents"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_the_root, name_it_back)]
