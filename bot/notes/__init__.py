"""Parsing episode notes (Markdown + YAML front matter) into claims."""
