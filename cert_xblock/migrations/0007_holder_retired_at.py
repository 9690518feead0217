from django.db import migrations, models


class Migration(migrations.Migration):
    """When a certificate's holder retired their account (cert_xblock.records.retirement)."""

    dependencies = [
        ('cert_xblock', '0006_credentials'),
    ]

    operations = [
        migrations.AddField(
            model_name='issuedcertificate',
            name='holder_retired_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
