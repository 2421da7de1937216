// pino: the default JSON output (numeric levels, epoch-millisecond time), a child logger that
// adds its own `name` (pino then writes the key twice), extra fields, an error with a stack.
const pino = require('pino');
const { placeOrder, started, request, slow } = require('../story'); // the story every fixture tells

const log = pino(
  { name: 'app', level: 'debug', base: { pid: 4242, hostname: 'fixture-host' } },
  pino.destination({ dest: 1, sync: true }),
);

log.debug('cache warmed');
log.info(started, 'service started');
const http = log.child({ name: 'app.http' });
http.info({ req: request, status: 200 }, 'request handled');
log.warn(slow, 'slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error({ err, order_id: 42 }, 'order failed');
}
log.fatal('shutting down');
