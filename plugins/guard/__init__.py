"""The confidentiality guard: a Pelican plugin that keeps staff-only text, confidential
metadata fields and the private folder out of the site, then checks every written file
and stops the build if a watched value, an unlisted contact or photo metadata is found.

It imports nothing from the site's other plugins; any Pelican site can list it in PLUGINS.
"""

from pelican import signals

from . import plugin, readers


def register():
    """Connect the guard to Pelican's signals (nothing else happens at import)."""
    signals.initialized.connect(plugin.configure)
    signals.readers_init.connect(readers.remove_staff_only_everywhere)
    signals.get_generators.connect(plugin.start_run)
    signals.content_object_init.connect(plugin.strip_fields)
    signals.finalized.connect(plugin.check_output)
