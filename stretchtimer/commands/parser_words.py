"""argparse's own words (``usage:``, ``options``, its error sentences) in the person's language.

argparse asks ``gettext.gettext`` of the ``messages`` domain, which no catalogue of ours
fills. Its words that reach a person are copied here, marked for the ``cli`` catalogue,
and argparse is pointed at our translation functions before a parser is built. Python
writes these texts with ``%`` placeholders; the translations keep them as they are.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from stretchtimer.core.i18n import N_, _, n_

# The texts as Python 3.11 to 3.13 write them (the ones a person can meet).
PARSER_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)


class Parser(argparse.ArgumentParser):
    """argparse's parser, with its error line in the person's language.

    Its subcommands' parsers are made of the same class.
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # TRANSLATORS: how the command line says what is wrong with what was typed.
        self.exit(
            2, _("{program}: error: {message}").format(program=self.prog, message=message) + "\n"
        )


def translate_parser_words() -> None:
    """Make argparse say its words through our catalogues (idempotent)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = n_  # type: ignore[attr-defined]
