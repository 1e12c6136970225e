"""Who hears what, in their own language (issue 15, item 4): the listeners to letter events,
the scheduled reminders (waiting period over, follow-up due), daily digests, and each
person's choice between an e-mail for every event and one digest a day."""
