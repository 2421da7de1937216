// @elastic/ecs-pino-format: pino with the Elastic Common Schema formatter: `@timestamp`,
// `log.level` (a name), `message`, `ecs.version`, the logger's name in `log.logger` (a child
// adds its bindings), and an Error in `err` moved to ECS `error.type`, `error.message` and
// `error.stack_trace`.
const pino = require('pino');
const { ecsFormat } = require('@elastic/ecs-pino-format');
const { placeOrder, started, request, slow } = require('../story'); // the story every fixture tells

const log = pino(
  { ...ecsFormat(), name: 'app', level: 'debug', base: { pid: 4242, hostname: 'fixture-host' } },
  pino.destination({ dest: 1, sync: true }),
);

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
