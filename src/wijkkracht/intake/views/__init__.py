"""Intake pages: registration and detail (here), the team queue and overview."""
