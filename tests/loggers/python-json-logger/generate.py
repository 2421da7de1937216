"""Python's logging with python-json-logger's JsonFormatter, the set-up its README shows: a
format string naming the record attributes (asctime, levelname, name, message), `extra`
fields, a child logger (`app.http`), and logger.exception(), which puts the formatted
traceback in `exc_info` as one multi-line string."""
import logging
import os
import sys

from pythonjsonlogger import jsonlogger

# The story every fixture tells, beside this folder (../story.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from story import REQUEST, SLOW, STARTED, place_order  # noqa: E402

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
root = logging.getLogger("app")
root.addHandler(handler)
root.setLevel(logging.DEBUG)
http = root.getChild("http")

root.debug("cache warmed")
root.info("service started", extra=STARTED)
http.info("request handled", extra={"req": REQUEST, "status": 200})
root.warning("slow response", extra=SLOW)
try:
    place_order(42)
except ValueError:
    http.exception("order failed", extra={"order_id": 42})
root.critical("shutting down")
