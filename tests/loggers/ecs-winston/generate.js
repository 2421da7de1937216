// @elastic/ecs-winston-format: winston with ecsFormat(): `@timestamp`, `log.level`, `message`,
// `ecs.version`; an Error passed as `err` becomes ECS `error.stack_trace`; named loggers from
// winston's container carry their name in `log.logger` through defaultMeta.
const winston = require('winston');
const { ecsFormat } = require('@elastic/ecs-winston-format');
const { placeOrder, started, request, slow } = require('../story'); // the story every fixture tells

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

log.debug('cache warmed');
log.info('service started', started);
http.info('request handled', { req_info: request, status: 200 });
log.warn('slow response', slow);
try {
  placeOrder(42);
} catch (err) {
  http.error('order failed', { err, order_id: 42 });
}
