"""Dialogs and record editors."""
