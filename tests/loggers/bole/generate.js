// bole: one JSON line per call with `time`, `hostname`, `pid`, `level`, `name`; a named
// sub-logger (`log('child')` makes `app:child`); an Error argument is serialized into `err`
// with its stack.
const bole = require('bole').default;

bole.output({ level: 'debug', stream: process.stdout });
const log = bole('app');
const http = log('http');

function chargeCard(amount) {
  throw new Error(`payment declined for ${amount}`);
}
function placeOrder(id) {
  chargeCard(id * 10);
}

log.debug('cache warmed');
log.info({ port: 8080, config: { region: 'eu-west-1', replicas: 3 } }, 'service started');
http.info({ req_info: { method: 'GET', path: '/orders/42' }, status: 200 }, 'request handled');
log.warn({ duration_ms: 1250 }, 'slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error(err, 'order failed');
}
