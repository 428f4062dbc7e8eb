"""Qt item models over the database: lists fetch pages lazily (desktop.models.paged)."""
