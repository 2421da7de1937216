// tslog 5: `type: "json"` output: `message`, `level`, `levelId`, `time`, the logger name and
// the runtime in `_logMeta`, and an Error argument becomes `error` {name, message, stack}
// whose `stack` is a parsed array of frames. A sub-logger names the child (`http`, parent `app`).
const { Logger } = require('tslog');

const log = new Logger({ type: 'json', name: 'app', minLevel: 0 });
const http = log.getSubLogger({ name: 'http' });

function chargeCard(amount) {
  throw new Error(`payment declined for ${amount}`);
}
function placeOrder(id) {
  chargeCard(id * 10);
}

log.trace('entering main');
log.debug('cache warmed');
log.info('service started', { port: 8080, config: { region: 'eu-west-1', replicas: 3 } });
http.info('request handled', { req: { method: 'GET', path: '/orders/42' }, status: 200 });
log.warn('slow response', { duration_ms: 1250 });
try {
  placeOrder(42);
} catch (err) {
  http.error('order failed', err);
}
log.fatal('shutting down');
