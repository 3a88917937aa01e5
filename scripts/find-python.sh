#!/usr/bin/env bash
# Print the path of a Python 3.12+ interpreter, or explain what to install and fail.
set -u
candidates=()
for name in python3.13 python3.12 python3.14 python3; do
  path=$(command -v "$name" 2>/dev/null) && candidates+=("$path")
done
# pyenv keeps versions that its shims only expose when selected: look at them directly.
root="${PYENV_ROOT:-$HOME/.pyenv}"
for dir in "$root"/versions/3.13* "$root"/versions/3.12* "$root"/versions/3.14*; do
  [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
done
for py in "${candidates[@]}"; do
  if "$py" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
    echo "$py"
    exit 0
  fi
done
cat >&2 <<'MSG'
Holdfast needs Python 3.12 or newer (Django 6 requires it), and none was found.
Install one of:
  Debian/Ubuntu:  apt-get install python3.12 python3.12-venv   (or python3.13)
  pyenv:          pyenv install 3.13
  macOS:          brew install python@3.13
then run the make command again.
MSG
exit 1
