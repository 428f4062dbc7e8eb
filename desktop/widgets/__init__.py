"""Widgets shared by the pages: validated form fields, record tables, progress, search box."""
