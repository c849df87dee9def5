"""What a person or a program reads: safe text, terminal tables and plain text, JSON documents, drafts, atomic writes."""
