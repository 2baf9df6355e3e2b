// The OpenTelemetry SDK of the `*-otel-*` variants, started as an app's tracing.ts is: before
// Nest or an HTTP server is loaded (server.ts imports the app only afterwards), so that the HTTP
// instrumentation wraps every request in a server span. Both variants run under it; they differ
// only in the module's `telemetry` option, so that their ratio is the cost of our recording.
import http from 'node:http';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** A reader nobody collects from: counts are aggregated in memory, as between two exports. */
class IdleReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export function startBenchTelemetry(): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  // Spans are recorded (sampled, events kept), then dropped when they end: an exporter would
  // cost both variants the same, and add only noise.
  const spanProcessors = [new NoopSpanProcessor()];
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors }));
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new IdleReader()] }));
  registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
}

/**
 * Throws unless the HTTP instrumentation wrapped `http.Server`: it does so when a module
 * requires `http` after `startBenchTelemetry`, which the app's platform does.
 */
export function assertHttpInstrumented(): void {
  if (!(http.Server.prototype.emit as { __wrapped?: boolean }).__wrapped) {
    throw new Error('the HTTP instrumentation did not patch http.Server');
  }
}
