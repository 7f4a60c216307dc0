"""The words of the "Save" and "New" marks (saved.js), kept here with the rest of the board's words.

The saved list and the last visit live in the visitor's browser only (localStorage): nothing about
them is sent anywhere. The template hands these words to the script (head.html).
"""

from __future__ import annotations

SAVED_WORDS_KEY = "microboard_saved_words"  # in the theme's config.extra, set by each engine adapter
SAVED_WORDS = {
    "save": "Save",
    "saved": "Saved",
    "savedCount": "Saved ({n})",
    "savedTitle": "Saved projects",
    "none": "Nothing saved yet. Select Save on a project to keep it here.",
    "closed": "Closed",
    "remove": "Remove",
    "clear": "Clear the saved list",
    "new": "New",
    "kept": "Kept in this browser only.",
}
