// bunyan: numeric levels, ISO time, `v`, a child logger (bunyan keeps the parent's `name` and
// adds the child's fields), and `err` serialized with its stack by the standard serializer.
const bunyan = require('bunyan');

const log = bunyan.createLogger({
  name: 'app', level: 'debug', hostname: 'fixture-host', serializers: bunyan.stdSerializers,
});

function chargeCard(amount) {
  throw new Error(`payment declined for ${amount}`);
}
function placeOrder(id) {
  chargeCard(id * 10);
}

log.debug('cache warmed');
log.info({ port: 8080, config: { region: 'eu-west-1', replicas: 3 } }, 'service started');
const http = log.child({ component: 'http' });
http.info({ req_info: { method: 'GET', path: '/orders/42' }, status: 200 }, 'request handled');
log.warn({ duration_ms: 1250 }, 'slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error({ err, order_id: 42 }, 'order failed');
}
log.fatal('shutting down');
