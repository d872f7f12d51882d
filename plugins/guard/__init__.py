"""The confidentiality guard: a Pelican plugin that keeps staff-only text, confidential
metadata fields and the private folder out of the site, then checks every written file
and stops the build if a watched value, an unlisted contact or photo metadata is found.
Pelican writes into a staging folder; the output is replaced only once every check passed.

It imports nothing from the site's other plugins (only the light base, sitebase); any
Pelican site can list it in PLUGINS. Importing one of its modules (guard.findings,
guard.matching.contacts) does not load the plugin: register() does.
"""


def register():
    """Connect the guard to Pelican's signals (nothing else happens at import)."""
    from pelican import signals

    from . import plugin

    signals.initialized.connect(plugin.configure)
    signals.initialized.connect(_connect_last)
    signals.get_generators.connect(plugin.start_run)
    signals.content_object_init.connect(plugin.strip_fields)
    signals.finalized.connect(plugin.check_output)


def _connect_last(_pelican):
    """At `initialized` every plugin has registered: connected now (again, if already),
    these run after every other plugin's receivers (blinker calls receivers in the order
    they were connected): no later plugin can swap a reader back for one without the
    staff-only removal, and the swap comes after every other plugin's checks."""
    from pelican import signals

    from . import plugin, readers

    for signal, receiver in (
        (signals.readers_init, readers.remove_staff_only_everywhere),
        (signals.finalized, plugin.swap_in_checked_site),
    ):
        signal.disconnect(receiver)
        signal.connect(receiver)


def output_checks():
    """The guard's checks of the output (sitebase.checks): every value, contact, copy of
    a private file and image metadata."""
    from .checks import output_checks as guard_checks

    return guard_checks()
