"""Audit records and the single head row that serialises appends."""

from piccolo.columns import Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class AuditRecord(Table):
    """One change: who (and for whom), what, on which object, before -> after.

    ``hash`` = SHA-256 over ``prev_hash`` and the record's canonical content (see ``chain.py``), so an
    edited or deleted row breaks the chain at that point.
    """

    created_at = Timestamptz(index=True)
    actor_id = Integer(null=True, default=None)
    actor_name = Varchar(length=300, default="")
    on_behalf_of_id = Integer(null=True, default=None)
    on_behalf_of_name = Varchar(length=300, default="")
    action = Varchar(length=100, index=True)
    object_type = Varchar(length=100, default="", index=True)
    object_id = Varchar(length=100, default="")
    summary = Text(default="")
    before = Text(default="")
    after = Text(default="")
    client_address = Varchar(length=64, default="")
    prev_hash = Varchar(length=64)
    hash = Varchar(length=64, unique=True)


class AuditHead(Table):
    """Exactly one row (id 1): the hash of the newest record. Locked while appending."""

    last_hash = Varchar(length=64)
    last_id = Integer(default=0)
