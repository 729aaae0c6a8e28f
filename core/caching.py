"""How long shared caches may keep a public page: one setting for every public view."""

PUBLIC_CACHE = {"public": True, "max_age": 300}
