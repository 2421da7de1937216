// @elastic/ecs-winston-format: winston with ecsFormat(): `@timestamp`, `log.level`, `message`,
// `ecs.version`; an Error passed as `err` becomes ECS `error.stack_trace`; named loggers from
// winston's container carry their name in `log.logger` through defaultMeta.
const winston = require('winston');
const { ecsFormat } = require('@elastic/ecs-winston-format');

function ecsLogger(name) {
  return winston.loggers.add(name, {
    level: 'debug',
    format: ecsFormat(),
    defaultMeta: { log: { logger: name } },
    transports: [new winston.transports.Console()],
  });
}
const log = ecsLogger('app');
const http = ecsLogger('app.http');

function chargeCard(amount) {
  throw new Error(`payment declined for ${amount}`);
}
function placeOrder(id) {
  chargeCard(id * 10);
}

log.debug('cache warmed');
log.info('service started', { port: 8080, config: { region: 'eu-west-1', replicas: 3 } });
http.info('request handled', { req_info: { method: 'GET', path: '/orders/42' }, status: 200 });
log.warn('slow response', { duration_ms: 1250 });
try {
  placeOrder(42);
} catch (err) {
  http.error('order failed', { err, order_id: 42 });
}
