"""structlog's production JSON set-up: add_log_level, add_logger_name, TimeStamper(fmt="iso"),
dict_tracebacks (the exception as a structured list of frames), JSONRenderer; a bound child
logger, extra and nested fields, and log.exception() inside an except block.
usage: generate.py [PROCESSOR]: PROCESSOR (structlog.processors.NAME) renders the exception in
place of dict_tracebacks; ../structlog-exc-info runs this with format_exc_info."""
import logging
import os
import sys

import structlog

# The story every fixture tells, beside this folder (../story.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from story import REQUEST, SLOW, STARTED, place_order  # noqa: E402

logging.basicConfig(format="%(message)s", stream=sys.stdout, level=logging.DEBUG)
structlog.configure(
    processors=[
        structlog.stdlib.filter_by_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.StackInfoRenderer(),
        getattr(structlog.processors, sys.argv[1] if len(sys.argv) > 1 else "dict_tracebacks"),
        structlog.processors.JSONRenderer(),
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
)
log = structlog.get_logger("app")
http = structlog.get_logger("app.http").bind(component="http")

log.debug("cache warmed")
log.info("service started", **STARTED)
http.info("request handled", req=REQUEST, status=200)
log.warning("slow response", **SLOW)
try:
    place_order(42)
except ValueError:
    http.exception("order failed", order_id=42)
log.critical("shutting down")
