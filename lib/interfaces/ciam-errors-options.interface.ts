import type { ArgumentsHost, LoggerService } from '@nestjs/common';
import type { CiamErrorInfo } from './ciam-error-info.interface.js';
import type {
  CiamErrorOverrideMap,
  CiamUncataloguedOverrideMap,
} from './ciam-error-override.interface.js';
import type { CiamProblem } from './ciam-problem.interface.js';
import type { CiamTelemetryOptions } from './ciam-telemetry-options.interface.js';

/**
 * Response body format: RFC 9457 problem details, NestJS 12's own error body
 * (`{ message, error, statusCode, errorCode }`, `errorCode` the public code, plus `requestId`),
 * or a synchronous
 * function of a frozen copy of the problem. A function that throws or returns a promise (which
 * would be sent as `{}`) is logged, and the client gets the generic 500 problem instead.
 * @publicApi
 */
export type CiamResponseFormat =
  'problem' | 'nest' | ((problem: CiamProblem, host: ArgumentsHost) => unknown);

/**
 * Options of `CiamErrorsModule.forRoot()` / `forRootAsync()`.
 *
 * @example
 * CiamErrorsModule.forRoot({
 *   overrides: { 'FailedOperation.UserNotFound': 401 },
 *   defaultLocale: 'zh-CN',
 *   typeBaseUrl: 'https://errors.example.com/ciam',
 * });
 * @publicApi
 */
export interface CiamErrorsModuleOptions {
  /** App-wide overrides, same shape as `@CiamErrorMap`'s map. */
  overrides?: CiamErrorOverrideMap;
  /** App-wide overrides for codes outside the catalog (escape hatch). */
  uncataloguedOverrides?: CiamUncataloguedOverrideMap;
  /** `{ [locale]: { [code]: text } }`: replace built-in texts or add locales. */
  messages?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * `{ [locale]: { [status]: title } }`: the reason phrases (`title` of a problem, `error` of the
   * `'nest'` format) of a locale added through `messages`, or replacements of built-in ones.
   * Without one, a status gets the title of the next locale of the chain (`defaultLocale`, `en`).
   *
   * @example
   * titles: { fr: { 404: 'Introuvable', 409: 'Conflit', 500: 'Erreur interne' } },
   */
  titles?: Readonly<Record<string, Readonly<Record<number, string>>>>;
  /** Locale used when nothing else matches. Default `'en'`. */
  defaultLocale?: string;
  /**
   * Picks the locale of the caller; wins over Accept-Language when it returns a supported
   * locale. `caller` is what identifies the caller in each context:
   * - HTTP: the request (Express or Fastify);
   * - GraphQL: the HTTP request behind the operation (the context's `req`), else the GraphQL
   *   context;
   * - gRPC: the call's `Metadata`;
   * - other microservice transports: their context (`TcpContext`, `NatsContext`, `RmqContext`…);
   *   TCP carries no headers, so the locale can come from the message
   *   (`host.switchToRpc().getData()`);
   * - WebSocket: the client socket (socket.io's `client.handshake`; for `ws`, whatever the app
   *   kept on it when it connected).
   *
   * `host` is the call's `ArgumentsHost` (absent when `CiamErrorMapper.resolve` is called
   * without one). Synchronous: it runs while the error is answered, so a Promise (an `async`
   * function) is not awaited: it counts as a failure, is ignored and is logged once. A throw is
   * logged and ignored too; either way the locale comes from Accept-Language.
   *
   * @example
   * resolveLocale: (caller, host) =>
   *   host?.getType() === 'rpc'
   *     ? host.switchToRpc().getData<{ locale?: string }>()?.locale
   *     : (caller as { headers?: Record<string, string> }).headers?.['x-locale'],
   */
  resolveLocale?: (caller: unknown, host?: ArgumentsHost) => string | undefined;
  /** Status for codes that are neither known nor under a known prefix. Default `502`. */
  fallbackStatus?: number;
  /** Adds `upstreamMessage` to response bodies. Development only. Default `false`. */
  exposeUpstreamMessage?: boolean;
  /** Response body format. Default `'problem'`. */
  format?: CiamResponseFormat;
  /** When set, `type` is `${typeBaseUrl}/${code}`. */
  typeBaseUrl?: string;
  /**
   * Called for every handled error, for metrics and tracing, with a frozen copy of the problem:
   * it cannot change the answer. A hook that throws is logged; a promise it returns is not
   * waited for, and its rejection is logged.
   */
  onError?: (problem: CiamProblem, error: unknown, host: ArgumentsHost) => void | Promise<void>;
  /**
   * `false` to silence, or any `LoggerService`. Default: Nest `Logger` ('CiamErrors'). A method
   * that is missing or throws is skipped; a promise one returns is not waited for, and its
   * rejection is logged once (through `error`, whose own rejection is dropped).
   */
  logger?: LoggerService | false;
  /**
   * `false`: the app applies `CiamExceptionFilter` itself. Read when the module is built, so with
   * `forRootAsync` pass it to `forRootAsync()` itself, not from the factory. Default `true`.
   */
  registerFilter?: boolean;
  /**
   * Consulted before the built-in extractors, for the module's own filter and mapper only.
   * Synchronous: a promise it returns counts as "not a CIAM error" (and is logged by the mapper);
   * a throw too.
   */
  extract?: (error: unknown) => CiamErrorInfo | undefined;
  /**
   * OpenTelemetry traces and metrics of handled errors, when the app has `@opentelemetry/api`
   * installed (an optional peer dependency, loaded when the module starts). Both default to
   * `true`; without the package, nothing is recorded.
   */
  telemetry?: CiamTelemetryOptions;
  /**
   * The hostnames of your CIAM tenant hosts (no scheme or port; `*.` for a wildcard), whose OAuth
   * errors (openid-client, oauth4webapi, axios) are CIAM's: an OAuth error of any other host the
   * app talks to (GitHub, Google) is left to the app's own filters. Default
   * `['*.tencentciam.com']`; a tenant on a custom domain lists it.
   *
   * @example
   * authHosts: ['acme.portal.tencentciam.com', 'login.acme.com'],
   */
  authHosts?: readonly string[];
}
