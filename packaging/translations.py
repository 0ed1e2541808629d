"""Keep stretchtimer's catalogues in step with its source, with GNU gettext's own tools.

    python3 packaging/translations.py update     # templates from the source, .po merged, .mo made
    python3 packaging/translations.py compile    # only the .mo files, from the .po files
    python3 packaging/translations.py new LANG   # start a language: a .po for every domain
    python3 packaging/translations.py pseudo DIR # a pseudo-language "qps" in DIR, for tests

The desktop launcher and the AppStream metainfo are translated the same way, in a fourth
catalogue that only packaging reads (the ``launcher`` component): their English templates
``packaging/linux/*.in`` feed ``packaging/linux/po/launcher.pot``, translated in
``packaging/linux/po/<lang>.po``, and ``msgfmt --desktop`` / ``msgfmt --xml`` merge those
back into the files the wheel, the bundle and the Flatpak carry
(``packaging/linux/io.github.stretchtimer.StretchTimer.desktop`` and ``.metainfo.xml``):
``Name[de]=``, ``Comment[de]=``, ``Keywords[de]=`` and ``xml:lang="de"`` elements.

Needs ``xgettext``, ``msgmerge``, ``msginit``, ``msgfmt`` and ``msgfilter`` (Debian's
``gettext`` package). docs/translating.md says how a language is added and checked.
Domains and where they come from are in stretchtimer/storage/languages.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "stretchtimer"
LOCALE = PACKAGE / "locale"

# Which source files feed which domain (paths relative to the package).
DOMAIN_SOURCES = {
    "app": ("gui",),
    "cli": ("cli.py", "commands", "terminal"),
    "core": ("core", "storage", "speech", "runtime", "system"),
}
KEYWORDS = ("_", "N_", "n_:1,2", "p_:1c,2", "np_:1c,2,3")
# The launcher and AppStream files: English templates, their catalogues, the merged files.
LAUNCHER = ROOT / "packaging" / "linux"
LAUNCHER_PO = LAUNCHER / "po"
LAUNCHER_DOMAIN = "launcher"
LAUNCHER_TEMPLATES = (
    LAUNCHER / "io.github.stretchtimer.StretchTimer.desktop.in",
    LAUNCHER / "io.github.stretchtimer.StretchTimer.metainfo.xml.in",
)
PSEUDO = "qps"  # a private-use tag, as Qt names its pseudo-locale
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


def source_files(domain: str) -> list[Path]:
    files: list[Path] = []
    for name in DOMAIN_SOURCES[domain]:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def template(domain: str) -> Path:
    return LOCALE / domain / f"{domain}.pot"


def catalogue(domain: str, language: str) -> Path:
    return LOCALE / domain / f"{language}.po"


def compiled(language: str, domain: str, locale_dir: Path = LOCALE) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.mo"


def languages() -> list[str]:
    return sorted({po.stem for domain in DOMAIN_SOURCES for po in (LOCALE / domain).glob("*.po")})


def launcher_template() -> Path:
    return LAUNCHER_PO / f"{LAUNCHER_DOMAIN}.pot"


def launcher_catalogue(language: str) -> Path:
    return LAUNCHER_PO / f"{language}.po"


def merged(template: Path, folder: Path = LAUNCHER) -> Path:
    """Where the translated file made from ``template`` goes (its name without ``.in``)."""
    return folder / template.name.removesuffix(".in")


def run(*command: str | Path) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)


def _dated(text: str) -> str:
    return "".join(line for line in text.splitlines(True) if "POT-Creation-Date:" not in line)


def settle_template(output: Path, before: str) -> None:
    """Say the template's charset (UTF-8, always), and keep the template as it was when
    only its date would change: no churn, no merge conflicts over a timestamp."""
    text = output.read_text(encoding="utf-8").replace("charset=CHARSET", "charset=UTF-8")
    if before and _dated(text) == _dated(before):
        text = before
    output.write_text(text, encoding="utf-8")


def extract(domain: str, output: Path) -> None:
    """The domain's messages, as xgettext finds them in the source, into ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    before = output.read_text(encoding="utf-8") if output.exists() else ""
    run(
        "xgettext",
        "--language=Python",
        "--from-code=UTF-8",
        *(f"--keyword={keyword}" for keyword in KEYWORDS),
        "--add-comments=TRANSLATORS:",
        "--add-location=file",  # no line numbers: a moved line leaves the catalogues alone
        "--sort-by-file",
        "--force-po",
        "--package-name=stretchtimer",
        "--msgid-bugs-address=https://github.com/stretchtimer/stretchtimer/issues",
        f"--output={output}",
        *(path.relative_to(ROOT) for path in source_files(domain)),
    )
    add_data_messages(domain, output)
    settle_template(output, before)


# Texts that live in data files, not in code: the pose library's titles, what each pose
# shows and its keyframes' names (read by core/poses/scene.py with these contexts).
POSE_LIBRARY = PACKAGE / "core" / "poses" / "library.toml"


def data_messages(domain: str) -> list[tuple[str, str, str]]:
    """(context, text, where) of every translatable text of ``domain``'s data files."""
    if domain != "core":
        return []
    with POSE_LIBRARY.open("rb") as file:
        library = tomllib.load(file)
    where = str(POSE_LIBRARY.relative_to(ROOT))
    found: list[tuple[str, str, str]] = []
    for pose in library.values():
        found += [("pose", pose["title"], where)]
        if pose.get("shows"):
            found += [("pose", pose["shows"], where)]
        found += [("pose position", frame, where) for frame in pose.get("frames", ())]
    return list(dict.fromkeys(found))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_data_messages(domain: str, output: Path) -> None:
    """The data files' texts joined to the template xgettext made from the code."""
    messages = data_messages(domain)
    if not messages:
        return
    entries = [
        f'#: {where}\nmsgctxt {_quoted(context)}\nmsgid {_quoted(text)}\nmsgstr ""\n'
        for context, text, where in messages
    ]
    data = output.with_suffix(".data.pot")
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    data.write_text(header + "\n".join(entries), encoding="utf-8")
    try:
        run(
            "msgcat",
            "--use-first",
            "--sort-by-file",
            "--add-location=file",
            f"--output-file={output}",
            output,
            data,
        )
    finally:
        data.unlink()


def update() -> None:
    update_launcher()
    for domain in DOMAIN_SOURCES:
        extract(domain, template(domain))
        for language in languages():
            po = catalogue(domain, language)
            if po.exists():
                merge_into(po, template(domain))
            else:
                new_catalogue(domain, language)
    compile_all()


def merge_into(po: Path, pot: Path) -> None:
    """``po`` brought in step with its template: new texts added, removed ones kept as
    obsolete, nothing guessed (no fuzzy matches)."""
    run(
        "msgmerge",
        "--quiet",
        "--update",
        "--backup=none",
        "--no-fuzzy-matching",
        "--add-location=file",
        "--sort-by-file",
        po,
        pot,
    )


def extract_launcher(output: Path) -> None:
    """The translatable fields of the launcher and metainfo templates, as xgettext reads
    them (its Desktop language; the metainfo through the ITS rules gettext ships)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    before = output.read_text(encoding="utf-8") if output.exists() else ""
    run(
        "xgettext",
        "--from-code=UTF-8",
        "--add-location=file",
        "--sort-by-file",
        "--package-name=stretchtimer",
        "--msgid-bugs-address=https://github.com/stretchtimer/stretchtimer/issues",
        f"--output={output}",
        *(path.relative_to(ROOT) for path in LAUNCHER_TEMPLATES),
    )
    settle_template(output, before)


def update_launcher() -> None:
    extract_launcher(launcher_template())
    for language in languages():
        po = launcher_catalogue(language)
        if po.exists():
            merge_into(po, launcher_template())
        else:
            new_catalogue(LAUNCHER_DOMAIN, language)


def merge_launcher(folder: Path = LAUNCHER) -> list[Path]:
    """The launcher and metainfo with every language's translations merged in."""
    found = sorted(po.stem for po in LAUNCHER_PO.glob("*.po"))
    (LAUNCHER_PO / "LINGUAS").write_text("".join(f"{tag}\n" for tag in found), encoding="utf-8")
    made = []
    for template in LAUNCHER_TEMPLATES:
        kind = "--desktop" if template.name.endswith(".desktop.in") else "--xml"
        target = merged(template, folder)
        run("msgfmt", kind, f"--template={template}", "-d", LAUNCHER_PO, f"--output-file={target}")
        made.append(target)
    return made


def new_catalogue(domain: str, language: str) -> None:
    if domain == LAUNCHER_DOMAIN:
        po, pot = launcher_catalogue(language), launcher_template()
    else:
        po, pot = catalogue(domain, language), template(domain)
    run(
        "msginit",
        "--no-translator",
        f"--locale={language}.UTF-8",
        f"--input={pot}",
        f"--output-file={po}",
    )
    # msginit takes the charset from the machine's locale; catalogues are UTF-8.
    po.write_text(
        po.read_text(encoding="utf-8").replace("charset=ASCII", "charset=UTF-8"), encoding="utf-8"
    )


def compile_all() -> None:
    merge_launcher()
    for domain in DOMAIN_SOURCES:
        for po in sorted((LOCALE / domain).glob("*.po")):
            mo = compiled(po.stem, domain)
            mo.parent.mkdir(parents=True, exist_ok=True)
            run("msgfmt", "--check", f"--output-file={mo}", po)


def pseudo(locale_dir: Path) -> None:
    """Every message wrapped in ⟦ ⟧, placeholders kept: a text shown without the marks
    was never translated."""
    for domain in DOMAIN_SOURCES:
        work = locale_dir / "work"
        work.mkdir(parents=True, exist_ok=True)
        pot = work / f"{domain}.pot"
        extract(domain, pot)
        english = work / f"{domain}.en.po"
        run("msgen", "--force-po", "--output-file", english, pot)
        text = english.read_text(encoding="utf-8")
        text = text.replace("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=(n != 1);")
        english.write_text(text, encoding="utf-8")
        marked = work / f"{domain}.{PSEUDO}.po"
        run(
            "msgfilter",
            "--force-po",
            "--keep-header",
            "--input",
            english,
            "--output-file",
            marked,
            "sed",
            "-e",
            f"1s/^/{PSEUDO_OPEN}/",
            "-e",
            f"$s/$/{PSEUDO_CLOSE}/",
        )
        mo = compiled(PSEUDO, domain, locale_dir)
        mo.parent.mkdir(parents=True, exist_ok=True)
        run("msgfmt", f"--output-file={mo}", marked)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update")
    commands.add_parser("compile")
    new = commands.add_parser("new")
    new.add_argument("language")
    fake = commands.add_parser("pseudo")
    fake.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    elif args.command == "new":
        for domain in DOMAIN_SOURCES:
            new_catalogue(domain, args.language)
        new_catalogue(LAUNCHER_DOMAIN, args.language)
        compile_all()
    else:
        pseudo(args.folder.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
