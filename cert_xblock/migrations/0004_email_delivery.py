from django.db import migrations, models


class Migration(migrations.Migration):
    """Certificates issued before this field existed show no email state: whether theirs left is unknown."""

    dependencies = [
        ('cert_xblock', '0003_grade_public'),
    ]

    operations = [
        migrations.AddField(
            model_name='issuedcertificate',
            name='email_status',
            field=models.CharField(blank=True, choices=[('', 'not sent'), ('queued', 'queued'), ('sent', 'sent'), ('failed', 'failed')], default='', max_length=16),
        ),
        migrations.AddField(
            model_name='issuedcertificate',
            name='email_attempts',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='issuedcertificate',
            name='email_error',
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name='issuedcertificate',
            name='email_updated_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
