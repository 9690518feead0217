"""URLs of the plugin test project: only what the plugin machinery adds, as lms/urls.py appends it."""
from edx_django_utils.plugins import get_plugin_url_patterns

from .project_settings import PROJECT_TYPE

urlpatterns = get_plugin_url_patterns(PROJECT_TYPE)
