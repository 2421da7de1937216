"""loguru with serialize=True: each line is {"text": the formatted line, "record": {level
{name, no, icon}, time {repr, timestamp}, message, name, exception {type, value, traceback},
extra, ...}}. A bound logger stands for the child; logger.exception() records the traceback."""
import sys

from loguru import logger

logger.remove()
logger.add(sys.stdout, serialize=True, level="TRACE")
log = logger.bind(service="app")
http = logger.bind(service="app.http", component="http")


def charge_card(amount):
    raise ValueError(f"payment declined for {amount}")


def place_order(order_id):
    charge_card(order_id * 10)


log.trace("entering main")
log.debug("cache warmed")
log.bind(port=8080, config={"region": "eu-west-1", "replicas": 3}).info("service started")
http.bind(req={"method": "GET", "path": "/orders/42"}, status=200).info("request handled")
log.success("order queue drained")
log.bind(duration_ms=1250).warning("slow response")
try:
    place_order(42)
except ValueError:
    http.bind(order_id=42).exception("order failed")
log.critical("shutting down")
