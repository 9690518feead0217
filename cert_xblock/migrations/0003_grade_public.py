from django.db import migrations, models


class Migration(migrations.Migration):
    """Certificates issued before this field existed keep their grade private: nobody knows what they printed."""

    dependencies = [
        ('cert_xblock', '0002_batch_lease'),
    ]

    operations = [
        migrations.AddField(
            model_name='issuedcertificate',
            name='grade_public',
            field=models.BooleanField(default=False),
        ),
    ]
