"""The routine editor: a window to make and change a routine, step by step.

``document`` holds the draft and its undo history, ``window`` the editor window,
``routine_form`` and ``step_form`` the fields, ``step_list`` the steps, ``hear``
the "hear it" button's speech, ``editors`` the open editor windows.
"""
