"""REST API of the plugin (``/api/cert_xblock/v1/``): certificates for learners, course staff and other services."""
