"""When to remind a person to stretch: the schedule, working hours, and what is said."""
