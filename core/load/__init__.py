"""Staying fair under load: per-chat lines, a per-person flood limit, per-person quotas."""
