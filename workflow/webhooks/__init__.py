"""Webhooks: endpoints administrators register, and signed deliveries through the worker."""
