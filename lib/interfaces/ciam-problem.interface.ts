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
  /** CIAM's own message, for logs. */
  upstreamMessage?: string;
}

/**
 * Input of `CiamErrorMapper.resolve` besides the error.
 * @publicApi
 */
export interface CiamResolveContext {
  /** Locale to answer in; wins over everything else. */
  locale?: string;
  /** An Accept-Language header value, when there is no `request`. */
  acceptLanguage?: string;
  /** The HTTP request (Express or Fastify): read for `resolveLocale` and Accept-Language. */
  request?: unknown;
  /** Controller class whose `@CiamErrorMap` applies. */
  controller?: Function;
  /** Handler method whose `@CiamErrorMap` applies. */
  handler?: Function;
}
