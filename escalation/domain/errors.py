"""Errors a case officer can act on; the CLI turns each into one or two plain sentences."""

from __future__ import annotations


class EscalationError(Exception):
    """Base of every error the user can cause and correct (exit code 1)."""


class UnknownCaseError(EscalationError):
    """No case with this id."""


class UnknownProviderError(EscalationError):
    """No provider with this KvK number."""


class UnknownBesluitError(EscalationError):
    """No besluit with this kenmerk or id."""


class UnknownBezwaarError(EscalationError):
    """No bezwaar with this id (or KENMERK/N)."""


class DuplicateProviderError(EscalationError):
    """A provider with this KvK number is already registered."""


class InvalidActionError(EscalationError):
    """The action is not allowed in the case's current state, or a guard blocks it."""


class InvalidParameterError(EscalationError):
    """A parameter (--set NAME=VALUE) is missing, unknown or malformed."""


class InvalidInputError(EscalationError):
    """Malformed user input outside action parameters (a KvK number, a date, a term)."""


class InvalidDateError(InvalidInputError):
    """A date not written as 2025-01-31 or 31-01-2025, or one that does not exist (2025-02-30)."""


class InvalidTermError(InvalidInputError):
    """A term that cannot be read ("6 wekken"), or is zero or negative."""


class DefinitionError(EscalationError):
    """A workflow definition is invalid; the message names the file, the item and the fault."""


class UnknownWorkflowError(EscalationError):
    """No installed workflow with this name (and version)."""


class ConcurrentChangeError(EscalationError):
    """Another user changed the case between reading and writing it."""


class StorageError(EscalationError):
    """The database cannot be reached or is not an escalation database."""


class MailError(EscalationError):
    """A reminder mail could not be delivered (server down, address refused)."""


class DatabaseMissingError(StorageError):
    """No escalation database at this place yet (no file, or an empty one): `init` makes one."""


class ForeignDatabaseError(StorageError):
    """The database has tables, but none of escalation's: another application's file."""


class SchemaRevisionError(StorageError):
    """The database's schema is at another revision than this escalation works with."""

    def __init__(self, message: str, *, revision: str) -> None:
        super().__init__(message)
        self.revision = revision


class OutdatedSchemaError(SchemaRevisionError):
    """An older revision: `escalation db upgrade` brings the database up to date."""


class NewerSchemaError(SchemaRevisionError):
    """A revision this escalation does not know: the database was made by a newer escalation."""
