// pino 10 and winston 3.19: an application field named `event`, `data`, `name`, `logger`, `severity`, `timestamp` beside the library's own keys
const pino = require('pino');
const winston = require('winston');
const log = pino({ base: undefined, name: 'api' }, pino.destination({ dest: 1, sync: true }));
log.info({ event: 'user.signup', userId: 5 }, 'user signed up');
log.info({ event: { type: 'click', target: 'buy' } }, 'ui event received');
log.info({ data: ['row1', 'row2'] }, 'rows fetched');
log.warn({ logger: 'legacy-field' }, 'has a logger field');
log.error({ severity: 'low', ticket: 9 }, 'incident opened');
log.info({ timestamp: '2020-01-01T00:00:00Z', action: 'backfill' }, 'backfill record');
log.info({ stack: ['a', 'b'] }, 'a stack data structure');
log.info({ exception: 'none' }, 'exception field is text');
const w = winston.createLogger({ format: winston.format.combine(winston.format.timestamp(), winston.format.json()), transports: [new winston.transports.Console({ forceConsole: true })] });
w.info('winston user signed up', { event: 'user.signup' });
w.error('winston incident', { severity: 'low' });
