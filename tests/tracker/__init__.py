"""Tests of the adoption tracker, each against SQLite and PostgreSQL."""
