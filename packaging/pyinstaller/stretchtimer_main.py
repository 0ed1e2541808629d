"""Entry point of the PyInstaller bundle: the same as the ``stretchtimer`` command."""

import sys

from stretchtimer.cli import main

if __name__ == "__main__":
    sys.exit(main())
