// winston: the documented JSON set-up, format.combine(errors({ stack: true }), timestamp(),
// json()), on npm levels (silly … error) with named loggers from winston's container, an Error
// logged with its stack, and a second logger on winston's syslog levels (emerg … debug).
const winston = require('winston');

function jsonLogger(name, levels) {
  return winston.loggers.add(name, {
    levels,
    level: 'silly' in levels ? 'silly' : 'debug',
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    defaultMeta: { logger: name },
    transports: [new winston.transports.Console()],
  });
}
const log = jsonLogger('app', winston.config.npm.levels);
const http = jsonLogger('app.http', winston.config.npm.levels);
const audit = jsonLogger('app.audit', winston.config.syslog.levels);

function chargeCard(amount) {
  throw new Error(`payment declined for ${amount}`);
}
function placeOrder(id) {
  chargeCard(id * 10);
}

log.debug('cache warmed');
log.verbose('config loaded');
log.info('service started', { port: 8080, config: { region: 'eu-west-1', replicas: 3 } });
http.http('request handled', { req: { method: 'GET', path: '/orders/42' }, status: 200 });
log.warn('slow response', { duration_ms: 1250 });
try {
  placeOrder(42);
} catch (err) {
  http.error('order failed', err);
}
log.silly('retry scheduled');
audit.notice('audit trail opened');
audit.crit('disk almost full', { free_mb: 12 });
audit.alert('replica lost', { replica: 'db-2' });
