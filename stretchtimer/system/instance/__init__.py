"""One app per person: a later launch hands its wish to the running app and exits."""
