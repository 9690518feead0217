"""Signal receivers of the plugin app (connected in ``CertXBlockConfig.ready``)."""
