"""A session: the plan of a routine, the engine that walks it, its clock and what it says."""
