"""Unsaved edits, kept on disk while a person types, so a crash or a power cut loses nothing.

The editor hands its draft to a :class:`DraftKeeper` after every change; the
keeper writes the newest one (atomically, owner-only) when asked, from the
background helper. Saving or discarding removes the draft. At the next start,
drafts still on disk are edits that were never saved, and the app offers them.

A draft file is JSON: ``{"version", "routine_file", "base_digest", "saved_at",
"draft"}``. A file that cannot be read is set aside, never deleted.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stretchtimer.core.bounded_parse import loads_json
from stretchtimer.core.routine.draft import Kind, RoutineDraft, StepDraft
from stretchtimer.core.routine.languages import (
    routine_translations_from,
    step_translations_from,
    translation_tables,
)
from stretchtimer.core.routine.model import SOURCE_LANGUAGE, Sides
from stretchtimer.storage.atomic import keep_aside, write_text_atomically

log = logging.getLogger(__name__)

DRAFT_VERSION = 1
SUFFIX = ".json"
_TEXT_FIELDS = (
    "title",
    "description",
    "prepare",
    "rest",
    "switch",
    "inhale",
    "exhale",
    "setup",
    "finish",
    "settle",
)
_STEP_TEXT_FIELDS = (
    "name",
    "hold",
    "breaths",
    "reps",
    "tempo",
    "sets",
    "set_rest",
    "say",
    "easier",
    "rest",
    "setup",
    "feel",
    "release",
    "caution",
    "settle",
    "pose",
)


@dataclass(frozen=True)
class KeptDraft:
    """An unsaved draft found on disk."""

    path: Path  # the draft file
    routine_file: Path | None  # the routine it edits; None for one never saved
    base_digest: str  # of the routine file's bytes when editing began ("" for none)
    saved_at: datetime.datetime
    draft: RoutineDraft


def digest(data: bytes | None) -> str:
    if data is None:
        return ""
    import hashlib  # it loads OpenSSL (3 MB): only once a digest is needed

    return hashlib.sha256(data).hexdigest()


def draft_to_json(draft: RoutineDraft) -> dict[str, Any]:
    routine: dict[str, Any] = {name: getattr(draft, name) for name in _TEXT_FIELDS}
    routine["format"] = draft.format
    routine["tags"] = list(draft.tags)
    routine["steps"] = [
        {
            **{name: getattr(step, name) for name in _STEP_TEXT_FIELDS},
            "kind": step.kind.value,
            "sides": step.sides.value,
            "rep_cues": list(step.rep_cues),
            "translations": translation_tables(step.translations),
        }
        for step in draft.steps
    ]
    routine["language"] = draft.language
    routine["translations"] = translation_tables(draft.translations)
    return routine


def draft_from_json(value: object) -> RoutineDraft:
    """The draft in a JSON value; raises ValueError when it is not one."""
    if not isinstance(value, dict):
        raise ValueError("not a draft")
    texts: dict[str, Any] = {name: _text(value, name) for name in _TEXT_FIELDS}
    tags = value.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError("tags are not a list of texts")
    steps = value.get("steps", [])
    if not isinstance(steps, list):
        raise ValueError("steps are not a list")
    written = value.get("format", 1)  # drafts kept before format 2 were format 1
    if written not in (1, 2) or isinstance(written, bool):
        raise ValueError("format is not 1 or 2")
    return RoutineDraft(
        **texts,
        format=written,
        tags=tuple(tags),
        steps=tuple(_step(item) for item in steps),
        language=_text(value, "language") or SOURCE_LANGUAGE,  # drafts before languages: none
        translations=routine_translations_from(value.get("translations", {})),
    )


def _step(value: object) -> StepDraft:
    if not isinstance(value, dict):
        raise ValueError("a step is not a table")
    step = StepDraft(kind=Kind(value.get("kind", "hold")), sides=Sides(value.get("sides", "none")))
    texts: dict[str, Any] = {name: _text(value, name) for name in _STEP_TEXT_FIELDS}
    rep_cues = value.get("rep_cues", [])
    if not isinstance(rep_cues, list) or not all(isinstance(cue, str) for cue in rep_cues):
        raise ValueError("rep_cues are not a list of texts")
    translations = step_translations_from(value.get("translations", {}))
    return dataclasses.replace(step, **texts, rep_cues=tuple(rep_cues), translations=translations)


def _text(table: dict[str, Any], name: str) -> str:
    value = table.get(name, "")
    if not isinstance(value, str):
        raise ValueError(f"{name} is not text")
    return value


class DraftFolder:
    """The folder of kept drafts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def new_path(self, routine_file: Path | None) -> Path:
        """A draft file for editing ``routine_file`` (or a routine not saved yet)."""
        if routine_file is None:
            return self.folder / f"new-{os.urandom(6).hex()}{SUFFIX}"
        import hashlib  # it loads OpenSSL (3 MB): only once a digest is needed

        key = hashlib.sha256(str(routine_file).encode("utf-8")).hexdigest()[:12]
        return self.folder / f"{routine_file.stem}-{key}{SUFFIX}"

    def kept(self) -> list[KeptDraft]:
        """Every readable draft, oldest first; unreadable ones are set aside."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            if path.name.startswith("."):
                continue
            try:
                found.append(read_draft(path))
            except (OSError, ValueError) as error:
                log.warning("draft %s cannot be read (%s); setting it aside", path, error)
                try:
                    keep_aside(path, "unreadable")
                except OSError:
                    log.warning("could not set aside %s", path, exc_info=True)
        return sorted(found, key=lambda kept: kept.saved_at)

    def unsaved(self) -> list[KeptDraft]:
        """The kept drafts that hold changes their routine file lacks, oldest first."""
        return [kept for kept in self.kept() if not _already_saved(kept)]

    def for_routine(self, routine_file: Path) -> KeptDraft | None:
        path = self.new_path(routine_file)
        try:
            return read_draft(path)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            log.warning("draft %s cannot be read (%s)", path, error)
            return None


def read_draft(path: Path) -> KeptDraft:
    """Read one draft file; raises OSError or ValueError."""
    document = loads_json(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("version") != DRAFT_VERSION:
        raise ValueError("not a draft of this version")
    routine_file = document.get("routine_file")
    base = document.get("base_digest", "")
    saved_at = document.get("saved_at", "")
    if not isinstance(routine_file, str | None) or not isinstance(base, str):
        raise ValueError("not a draft")
    if not isinstance(saved_at, str):
        raise ValueError("no time")
    return KeptDraft(
        path=path,
        routine_file=Path(routine_file) if routine_file else None,
        base_digest=base,
        saved_at=datetime.datetime.fromisoformat(saved_at),
        draft=draft_from_json(document.get("draft")),
    )


_NOTHING = object()


class DraftKeeper:
    """Keeps one editor's newest draft on disk; safe to call from the background helper.

    :meth:`keep` and :meth:`drop` only note what to do and return at once;
    :meth:`write_pending` does it (off the GUI thread). Writes happen one at a
    time, and whichever runs last writes the newest state.
    """

    def __init__(self, path: Path, routine_file: Path | None, base: bytes | None) -> None:
        self.path = path
        self.routine_file = routine_file
        self.base_digest = digest(base)
        self._lock = threading.Lock()
        self._pending: object = _NOTHING

    def rebase(self, routine_file: Path | None, base: bytes | None) -> None:
        """The routine was saved (maybe under a new name): later drafts are against that."""
        with self._lock:
            self.routine_file = routine_file
            self.base_digest = digest(base)

    def keep(self, draft: RoutineDraft) -> None:
        with self._lock:
            self._pending = draft

    def drop(self) -> None:
        with self._lock:
            self._pending = None

    def write_pending(self) -> None:
        """Write (or remove) the draft as last asked. Raises OSError."""
        with self._lock:
            pending, self._pending = self._pending, _NOTHING
            if pending is _NOTHING:
                return
            if pending is None:
                self.path.unlink(missing_ok=True)
                return
            assert isinstance(pending, RoutineDraft)
            document = {
                "version": DRAFT_VERSION,
                "routine_file": str(self.routine_file) if self.routine_file else None,
                "base_digest": self.base_digest,
                "saved_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                "draft": draft_to_json(pending),
            }
            write_text_atomically(self.path, json.dumps(document, ensure_ascii=False, indent=1))


def _already_saved(kept: KeptDraft) -> bool:
    """A kept draft that matches its file (the app stopped between saving and tidying up)."""
    from stretchtimer.core.routine.draft import draft_from_routine
    from stretchtimer.core.routine.file import load_routine
    from stretchtimer.core.routine.problems import RoutineFileError

    if kept.routine_file is None:
        return False
    try:
        return draft_from_routine(load_routine(kept.routine_file)) == kept.draft
    except RoutineFileError:
        return False
