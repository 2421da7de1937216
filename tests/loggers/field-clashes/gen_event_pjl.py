# python-json-logger 2.0.1: extra={'event': ...} beside the message
import logging, sys
from pythonjsonlogger import jsonlogger
h = logging.StreamHandler(sys.stdout); h.setFormatter(jsonlogger.JsonFormatter('%(asctime)s %(levelname)s %(name)s %(message)s'))
l = logging.getLogger('billing'); l.handlers = [h]; l.setLevel(logging.INFO)
l.info('user signed up', extra={'event': 'signup', 'user_id': 5})
l.error('charge failed', extra={'event': 'payment.charge', 'amount': 10})
