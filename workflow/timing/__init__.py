"""Time as the business counts it: working hours, service times and due dates."""
