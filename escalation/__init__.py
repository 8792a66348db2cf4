"""escalation: an enforcement-case engine for Dutch supervisory bodies."""

__version__ = "0.1.0"
