"""Backup and restore of everything in the database (docs/backup.md).

`format` is the file: a zip of a manifest and a JSON-lines content, written and checked without
Django. `tables` reads which tables there are off Django's app registry and converts their
values; `services` writes a backup and restores one into an empty database.
"""
