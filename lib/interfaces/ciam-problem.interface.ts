import type { ArgumentsHost } from '@nestjs/common';

/**
 * What `CiamErrorMapper.resolve` returns: everything needed to answer a CIAM error.
 * @publicApi
 */
export interface CiamProblem {
  /** HTTP status to send. */
  status: number;
  /** Public code: what the client sees. */
  code: string;
  /** The code CIAM sent, for logs; never sent to clients unless exposed. */
  upstreamCode?: string;
  /** Localized reason phrase of `status` ("Conflict", "冲突"). */
  title: string;
  /** Localized client message, never empty. */
  detail: string;
  /** The locale actually used for `detail`. */
  locale: string;
  /** `'about:blank'` or `${typeBaseUrl}/${code}`. */
  type: string;
  /** Whether retrying the same request can succeed. */
  retryable: boolean;
  /** Whole seconds, set for retryable 429 and 503 (and where an override sets it). */
  retryAfter?: number;
  /** Upstream RequestId. */
  requestId?: string;
  /** Upstream trace id (`X-TC-TraceId`). */
  traceId?: string;
  /** CIAM's own message, for logs (`error_description` for the authentication API). */
  upstreamMessage?: string;
  /**
   * Set for errors of the authentication API: the tenant host's endpoint that answered
   * (`token`, `userinfo`, …, `other`). Such answers never carry `upstreamMessage` to a client.
   */
  endpoint?: string;
  /** The HTTP status the tenant host answered with, for logs. */
  upstreamStatus?: number;
  /**
   * The `WWW-Authenticate` value of the answer: `Bearer error="invalid_token"` (401) or
   * `Bearer error="insufficient_scope"` (403), nothing of the upstream's own (RFC 6750 §3).
   */
  wwwAuthenticate?: string;
}

/**
 * Input of `CiamErrorMapper.resolve` besides the error.
 * @publicApi
 */
export interface CiamResolveContext {
  /** Locale to answer in; wins over everything else. */
  locale?: string;
  /** An Accept-Language header value; wins over the one in `request`'s headers. */
  acceptLanguage?: string;
  /**
   * What identifies the caller, handed to `resolveLocale`, and whose `headers` give an
   * Accept-Language when `acceptLanguage` is absent: the HTTP request (Express or Fastify). The
   * filter passes the HTTP request behind a GraphQL operation, the gRPC `Metadata`, the
   * WebSocket client, or the context of other transports (`TcpContext`…).
   */
  request?: unknown;
  /** The call's `ArgumentsHost`, handed to `resolveLocale` as its second argument. */
  host?: ArgumentsHost;
  /** Controller class whose `@CiamErrorMap` applies. */
  controller?: Function;
  /** Handler method whose `@CiamErrorMap` applies. */
  handler?: Function;
}
