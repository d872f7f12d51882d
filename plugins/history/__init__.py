"""Page history from git: "Last updated" for every page, the versions of policies with
their change notes, and a sitemap whose dates say when each page really changed."""


def register():
    """Connect the plugin to Pelican's signals (nothing else happens at import)."""
    from pelican import signals

    from . import plugin

    signals.initialized.connect(plugin.configure)
    signals.get_generators.connect(plugin.start_run)
    signals.content_object_init.connect(plugin.date_content)
    signals.content_written.connect(plugin.page_written)
