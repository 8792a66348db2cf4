"""SQLModel adapter for the repository and unit-of-work ports."""
