"""Pure rules of a session: routines, plans, the engine and its clock. No Qt."""
