"""From a link to a brief: safe fetching, extraction, text (sentences, charsets), and the source pipeline."""
