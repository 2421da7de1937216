// bunyan: numeric levels, ISO time, `v`, a child logger (bunyan keeps the parent's `name` and
// adds the child's fields), and `err` serialized with its stack by the standard serializer.
const bunyan = require('bunyan');
const { placeOrder, started, request, slow } = require('../story'); // the story every fixture tells

const log = bunyan.createLogger({
  name: 'app', level: 'debug', hostname: 'fixture-host', serializers: bunyan.stdSerializers,
});

log.debug('cache warmed');
log.info(started, 'service started');
const http = log.child({ component: 'http' });
http.info({ req_info: request, status: 200 }, 'request handled');
log.warn(slow, 'slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error({ err, order_id: 42 }, 'order failed');
}
log.fatal('shutting down');
