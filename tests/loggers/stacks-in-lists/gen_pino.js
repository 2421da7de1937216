// pino 10: errors with cause, AggregateError, error as merging object, err alone
const pino = require('pino');
const log = pino({ name: 'app', base: { pid: 1 } }, pino.destination({ dest: 1, sync: true }));
function db() { throw new Error('connection refused'); }
function repo() { try { db(); } catch (e) { throw new Error('query failed', { cause: e }); } }
function svc() { try { repo(); } catch (e) { throw new TypeError('order lookup failed', { cause: e }); } }
try { svc(); } catch (err) { log.error({ err, order_id: 7 }, 'order failed'); }
try { svc(); } catch (err) { log.error(err, 'order failed (err as object)'); }
try { svc(); } catch (err) { log.error(err); }
const agg = new AggregateError([new Error('a failed'), new RangeError('b failed')], 'all failed');
log.error({ err: agg }, 'aggregate');
const e2 = new Error('with code'); e2.code = 'ECONNRESET'; e2.errno = -104; e2.details = { host: 'db1', port: 5432 };
log.warn({ err: e2 }, 'retrying');
log.error({ error: new Error('under error key') }, 'error key');
