"""labnotes core: episode notes → SQLite knowledge store → platform-neutral command replies.

Never imports discord or slack; adapters translate between platforms and this core.
"""

__version__ = "0.1.0"
