"""``python -m bot``: run the Versus Discord bot (the same as ``versus bot``)."""

import sys

from bot.runner import main

if __name__ == "__main__":
    sys.exit(main())
