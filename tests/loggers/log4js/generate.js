// log4js: JSON through the custom-layout recipe of log4js' documentation (addLayout returning
// JSON.stringify(logEvent)), category loggers, a context field, and an Error logged by the
// category with enableCallStack, so the event carries the error's frames in `callStack`
// (JSON.stringify writes the Error object itself as {}).
const log4js = require('log4js');
const { placeOrder, started, request } = require('../story'); // the story every fixture tells

log4js.addLayout('json', (config) => (logEvent) => JSON.stringify(logEvent) + config.separator);
log4js.configure({
  appenders: { out: { type: 'stdout', layout: { type: 'json', separator: '' } } },
  categories: {
    default: { appenders: ['out'], level: 'trace' },
    'app.http': { appenders: ['out'], level: 'trace', enableCallStack: true },
  },
});

const log = log4js.getLogger('app');
const http = log4js.getLogger('app.http');
http.addContext('order_id', 42);

log.trace('entering main');
log.debug('cache warmed');
log.info('service started', started);
http.info('request handled', { req: request, status: 200 });
log.warn('slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error('order failed', err);
}
log.fatal('shutting down');
log4js.shutdown();
