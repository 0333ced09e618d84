"""Evidence: findings (sentences of numbered paragraphs) and their polarity."""
