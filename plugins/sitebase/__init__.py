"""The site's light shared base: what every plugin and command needs, and nothing heavy.

Problems and how they are told, settings helpers (types, "did you mean"), the metadata
header reader, the staff-only tokenizer, the source files and their formats, short
hashes, near-miss matching and git. No Pelican signals, and no import of Pillow, pypdf,
the automaton or an HTML parser, so `python -m commands review` starts fast.
"""
