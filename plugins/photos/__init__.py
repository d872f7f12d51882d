"""Photos for parents on phones: every photo under content/images published upright,
in a few widths (WebP with a JPEG fallback) and described. The originals (a phone's
12 MP, its orientation tag, HEIC) are never published; the guard checks every copy."""


def register():
    """Connect the plugin to Pelican's signals (nothing else happens at import)."""
    from pelican import signals

    from . import plugin

    signals.initialized.connect(plugin.configure)
    signals.get_generators.connect(plugin.start_run)
    signals.static_generator_finalized.connect(plugin.take_photos)
    signals.all_generators_finalized.connect(plugin.check_descriptions)
    signals.content_written.connect(plugin.page_written)


def output_checks():
    """The photos' check of the output (sitebase.checks): no photo is a copy of a
    private file (its published copies are resized, so their sources are read)."""
    from sitebase.checks import OutputCheck

    from .plugin import private_copy_check

    return [OutputCheck("photo sources", private_copy_check)]
