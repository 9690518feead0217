"""Example cert_xblock plug-ins: the ``attendance`` eligibility source and the ``ribbon`` design."""
