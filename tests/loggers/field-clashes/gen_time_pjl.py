# python-json-logger 2.0.1: application extras named `time` (a duration) and `level` (a game level) beside asctime/levelname
import logging, sys
from pythonjsonlogger import jsonlogger
h = logging.StreamHandler(sys.stdout); h.setFormatter(jsonlogger.JsonFormatter('%(asctime)s %(levelname)s %(name)s %(message)s'))
l = logging.getLogger('jobs'); l.handlers = [h]; l.setLevel(logging.INFO)
l.info('job finished', extra={'time': 0.253, 'job': 'reindex'})
l.error('job failed', extra={'time': 12.5, 'job': 'export'})
l.info('player advanced', extra={'level': 3, 'player': 'p1'})
l.warning('low battery', extra={'level': 15})
