"""structlog's production JSON set-up with format_exc_info (the formatted traceback as one string
in `exception`) in place of dict_tracebacks: ../structlog/generate.py with that one processor."""
import os
import runpy
import sys

sys.argv[1:] = ["format_exc_info"]
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "structlog", "generate.py"),
               run_name="__main__")
