// winston 3.19: errors({stack:true}) in several call shapes, cause, child/defaultMeta, splat, timestamp formats, logstash, custom levels
const winston = require('winston');
const { format, transports } = winston;
function mk(fmt, extra = {}) { return winston.createLogger({ level: 'silly', format: fmt, transports: [new transports.Console({ forceConsole: true })], ...extra }); }
const std = mk(format.combine(format.errors({ stack: true }), format.timestamp(), format.splat(), format.json()), { defaultMeta: { service: 'orders' } });
function fail() { const inner = new Error('socket hang up'); throw new Error('upstream failed', { cause: inner }); }
try { fail(); } catch (e) { std.error(e); }                       // error as the message
try { fail(); } catch (e) { std.error('checkout failed', e); }   // message + error as meta
try { fail(); } catch (e) { std.error('checkout failed: %s', e.message, { orderId: 9 }); }
try { fail(); } catch (e) { std.log({ level: 'error', message: 'log object with error', error: e }); }
try { fail(); } catch (e) { std.error({ message: e, orderId: 3 }); }
const child = std.child({ requestId: 'abc-123', module: 'payments' });
child.warn('child warning', { amount: 12.5 });
child.info('multi\nline\nmessage');
// timestamp formats
mk(format.combine(format.timestamp({ format: 'YYYY-MM-DD HH:mm:ss' }), format.json())).info('ts YYYY-MM-DD HH:mm:ss');
mk(format.combine(format.timestamp({ format: 'YYYY-MM-DD HH:mm:ss.SSS ZZ' }), format.json())).info('ts with ZZ');
mk(format.combine(format.timestamp({ format: () => Date.now() }), format.json())).info('ts epoch ms number');
mk(format.combine(format.timestamp({ format: 'X' }), format.json())).info('ts unix seconds string');
mk(format.combine(format.timestamp({ format: 'x' }), format.json())).info('ts unix ms string');
mk(format.combine(format.timestamp(), format.logstash())).info('logstash format', { user: 'u1' });
mk(format.combine(format.label({ label: 'billing' }), format.timestamp(), format.json())).info('with label');
mk(format.combine(format.label({ label: 'billing', message: true }), format.timestamp(), format.json())).info('label in message');
mk(format.combine(format.ms(), format.timestamp(), format.json())).info('with ms');
// syslog and custom levels
const sys = mk(format.combine(format.timestamp(), format.json()), { levels: winston.config.syslog.levels, level: 'debug' });
sys.emerg('sys emerg'); sys.alert('sys alert'); sys.crit('sys crit'); sys.notice('sys notice'); sys.warning('sys warning');
const cust = mk(format.combine(format.timestamp(), format.json()), { levels: { fatal: 0, error: 1, audit: 2, info: 3, trace: 4 }, level: 'trace' });
cust.fatal('custom fatal'); cust.audit('custom audit'); cust.trace('custom trace');
// uppercase level
mk(format.combine(format((i) => { i.level = i.level.toUpperCase(); return i; })(), format.timestamp(), format.json())).warn('upper warn');
// metadata nested & errors inside metadata
std.info('nested meta', { db: { host: 'x', password: 'p4ss' }, headers: { Authorization: 'Bearer xyz' } });
std.error('error nested in meta', { ctx: { err: new Error('deep') } });
