"""The Stramien web application (Django)."""
