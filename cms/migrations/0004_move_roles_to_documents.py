"""Issue 9: IssuerRole, IssuerCollection and IssuerIndexPage now belong to documents
(documents.0004_roles_and_sections). State only: the tables and their rows stay."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0003_roles'),
        ('documents', '0004_roles_and_sections'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name='issuerindexpage', name='issuer'),
                migrations.RemoveField(model_name='issuerindexpage', name='page_ptr'),
                migrations.RemoveField(model_name='issuerrole', name='group'),
                migrations.RemoveField(model_name='issuerrole', name='issuer'),
                migrations.DeleteModel(name='IssuerCollection'),
                migrations.DeleteModel(name='IssuerIndexPage'),
                migrations.DeleteModel(name='IssuerRole'),
            ],
        ),
    ]
