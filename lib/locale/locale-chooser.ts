import type { ArgumentsHost } from '@nestjs/common';
import type { CiamResolveContext } from '../interfaces/ciam-problem.interface.js';
import { ignoreRejection } from '../utils/thenable.util.js';
import { acceptLanguageOf } from './accept-language-header.util.js';
import { LocaleNegotiator } from './locale-negotiator.js';

/** The app's `resolveLocale` option. */
type ResolveLocale = (caller: unknown, host?: ArgumentsHost) => string | undefined;

/** Where a failure of `resolveLocale` is reported (the mapper's `reportFailure`). */
type ReportFailure = (what: string, failure: unknown) => void;

/**
 * Chooses the locale of an answer, in this order:
 * 1. the `locale` the caller of `resolve` passed, when it stands for a supported locale;
 * 2. `resolveLocale(request, host)`, when it returns one;
 * 3. the `acceptLanguage` the transport handed over, else the Accept-Language of `request`,
 *    negotiated (quality values, `*`, `q=0`, subtags dropped, the Chinese aliases);
 * 4. `defaultLocale`.
 */
export class LocaleChooser {
  private readonly negotiator: LocaleNegotiator;
  /** Whether a thenable from `resolveLocale` was reported (once is enough). */
  private thenableReported = false;

  constructor(
    supported: readonly string[],
    defaultLocale: string,
    private readonly resolveLocale: ResolveLocale | undefined,
    private readonly reportFailure: ReportFailure,
  ) {
    this.negotiator = new LocaleNegotiator(supported, defaultLocale);
  }

  /** The supported locale a tag stands for (`'zh-hk'` → `'zh-TW'`), if any. */
  match(tag: string): string | undefined {
    return this.negotiator.match(tag);
  }

  choose(context: CiamResolveContext): string {
    const wanted: unknown = context.locale;
    if (typeof wanted === 'string' && wanted) {
      const locale = this.negotiator.match(wanted);
      if (locale) return locale;
    }
    const request: unknown = context.request;
    if (request && this.resolveLocale) {
      try {
        const chosen: unknown = this.resolveLocale(request, context.host);
        if (typeof chosen === 'string') {
          const locale = this.negotiator.match(chosen);
          if (locale) return locale;
        } else if (ignoreRejection(chosen)) {
          this.reportThenableOnce();
        }
      } catch (failure) {
        this.reportFailure('resolveLocale', failure);
      }
    }
    const given: unknown = context.acceptLanguage;
    const header =
      typeof given === 'string' ? given : request ? acceptLanguageOf(request) : undefined;
    return this.negotiator.fromAcceptLanguage(header);
  }

  /**
   * `resolveLocale` is synchronous: a Promise it returns is its failure. Its outcome is ignored
   * (and can never become an unhandled rejection); it is reported once.
   */
  private reportThenableOnce(): void {
    if (this.thenableReported) return;
    this.thenableReported = true;
    this.reportFailure(
      'resolveLocale',
      new Error(
        'resolveLocale returned a Promise (or another thenable), which is ignored: it must ' +
          'return the locale synchronously. Reported once.',
      ),
    );
  }
}
