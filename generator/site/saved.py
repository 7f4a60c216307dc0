"""Where the theme finds the words of saved.js (the "Save" and "New" marks, generator.labels.SAVED_WORDS).

The saved list and the last visit live in the visitor's browser only (localStorage): nothing about
them is sent anywhere. The template hands the words to the script (head.html).
"""

from __future__ import annotations

SAVED_WORDS_KEY = "microboard_saved_words"  # in the theme's config.extra, set by each engine adapter
