"""Checking an article against the claim set: its text, sentences, mentions, readers, passages and verdicts."""
