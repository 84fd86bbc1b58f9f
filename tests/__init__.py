"""labnotes' tests."""

import os

# Tests specify the reader's source, so they run it as Python even where a compiled build exists (some
# replace a module's function, which compiled callers would not see); tests/test_compiled_reader.py checks
# the build against that source.
os.environ.setdefault("LABNOTES_PURE", "1")
