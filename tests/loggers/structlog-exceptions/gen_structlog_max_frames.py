"""structlog's ExceptionDictTransformer with max_frames: a stack deeper than that keeps its first
and last max_frames // 2 frames, with a placeholder frame between them (filename "", lineno -1,
name "Skipped frames: N").
usage: /usr/bin/python3 gen_structlog_max_frames.py > structlog-max-frames.jsonl"""
import structlog
from structlog.tracebacks import ExceptionDictTransformer

structlog.configure(
    processors=[
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.ExceptionRenderer(ExceptionDictTransformer(show_locals=False, max_frames=4)),
        structlog.processors.JSONRenderer(),
    ],
)
log = structlog.get_logger()


def walk(depth):
    if depth == 0:
        raise RecursionError("tree too deep")
    return walk(depth - 1)


try:
    walk(6)
except RecursionError:
    log.exception("category tree not built", root="books")
