"""loguru with serialize=True: each line is {"text": the formatted line, "record": {level
{name, no, icon}, time {repr, timestamp}, message, name, exception {type, value, traceback},
extra, ...}}. A bound logger stands for the child; logger.exception() records the traceback."""
import os
import sys

from loguru import logger

# The story every fixture tells, beside this folder (../story.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from story import REQUEST, SLOW, STARTED, place_order  # noqa: E402

logger.remove()
logger.add(sys.stdout, serialize=True, level="TRACE")
log = logger.bind(service="app")
http = logger.bind(service="app.http", component="http")

log.trace("entering main")
log.debug("cache warmed")
log.bind(**STARTED).info("service started")
http.bind(req=REQUEST, status=200).info("request handled")
log.success("order queue drained")
log.bind(**SLOW).warning("slow response")
try:
    place_order(42)
except ValueError:
    http.bind(order_id=42).exception("order failed")
log.critical("shutting down")
