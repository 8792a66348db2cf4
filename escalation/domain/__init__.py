"""The pure domain: cases, workflow definitions, the state machine and legal time."""
