import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import {
  CIAM_ERRORS_OPTIONS_TYPE,
  CIAM_ERRORS_RAW_OPTIONS,
  CiamErrorsConfigurableModule,
} from './ciam-errors.module-definition.js';
import { CIAM_ERRORS_OPTIONS, CIAM_TELEMETRY } from './ciam-errors.constants.js';
import { CiamExceptionFilter, createCiamExceptionFilter } from './filters/ciam-exception.filter.js';
import { CiamErrorMapReview } from './mapper/ciam-error-map-review.js';
import { CiamErrorMapper } from './mapper/ciam-error-mapper.service.js';
import { CiamErrorsConfigError } from './options/ciam-errors-config.error.js';
import { resolveCiamErrorsOptions } from './options/module-options.util.js';
import type { ResolvedCiamErrorsOptions } from './options/module-options.util.js';
import { CiamTelemetry } from './telemetry/ciam-telemetry.js';

/**
 * Maps CIAM errors to HTTP answers app-wide.
 *
 * `forRoot(options?)` or `forRootAsync({ imports, inject, useFactory | useClass | useExisting })`;
 * both take `isGlobal` and `registerFilter` (default `true`: `CiamExceptionFilter` becomes a
 * global filter). Invalid options fail the application's start, naming the option.
 *
 * @example
 * @Module({
 *   imports: [CiamErrorsModule.forRoot({ defaultLocale: 'zh-CN' })],
 * })
 * export class AppModule {}
 * @publicApi
 */
@Module({
  // DiscoveryService, for the start-up review of the app's @CiamErrorMap maps.
  imports: [DiscoveryModule],
  providers: [
    {
      provide: CIAM_ERRORS_OPTIONS,
      inject: [CIAM_ERRORS_RAW_OPTIONS],
      useFactory: (raw: unknown) => {
        if (raw && typeof raw === 'object' && 'registerFilter' in raw) {
          throw new CiamErrorsConfigError(
            'CiamErrorsModule: registerFilter must be passed to forRootAsync() itself, not returned by its factory.',
          );
        }
        return resolveCiamErrorsOptions(raw ?? {});
      },
    },
    // Async, so that the optional @opentelemetry/api is imported once, at start-up, and never
    // while an error is answered; `undefined` (nothing recorded) without it.
    {
      provide: CIAM_TELEMETRY,
      inject: [CIAM_ERRORS_OPTIONS],
      useFactory: (options: ResolvedCiamErrorsOptions) => CiamTelemetry.create(options.telemetry),
    },
    CiamErrorMapper,
    // Made by a factory: with `extract`, a subclass whose @Catch matcher knows this app's
    // extractor (APP_FILTER is an alias of this token, so there is one instance).
    {
      provide: CiamExceptionFilter,
      inject: [CiamErrorMapper, HttpAdapterHost],
      useFactory: createCiamExceptionFilter,
    },
    CiamErrorMapReview,
  ],
  exports: [CIAM_ERRORS_OPTIONS, CiamErrorMapper, CiamExceptionFilter],
})
export class CiamErrorsModule extends CiamErrorsConfigurableModule {
  /** Every option is optional: `CiamErrorsModule.forRoot()` uses the catalog as is. */
  static override forRoot(options: typeof CIAM_ERRORS_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
