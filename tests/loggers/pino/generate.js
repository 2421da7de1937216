// pino: the default JSON output (numeric levels, epoch-millisecond time), a child logger that
// adds its own `name` (pino then writes the key twice), extra fields, an error with a stack.
const pino = require('pino');

const log = pino(
  { name: 'app', level: 'debug', base: { pid: 4242, hostname: 'fixture-host' } },
  pino.destination({ dest: 1, sync: true }),
);

function chargeCard(amount) {
  throw new Error(`payment declined for ${amount}`);
}
function placeOrder(id) {
  chargeCard(id * 10);
}

log.debug('cache warmed');
log.info({ port: 8080, config: { region: 'eu-west-1', replicas: 3 } }, 'service started');
const http = log.child({ name: 'app.http' });
http.info({ req: { method: 'GET', path: '/orders/42' }, status: 200 }, 'request handled');
log.warn({ duration_ms: 1250 }, 'slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error({ err, order_id: 42 }, 'order failed');
}
log.fatal('shutting down');
