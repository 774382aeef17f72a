# Takes over accounts.CedulaInfo and its table (accounts_cedulainfo) without touching a row:
# the model moved from accounts to census. Permissions keep working (the content type is
# renamed), and the cluster's queued schedules point at the tasks' new module.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OLD_TASKS, NEW_TASKS = "accounts.tasks.", "census.tasks."


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accounts", model="cedulainfo").update(
        app_label="census"
    )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="census", model="cedulainfo").update(
        app_label="accounts"
    )


def _repoint(apps, old, new):
    Schedule = apps.get_model("django_q", "Schedule")
    for schedule in Schedule.objects.filter(func__startswith=old):
        schedule.func = new + schedule.func.removeprefix(old)
        schedule.save(update_fields=["func"])


def point_schedules_at_census(apps, schema_editor):
    _repoint(apps, OLD_TASKS, NEW_TASKS)


def point_schedules_at_accounts(apps, schema_editor):
    _repoint(apps, NEW_TASKS, OLD_TASKS)


CREATE_MODEL = migrations.CreateModel(
    name='CedulaInfo',
    fields=[
        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
        ('cedula', models.CharField(max_length=10, unique=True, verbose_name='cédula')),
        ('status', models.CharField(choices=[('pending', 'En cola'), ('processing', 'Consultando'), ('found', 'Encontrada'), ('not_found', 'No está en el censo'), ('cancelled', 'Cédula cancelada'), ('error', 'Sin respuesta')], max_length=12, verbose_name='estado')),
        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='intentos')),
        ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='próximo intento')),
        ('lease_expires_at', models.DateTimeField(blank=True, null=True, verbose_name='reservada hasta')),
        ('last_failure_kind', models.CharField(blank=True, choices=[('blocked', 'Bloqueada por el sitio'), ('unavailable', 'Sitio no disponible'), ('page_changed', 'La página cambió'), ('interrupted', 'Consulta interrumpida')], max_length=12, verbose_name='último fallo')),
        ('last_block_kind', models.CharField(blank=True, choices=[('firewall', 'Cortafuegos'), ('captcha', 'CAPTCHA'), ('js_challenge', 'Reto de JavaScript'), ('bot_detected', 'Detección de robots')], max_length=12, verbose_name='tipo de bloqueo')),
        ('last_failure_message', models.TextField(blank=True, verbose_name='detalle del último fallo')),
        ('requested_at', models.DateTimeField(verbose_name='solicitada el')),
        ('fetched_at', models.DateTimeField(blank=True, null=True, verbose_name='respondida el')),
        ('source', models.CharField(blank=True, choices=[('registraduria', 'Registraduría'), ('persona', 'Informado por la persona'), ('operador', 'Informado por un operador')], max_length=13, verbose_name='origen del dato')),
        ('departamento', models.CharField(blank=True, max_length=100)),
        ('municipio', models.CharField(blank=True, max_length=100)),
        ('puesto', models.CharField(blank=True, max_length=200)),
        ('direccion', models.CharField(blank=True, max_length=200, verbose_name='dirección')),
        ('mesa', models.CharField(blank=True, max_length=20)),
        ('coddivipol', models.CharField(blank=True, max_length=20, verbose_name='código DIVIPOL')),
        ('latitud', models.FloatField(blank=True, null=True)),
        ('longitud', models.FloatField(blank=True, null=True)),
        ('novedad', models.CharField(blank=True, max_length=200)),
        ('resolucion', models.CharField(blank=True, max_length=100, verbose_name='resolución')),
        ('fecha_novedad', models.CharField(blank=True, max_length=50, verbose_name='fecha de la novedad')),
        ('engine', models.CharField(blank=True, max_length=20, verbose_name='motor del navegador')),
        ('evidence', models.TextField(blank=True, verbose_name='evidencia')),
        ('version', models.PositiveIntegerField(default=0, verbose_name='versión')),
        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='actualizada el')),
        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='cedula_info', to=settings.AUTH_USER_MODEL, verbose_name='usuario')),
    ],
    options={
        'verbose_name': 'consulta del censo',
        'verbose_name_plural': 'consultas del censo',
        'db_table': 'accounts_cedulainfo',
        'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='cedulainfo_due'), models.Index(fields=['status', 'lease_expires_at'], name='cedulainfo_lease'), models.Index(fields=['fetched_at'], name='cedulainfo_fetched')],
    },
)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('accounts', '0005_cedula_info_moves_to_census'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('django_q', '0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[CREATE_MODEL],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.RunPython(point_schedules_at_census, point_schedules_at_accounts),
    ]
