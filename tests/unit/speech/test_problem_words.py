"""What the app says about the voice and the sound reaches the person in their language,
including the reasons the speech worker (a process in English) gives."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stretchtimer.core.i18n import Language
from stretchtimer.speech.piper_speaker import load_failure
from stretchtimer.speech.problems import SpeechNotice, SpeechProblem
from tests.languages import unmarked

SwitchLanguage = Callable[[str], Language]


@pytest.mark.parametrize("problem", list(SpeechProblem))
def test_every_speech_notice_is_marked_for_translation(
    problem: SpeechProblem, language: SwitchLanguage
) -> None:
    language("qps")
    # (A reason of the catalogue's own would nest its marks in the sentence's.)
    notice = SpeechNotice(problem, voice="piper:xx", folder="/tmp/clips", reason="REASON")
    assert unmarked(notice.sentence, ("piper:xx", "/tmp/clips", "REASON")) == ""


def test_the_workers_reason_is_said_in_the_persons_language(language: SwitchLanguage) -> None:
    language("de")
    notice = SpeechNotice(
        SpeechProblem.NATURAL_VOICE_FAILED, reason=load_failure(MemoryError()).reason
    )
    assert notice.sentence.startswith(
        "Die natürliche Stimme kann hier nicht sprechen "
        "(es ist nicht genug freier Arbeitsspeicher da), deshalb spricht die Systemstimme"
    )
