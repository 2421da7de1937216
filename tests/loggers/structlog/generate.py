"""structlog's production JSON set-up: add_log_level, add_logger_name, TimeStamper(fmt="iso"),
dict_tracebacks (the exception as a structured list of frames), JSONRenderer; a bound child
logger, extra and nested fields, and log.exception() inside an except block."""
import logging
import sys

import structlog

logging.basicConfig(format="%(message)s", stream=sys.stdout, level=logging.DEBUG)
structlog.configure(
    processors=[
        structlog.stdlib.filter_by_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.dict_tracebacks,
        structlog.processors.JSONRenderer(),
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
)
log = structlog.get_logger("app")
http = structlog.get_logger("app.http").bind(component="http")


def charge_card(amount):
    raise ValueError(f"payment declined for {amount}")


def place_order(order_id):
    charge_card(order_id * 10)


log.debug("cache warmed")
log.info("service started", port=8080, config={"region": "eu-west-1", "replicas": 3})
http.info("request handled", req={"method": "GET", "path": "/orders/42"}, status=200)
log.warning("slow response", duration_ms=1250)
try:
    place_order(42)
except ValueError:
    http.exception("order failed", order_id=42)
log.critical("shutting down")
