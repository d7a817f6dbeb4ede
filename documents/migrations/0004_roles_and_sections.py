"""Issue 9: IssuerRole, IssuerCollection and IssuerIndexPage move from cms into documents.

State only: the tables keep their names (cms_issuerrole, cms_issuercollection, cms_issuerindexpage) and their
rows. The content types are renamed so existing pages, revisions, log entries and permissions follow the models.
cms.0004_move_roles_to_documents removes the models from the cms state after this migration.
"""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("issuerindexpage", "issuerrole", "issuercollection")


def _relabel(apps, schema_editor, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        # A row under the new label already (never on a database migrated in order) is left alone rather than
        # deleted: deleting a content type would cascade to the pages pointing at it.
        if not rows.filter(app_label=new, model=model).exists():
            rows.filter(app_label=old, model=model).update(app_label=new)
    content_type.objects.clear_cache()


def forwards(apps, schema_editor) -> None:
    _relabel(apps, schema_editor, "cms", "documents")


def backwards(apps, schema_editor) -> None:
    _relabel(apps, schema_editor, "documents", "cms")


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('cms', '0003_roles'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('documents', '0003_workflow'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='IssuerCollection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('collection', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='issuer_space', to='wagtailcore.collection', verbose_name='thư mục tệp')),
                        ('issuer', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='attachment_space', to='documents.issuer', verbose_name='cơ quan ban hành')),
                    ],
                    options={
                        'verbose_name': 'thư mục tệp của cơ quan',
                        'verbose_name_plural': 'thư mục tệp của cơ quan',
                        'db_table': 'cms_issuercollection',
                    },
                ),
                migrations.CreateModel(
                    name='IssuerIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('issuer', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='index_page', to='documents.issuer', verbose_name='cơ quan ban hành')),
                    ],
                    options={
                        'verbose_name': 'Văn bản của cơ quan',
                        'db_table': 'cms_issuerindexpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='IssuerRole',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('van_thu', 'Văn thư'), ('soan_thao', 'Soạn thảo'), ('lanh_dao', 'Lãnh đạo'), ('thanh_vien', 'Thành viên')], max_length=20, verbose_name='vai trò')),
                        ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='issuer_role', to='auth.group', verbose_name='nhóm')),
                        ('issuer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='documents.issuer', verbose_name='cơ quan ban hành')),
                    ],
                    options={
                        'verbose_name': 'vai trò tại cơ quan',
                        'verbose_name_plural': 'vai trò tại cơ quan',
                        'db_table': 'cms_issuerrole',
                        'constraints': [models.UniqueConstraint(fields=('issuer', 'role'), name='unique_issuer_role')],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
