// tslog 5: `type: "json"` output: `message`, `level`, `levelId`, `time`, the logger name and
// the runtime in `_logMeta`, and an Error argument becomes `error` {name, message, stack}
// whose `stack` is a parsed array of frames. A sub-logger names the child (`http`, parent `app`).
const { Logger } = require('tslog');
const { placeOrder, started, request, slow } = require('../story'); // the story every fixture tells

const log = new Logger({ type: 'json', name: 'app', minLevel: 0 });
const http = log.getSubLogger({ name: 'http' });

log.trace('entering main');
log.debug('cache warmed');
log.info('service started', started);
http.info('request handled', { req: request, status: 200 });
log.warn('slow response', slow);
try {
  placeOrder(42);
} catch (err) {
  http.error('order failed', err);
}
log.fatal('shutting down');
