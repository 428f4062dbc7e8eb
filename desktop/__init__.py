"""Liaison Desk application: the Qt GUI, the headless command line, minutes and reports."""
