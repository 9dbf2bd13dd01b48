"""Peewee storage: the database chosen by URL, tables, schema versions, and the repository."""
