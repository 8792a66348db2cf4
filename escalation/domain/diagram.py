"""Mermaid `stateDiagram-v2` text of a workflow, readable without Graphviz."""

from __future__ import annotations

from escalation.domain.definition import WorkflowDefinition


def mermaid(definition: WorkflowDefinition, *, current: str | None = None) -> str:
    """The workflow as Mermaid text; `current` (a case's state) is highlighted."""
    lines = ["stateDiagram-v2", f"    %% {definition.name} version {definition.version}"]
    lines.append(f"    [*] --> {definition.initial}")
    for action in definition.actions:
        for source in action.sources:
            dest = action.dest or source
            lines.append(f"    {source} --> {dest}: {action.name}")
    lines += [f"    {s.name} --> [*]" for s in definition.states if s.final]
    if current is not None:
        lines.append("    classDef current fill:#f96,stroke:#333,stroke-width:3px")
        lines.append(f"    class {current} current")
    return "\n".join(lines) + "\n"
