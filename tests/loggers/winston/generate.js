// winston: the documented JSON set-up, format.combine(errors({ stack: true }), timestamp(),
// json()), on npm levels (silly … error) with named loggers from winston's container, an Error
// logged with its stack, and a second logger on winston's syslog levels (emerg … debug).
const winston = require('winston');
const { placeOrder, started, request, slow } = require('../story'); // the story every fixture tells

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

log.debug('cache warmed');
log.verbose('config loaded');
log.info('service started', started);
http.http('request handled', { req: request, status: 200 });
log.warn('slow response', slow);
try {
  placeOrder(42);
} catch (err) {
  http.error('order failed', err);
}
log.silly('retry scheduled');
audit.notice('audit trail opened');
audit.crit('disk almost full', { free_mb: 12 });
audit.alert('replica lost', { replica: 'db-2' });
