"""The tracker's storage over SQLAlchemy Core: it writes what the rules decided and reads what reports need."""
