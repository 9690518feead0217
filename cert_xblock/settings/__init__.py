"""Plugin settings: every setting cert_xblock reads, with its default (see ``common.plugin_settings``)."""
