# A valid cédula whose holder may not vote: its own status, and a flag telling its
# restriction from a cancellation in the novedad's columns. Until now every novedad was
# taken for a cancellation; one in which the census calls the cédula valid ("Vigente con
# pérdida o suspensión de los derechos políticos") or says its holder is not enabled to
# vote ("no se encuentra habilitado para votar") becomes what it is.

import unicodedata

from django.db import migrations, models

# Words of a novedad that leaves the cédula valid, lower case without accents.
VALID_BUT_NOT_ENABLED = ("vigente", "habilitad")


def _plain(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def restrictions_out_of_cancellations(apps, schema_editor):
    CedulaInfo = apps.get_model("census", "CedulaInfo")
    for info in CedulaInfo.objects.exclude(novedad="").only("pk", "status", "novedad"):
        words = _plain(info.novedad)
        if not any(word in words for word in VALID_BUT_NOT_ENABLED):
            continue
        # A refresh under way keeps its status; the answer it shows is the restriction.
        status = "not_enabled" if info.status == "cancelled" else info.status
        CedulaInfo.objects.filter(pk=info.pk).update(status=status, voting_restricted=True)


def restrictions_back_to_cancellations(apps, schema_editor):
    CedulaInfo = apps.get_model("census", "CedulaInfo")
    CedulaInfo.objects.filter(status="not_enabled").update(status="cancelled")


class Migration(migrations.Migration):

    dependencies = [
        ('census', '0002_fleet'),
    ]

    operations = [
        migrations.AddField(
            model_name='cedulainfo',
            name='voting_restricted',
            field=models.BooleanField(default=False, help_text='La novedad no cancela la cédula: la persona no puede votar por ahora.', verbose_name='vigente, sin derecho a votar'),
        ),
        migrations.AlterField(
            model_name='cedulainfo',
            name='status',
            field=models.CharField(choices=[('pending', 'En cola'), ('processing', 'Consultando'), ('found', 'Encontrada'), ('not_found', 'No está en el censo'), ('cancelled', 'Cédula cancelada'), ('not_enabled', 'Vigente, sin derecho a votar'), ('error', 'Sin respuesta')], max_length=12, verbose_name='estado'),
        ),
        migrations.AlterField(
            model_name='lookupattempt',
            name='outcome',
            field=models.CharField(choices=[('found', 'Encontrada'), ('not_found', 'No está en el censo'), ('cancelled', 'Cédula cancelada'), ('not_enabled', 'Vigente, sin derecho a votar'), ('blocked', 'Bloqueada por el sitio'), ('unavailable', 'Sitio no disponible'), ('page_changed', 'La página cambió'), ('interrupted', 'Consulta interrumpida')], max_length=12, verbose_name='resultado'),
        ),
        migrations.RunPython(
            restrictions_out_of_cancellations, restrictions_back_to_cancellations, elidable=True
        ),
    ]
