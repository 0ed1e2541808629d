"""The editor's own style rules, on top of the app's style sheet, in the theme's colours."""

from __future__ import annotations

from stretchtimer.gui import theme


def editor_style() -> str:
    t = theme.current()
    return f"""
    QPlainTextEdit {{
        background: {t.surface}; border: 1px solid {t.border}; border-radius: 8px;
        padding: 4px 6px; selection-background-color: {t.accent};
        selection-color: {t.accent_text};
    }}
    QPlainTextEdit:focus {{ border: 2px solid {t.accent}; padding: 3px 5px; }}
    QLineEdit[problem="true"], QPlainTextEdit[problem="true"] {{
        border: 2px solid {t.danger}; padding: 5px 7px;
    }}
    QPlainTextEdit[problem="true"] {{ padding: 3px 5px; }}
    QLineEdit:disabled, QPlainTextEdit:disabled {{ color: {t.muted}; }}
    #FieldProblem {{ color: {t.danger}; font-size: 9.5pt; }}
    #FieldCaption {{ color: {t.muted}; padding-top: 5px; }}
    #EditorTitle {{ font-size: 17pt; font-weight: 600; padding: 6px 10px; }}
    #EditorTitle:focus {{ padding: 5px 9px; }}
    #EditorTitle[problem="true"] {{ padding: 5px 9px; }}
    #StepHeading {{ font-size: 13pt; font-weight: 700; }}
    #SectionHeading {{ font-size: 13pt; font-weight: 700; }}
    #Total {{ font-weight: 600; }}
    #Total:disabled {{ color: {t.muted}; }}
    #TimingToggle {{
        border: none; color: {t.accent}; font-weight: 600; padding: 7px 4px;
        background: transparent;
    }}
    #TimingToggle:focus {{ border-bottom: 2px solid {t.accent}; }}
    #ProblemLink {{
        border: none; background: transparent; padding: 4px 2px; color: {t.muted};
        text-align: left;
    }}
    #ProblemLink[problem="true"] {{ color: {t.danger}; text-decoration: underline;
        font-weight: 600; }}
    #ProblemLink:focus {{ border-bottom: 2px solid {t.accent}; }}
    #ProblemLink:disabled {{ color: {t.accent}; }}
    #Banner[problem="true"] {{ border: 1px solid {t.danger}; }}
    QPushButton[segment] {{ border-radius: 0; padding: 7px 18px; margin: 0; }}
    QPushButton[segment="first"] {{ border-top-left-radius: 10px;
        border-bottom-left-radius: 10px; }}
    QPushButton[segment="last"] {{ border-top-right-radius: 10px;
        border-bottom-right-radius: 10px; }}
    QPushButton[segment="middle"], QPushButton[segment="last"] {{ border-left: none; }}
    QPushButton[segment]:focus {{ border: 2px solid {t.text}; }}
    QPushButton[segment]:checked:focus {{ border: 2px solid {t.text}; }}
    QPushButton[square="true"] {{ padding: 8px 0; min-width: 38px; max-width: 38px; }}
    QListView {{ background: transparent; }}
    """
