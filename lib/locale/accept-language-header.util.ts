/**
 * The Accept-Language header of whatever a transport hands over: an HTTP request or a
 * WebSocket handshake (`{ headers }`), a bare headers record, or gRPC `Metadata` (its
 * `accept-language` entries, joined as one header). The one place the header is read; a value
 * that cannot be read is no header.
 */
export function acceptLanguageOf(source: unknown): string | undefined {
  try {
    if (typeof source !== 'object' || source === null) return undefined;
    const { get } = source as { get?: unknown };
    if (
      typeof get === 'function' &&
      typeof (source as { getMap?: unknown }).getMap === 'function'
    ) {
      const values = (get.call(source, 'accept-language') as unknown[]).filter(
        (value): value is string => typeof value === 'string',
      );
      return values.length === 0 ? undefined : values.join(', ');
    }
    const headers: unknown = (source as { headers?: unknown }).headers ?? source;
    if (typeof headers !== 'object' || headers === null) return undefined;
    const value: unknown = (headers as Record<string, unknown>)['accept-language'];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
