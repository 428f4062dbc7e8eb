"""Liaison Desk data core: schema, the one write path, queries, search, backups and sync.

Importing `db` stays light: no Qt, no reportlab, no openpyxl (see tools/import_contract.py).
"""
