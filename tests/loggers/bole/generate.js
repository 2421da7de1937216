// bole: one JSON line per call with `time`, `hostname`, `pid`, `level`, `name`; a named
// sub-logger (`log('child')` makes `app:child`); an Error argument is serialized into `err`
// with its stack.
const bole = require('bole').default;
const { placeOrder, started, request, slow } = require('../story'); // the story every fixture tells

bole.output({ level: 'debug', stream: process.stdout });
const log = bole('app');
const http = log('http');

log.debug('cache warmed');
log.info(started, 'service started');
http.info({ req_info: request, status: 200 }, 'request handled');
log.warn(slow, 'slow response');
try {
  placeOrder(42);
} catch (err) {
  http.error(err, 'order failed');
}
