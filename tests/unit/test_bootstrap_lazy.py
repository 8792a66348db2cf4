"""The letter renderer is built when a letter needs it, not when an action is handed it."""

from __future__ import annotations

from dataclasses import dataclass

from escalation.bootstrap_lazy import Deferred, DeferredRenderer


@dataclass(frozen=True)
class Sender:
    kenmerk: str


class Renderer:
    def __init__(self, built: list[str]) -> None:
        built.append("renderer")

    def spec(self, name: str) -> str:
        return f"spec of {name}"

    def organisation(self, case: object = None) -> Sender:
        return Sender(kenmerk=f"K-{case}")


def test_nothing_is_built_until_an_attribute_is_asked() -> None:
    built: list[str] = []
    deferred = Deferred(lambda: Renderer(built))

    assert built == []
    assert deferred.spec("aanwijzing") == "spec of aanwijzing"
    assert deferred.spec("brief") == "spec of brief"
    assert built == ["renderer"]  # once


def test_the_sender_of_an_unbuilt_renderer_is_read_through_a_stand_in() -> None:
    built: list[str] = []
    renderer = DeferredRenderer(lambda: Renderer(built))

    sender = renderer.organisation(7)

    assert built == []  # an action without besluit or letter stops here
    assert sender.kenmerk == "K-7"
    assert built == ["renderer"]


def test_once_built_the_sender_is_the_real_object() -> None:
    renderer = DeferredRenderer(lambda: Renderer([]))
    renderer.spec("aanwijzing")

    assert renderer.organisation(3) == Sender(kenmerk="K-3")
