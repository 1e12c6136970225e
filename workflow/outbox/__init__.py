"""What must be told, written in the same transaction as the change that causes it, and the
worker that tells it: the outbox of letter events, the scheduler's fired jobs, the registry
other rooms add listeners and job kinds to, and the delivery loop (README, "Design notes")."""
