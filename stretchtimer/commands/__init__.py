"""The subcommands of the ``stretchtimer`` command line, one module per group."""
