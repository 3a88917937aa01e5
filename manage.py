#!/usr/bin/env python3
"""Django's command-line utility; the same as the `holdfast` command."""

from holdfast.cli import main

if __name__ == "__main__":
    main()
