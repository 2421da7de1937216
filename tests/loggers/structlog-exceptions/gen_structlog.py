"""structlog's dict_tracebacks with a SyntaxError: the exception list then holds `syntax_error`
(the file, line, offset and message of the code that did not compile).
usage: /usr/bin/python3 gen_structlog.py > structlog-syntax-error.jsonl"""
import structlog

structlog.configure(
    processors=[
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.dict_tracebacks,
        structlog.processors.JSONRenderer(),
    ],
)
log = structlog.get_logger()


def load_rule(source):
    return compile(source, "rules/discount.py", "exec")


try:
    load_rule("if order:\n    total = = 42\n")
except SyntaxError:
    log.exception("rule not loaded", rule="discount")
