#!/usr/bin/python3
"""Writes loguru's serialize=True records (Debian 12: python3-loguru 0.6.0): info, debug, a
bound logger with extra fields, a warning and an exception with its traceback.
Run: /usr/bin/python3 loguru_serialize.py > ../loguru-serialize.jsonl"""
import datetime
import sys

from loguru import logger

# A fixed clock, so the fixture is reproducible: loguru reads the time when it makes a record.
BASE = datetime.datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=datetime.timezone.utc)
tick = iter(range(100))


def fixed_time(record):
    record["time"] = BASE + datetime.timedelta(milliseconds=next(tick))
    record["elapsed"] = datetime.timedelta(0)
    record["process"].id = 4242
    record["thread"].id = 1
    record["file"].path = "app/" + record["file"].name


logger.remove()
logger.configure(patcher=fixed_time)
logger.add(sys.stdout, serialize=True, level="TRACE", backtrace=False, diagnose=False)

logger.info("service started")
logger.debug("config read from {}", "/etc/app.toml")
logger.bind(user="alice", request_id="r-17").warning("quota almost used")


def divide(a, b):
    return a / b


try:
    divide(1, 0)
except ZeroDivisionError:
    logger.exception("division failed")
logger.bind(component="db").error("connection lost")
