"""Finding watched entities in published text: normalising, names and their forms,
contacts, and the scan itself."""
