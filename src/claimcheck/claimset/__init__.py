"""The claim set: reading claim files and the codebook (capped, confined), checking them, grounding quotes, curation lint."""
