"""ProviderRepository contract: providers by KvK, listed by name, found by KvK, alias or name."""

from __future__ import annotations

import pytest

from escalation.domain.errors import (
    DuplicateProviderError,
    StorageError,
    UnknownProviderError,
)
from escalation.domain.model import Provider, ProviderKind
from tests.contracts.builders import NOW, Backend, add_providers, provider

ALTRA = provider("11111111", "Altra Jeugdzorg", alias="ALT")
ALTRECHT = provider("22222222", "Altrecht", alias=None, kind=ProviderKind.REGIO)
MIDDEN = provider("33333333", "Jeugdhulp Midden", alias="JHM")
HONDERD = provider("44444444", "100% Jeugd", alias="Honderd")
HONDERD_SPATIE = provider("55555555", "100 Jeugd", alias=None)
A_Z = provider("66666666", "A_Z Zorg", alias=None)
ABZ = provider("77777777", "ABZ Zorg", alias=None)
SLASH = provider("88888888", "Zorg\\Plus", alias="Z\\P")
EVERYONE = [ALTRA, ALTRECHT, MIDDEN, HONDERD, HONDERD_SPATIE, A_Z, ABZ, SLASH]


def test_an_added_provider_reads_back_with_every_field(backend: Backend) -> None:
    gi = provider(
        "12345678", "Stichting Jeugdbescherming", kind=ProviderKind.GECERTIFICEERDE_INSTELLING
    )
    add_providers(backend, gi, ALTRECHT)

    with backend.uow() as uow:
        assert [uow.providers.get(p.kvk) for p in (gi, ALTRECHT)] == [gi, ALTRECHT]


def test_a_second_provider_with_the_same_kvk_is_refused(backend: Backend) -> None:
    add_providers(backend, ALTRA)

    with backend.uow() as uow, pytest.raises(DuplicateProviderError, match=ALTRA.kvk):
        uow.providers.add(provider(ALTRA.kvk, "Iemand anders"), now=NOW)


def test_the_same_kvk_twice_in_one_unit_of_work_is_refused(backend: Backend) -> None:
    with backend.uow() as uow:
        uow.providers.add(ALTRA, now=NOW)
        with pytest.raises(DuplicateProviderError, match=ALTRA.kvk):
            uow.providers.add(provider(ALTRA.kvk, "Iemand anders"), now=NOW)


def test_of_two_units_of_work_registering_one_kvk_the_second_commit_is_refused(
    backend: Backend,
) -> None:
    with backend.uow() as first, backend.uow() as second:
        first.providers.add(ALTRA, now=NOW)
        second.providers.add(provider(ALTRA.kvk, "Iemand anders"), now=NOW)
        first.commit()
        with pytest.raises(StorageError):
            second.commit()

    with backend.uow() as uow:
        assert uow.providers.list() == [ALTRA]


def test_an_unknown_kvk_is_refused(backend: Backend) -> None:
    add_providers(backend, ALTRA)

    with backend.uow() as uow, pytest.raises(UnknownProviderError, match="99999999"):
        uow.providers.get("99999999")


def test_providers_are_listed_by_name(backend: Backend) -> None:
    add_providers(backend, MIDDEN, ALTRECHT, ABZ, ALTRA)

    with backend.uow() as uow:
        names = [p.name for p in uow.providers.list()]

    assert names == ["ABZ Zorg", "Altra Jeugdzorg", "Altrecht", "Jeugdhulp Midden"]


SEARCHES: list[tuple[str, list[Provider]]] = [
    ("11111111", [ALTRA]),  # KvK: exact
    ("1111", []),  # not a KvK prefix
    ("jhm", [MIDDEN]),  # alias: exact, any case
    ("JH", []),  # not an alias prefix
    ("jeugdhulp", [MIDDEN]),  # name prefix, any case
    ("ALTR", [ALTRA, ALTRECHT]),  # by name
    ("alt", [ALTRA, ALTRECHT]),  # alias of one, name prefix of both: each once
    ("honderd", [HONDERD]),
    ("100%", [HONDERD]),  # % is a character, not a wildcard
    ("a_z", [A_Z]),  # and so is _
    ("zorg\\", [SLASH]),  # and \
    ("z\\p", [SLASH]),
    ("Midden", []),  # inside a name is not a prefix
    ("onbekend", []),
]


def test_search_finds_by_kvk_alias_or_name_prefix(backend: Backend) -> None:
    add_providers(backend, *EVERYONE)

    with backend.uow() as uow:
        found = {text: uow.providers.search(text) for text, _ in SEARCHES}

    assert found == dict(SEARCHES)


def test_search_results_are_ordered_by_name(backend: Backend) -> None:
    zorg = [
        provider(str(n) * 8, name, alias=None)
        for n, name in enumerate(["Zorg C", "Zorg A", "Zorg B"], 1)
    ]
    add_providers(backend, *zorg)

    with backend.uow() as uow:
        assert [p.name for p in uow.providers.search("zorg")] == ["Zorg A", "Zorg B", "Zorg C"]


def test_search_ignores_case_beyond_ascii(backend: Backend) -> None:
    elan = provider("12121212", "Élan Jeugdzorg", alias="ÉLAN-IJ")
    add_providers(backend, elan, ALTRA)

    with backend.uow() as uow:
        assert uow.providers.search("élan jeugd") == [elan]
        assert uow.providers.search("élan-ij") == [elan]


def test_an_updated_address_reads_back_and_an_unknown_provider_is_refused(
    backend: Backend,
) -> None:
    add_providers(backend, ALTRA, MIDDEN)
    moved = Provider(
        ALTRA.kvk, ALTRA.name, ALTRA.kind, alias=ALTRA.alias, address="Postbus 1, 1234 AB Utrecht"
    )

    with backend.uow() as uow:
        uow.providers.update(moved)
        uow.commit()
    with backend.uow() as uow:
        assert uow.providers.get(ALTRA.kvk) == moved
        assert uow.providers.get(MIDDEN.kvk) == MIDDEN
        with pytest.raises(UnknownProviderError, match="99999999"):
            uow.providers.update(provider("99999999", "Nergens"))
