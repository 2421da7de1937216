// @elastic/ecs-pino-format: pino with the Elastic Common Schema formatter: `@timestamp`,
// `log.level` (a name), `message`, `ecs.version`, the logger's name in `log.logger` (a child
// adds its bindings), and an Error in `err` moved to ECS `error.type`, `error.message` and
// `error.stack_trace`.
const pino = require('pino');
const { ecsFormat } = require('@elastic/ecs-pino-format');

const log = pino(
  { ...ecsFormat(), name: 'app', level: 'debug', base: { pid: 4242, hostname: 'fixture-host' } },
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
const http = log.child({ component: 'http' });
http.info({ req_info: { method: 'GET', path: '/orders/42' }, status: 200 }, 'request handled');
log.warn({ duration_ms: 1250 }, 'slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error({ err, order_id: 42 }, 'order failed');
}
log.fatal('shutting down');
