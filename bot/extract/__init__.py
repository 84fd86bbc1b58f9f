"""Which labs and models a claim mentions, its subject, and its openness signals."""
