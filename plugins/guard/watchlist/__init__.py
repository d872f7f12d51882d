"""Sources to watched entities: what the build must never publish (declared fields and
blocks, the private folder, the people, contacts, references and phrases in them)."""
