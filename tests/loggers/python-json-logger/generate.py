"""Python's logging with python-json-logger's JsonFormatter, the set-up its README shows: a
format string naming the record attributes (asctime, levelname, name, message), `extra`
fields, a child logger (`app.http`), and logger.exception(), which puts the formatted
traceback in `exc_info` as one multi-line string."""
import logging
import sys

from pythonjsonlogger import jsonlogger

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
root = logging.getLogger("app")
root.addHandler(handler)
root.setLevel(logging.DEBUG)
http = root.getChild("http")


def charge_card(amount):
    raise ValueError(f"payment declined for {amount}")


def place_order(order_id):
    charge_card(order_id * 10)


root.debug("cache warmed")
root.info("service started", extra={"port": 8080, "config": {"region": "eu-west-1", "replicas": 3}})
http.info("request handled", extra={"req": {"method": "GET", "path": "/orders/42"}, "status": 200})
root.warning("slow response", extra={"duration_ms": 1250})
try:
    place_order(42)
except ValueError:
    http.exception("order failed", extra={"order_id": 42})
root.critical("shutting down")
