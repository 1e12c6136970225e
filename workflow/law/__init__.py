"""What the law asks of a refusal that answers a complaint: the clock, the required
statements, the clause library, holding responses and the regulator's report (issue 17)."""
