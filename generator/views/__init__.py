"""Views: typed contexts per page kind, rendered through the one Jinja environment."""
