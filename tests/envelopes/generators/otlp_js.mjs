// Writes OTLP/JSON logs batches with the OpenTelemetry JS SDK's own serialiser
// (@opentelemetry/otlp-transformer's JsonLogsSerializer), one ExportLogsServiceRequest per line.
// Run from a directory where @opentelemetry/{sdk-logs,otlp-transformer,resources,api-logs} are
// installed (see README.md beside this file): node otlp_js.mjs > ../otlp-js.jsonl
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { JsonLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SeverityNumber } from '@opentelemetry/api-logs';

// A processor that keeps the records: the serialiser, not an exporter's transport, is under test.
const records = [];
const keeper = { onEmit: (r) => records.push(r), forceFlush: async () => {}, shutdown: async () => {} };
const provider = new LoggerProvider({
  resource: resourceFromAttributes({ 'service.name': 'checkout', 'deployment.environment': 'test' }),
  processors: [keeper],
});
const base = 1714557600000; // 2024-05-01T10:00:00Z, fixed so the fixture is reproducible
const http = provider.getLogger('checkout.http', '1.2.0');
const db = provider.getLogger('checkout.db');
const emit = (logger, ms, severityNumber, severityText, body, attributes) =>
  logger.emit({ timestamp: base + ms, observedTimestamp: base + ms + 1, severityNumber, severityText, body, attributes });

emit(http, 0, SeverityNumber.INFO, 'INFO', 'request served', { 'http.method': 'GET', 'http.status_code': 200, duration_ms: 12.5 });
emit(http, 10, SeverityNumber.DEBUG, 'DEBUG', 'cache lookup', { hit: true });
emit(db, 20, SeverityNumber.WARN, 'WARN', 'slow query', { rows: 1200, tables: ['orders', 'items'] });
emit(db, 30, SeverityNumber.ERROR, undefined, 'connection lost', { 'exception.type': 'Error', 'exception.message': 'ECONNRESET' });
emit(http, 40, SeverityNumber.FATAL, 'FATAL', { event: 'shutdown', code: 3 }, {});

// Two batches: the first three records, then the rest, as an exporter would send them.
for (const batch of [records.slice(0, 3), records.slice(3)]) {
  process.stdout.write(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(batch)) + '\n');
}
