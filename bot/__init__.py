"""labnotes core: episode notes → SQLite knowledge store → platform-neutral command replies.

Never imports discord or slack; adapters translate between platforms and this core.
"""

from bot.compiled import install

__version__ = "0.1.0"

# Before anything imports the note reader: its compiled build, when there is one for this source.
install()
