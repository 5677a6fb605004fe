"""Finding one's way in a programme: search over its text, help per section and the first
steps on the overview. Reads only; it has no models of its own."""
