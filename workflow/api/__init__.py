"""The JSON API's own state: tokens, the answers kept for idempotency keys, rate windows."""
