// The few parts of @opentelemetry/api used here, typed structurally: the package is an optional
// peer dependency, so none of its types may appear in ours, and it is never imported statically.
export type OtelAttributes = Record<string, string | number>;
export interface OtelSpanContext {
  readonly traceId: string;
  readonly spanId: string;
}
export interface OtelSpan {
  isRecording(): boolean;
  addEvent(name: string, attributes: OtelAttributes): unknown;
  setStatus(status: { code: number }): unknown;
  spanContext(): OtelSpanContext;
}
export interface OtelObservableResult {
  observe(value: number, attributes: OtelAttributes): void;
}
export interface OtelMeterProvider {
  getMeter(name: string): {
    createObservableCounter(
      name: string,
      options: { description: string; unit: string },
    ): { addCallback(callback: (result: OtelObservableResult) => void): void };
  };
}
export interface OtelApi {
  trace: {
    getActiveSpan(): OtelSpan | undefined;
    isSpanContextValid(context: OtelSpanContext): boolean;
  };
  metrics: { getMeterProvider(): OtelMeterProvider };
}
