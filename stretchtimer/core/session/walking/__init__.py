"""How the session engine walks a plan, in layers: where it stands and its clock, waiting
for words still rendering, and the moves with the events they make."""
