"""SQL repository of the providers (the supervised subjects)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from escalation.domain.errors import DuplicateProviderError, UnknownProviderError
from escalation.domain.model import Provider, ProviderKind
from escalation.domain.subjects import identifier_label
from escalation.i18n import _
from escalation.storage.tables import ProviderRow


def provider_from_row(row: ProviderRow) -> Provider:
    return Provider(
        kvk=row.kvk,
        name=row.name,
        kind=ProviderKind(row.kind),
        alias=row.alias,
        address=row.address,
    )


class SqlProviderRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, kvk: str) -> ProviderRow | None:
        return self._session.exec(select(ProviderRow).where(ProviderRow.kvk == kvk)).first()

    def add(self, provider: Provider, *, now: datetime) -> None:
        existing = self._row(provider.kvk)
        if existing is not None:
            raise DuplicateProviderError(
                _("{label} is already registered, as '{name}'.").format(
                    label=identifier_label(provider.kvk), name=existing.name
                )
            )
        self._session.add(
            ProviderRow(
                kvk=provider.kvk,
                name=provider.name,
                kind=provider.kind.value,
                alias=provider.alias,
                address=provider.address,
                created_at=now,
            )
        )

    def update(self, provider: Provider) -> None:
        """Store the provider's changed name, alias or address (its KvK number stays)."""
        row = self._row(provider.kvk)
        if row is None:
            raise UnknownProviderError(
                _("No provider with {label}. Register it with `escalation provider add`.").format(
                    label=identifier_label(provider.kvk)
                )
            )
        row.name, row.alias, row.address = provider.name, provider.alias, provider.address
        self._session.add(row)

    def get(self, kvk: str) -> Provider:
        row = self._row(kvk)
        if row is None:
            raise UnknownProviderError(
                _("No provider with {label}. Register it with `escalation provider add`.").format(
                    label=identifier_label(kvk)
                )
            )
        return provider_from_row(row)

    def search(self, text: str) -> list[Provider]:
        """KvK or alias equal to `text`, or a name starting with it; case does not matter.

        Compared in Python, not with SQL's lower(): SQLite's folds only ASCII letters and
        PostgreSQL's depends on the database's locale, so "élan" would miss "Élan". The
        register of providers is small enough to read whole.
        """
        lowered = text.lower()
        return [
            p
            for p in self.list()
            if p.kvk == text
            or (p.alias or "").lower() == lowered
            or p.name.lower().startswith(lowered)
        ]

    def list(self) -> list[Provider]:
        rows = self._session.exec(select(ProviderRow).order_by(col(ProviderRow.name)))
        return [provider_from_row(r) for r in rows]
