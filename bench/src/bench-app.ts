import 'reflect-metadata';
import { ConflictException, Controller, Get, Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { HttpExceptionFilter } from 'nest-problem-details-filter';
import { CiamErrorsModule, CiamException } from '../../lib/index.js';
import { SignInController, openidClientError, sdkException } from './fixtures.js';
import type { AdapterName, Variant } from './variants.js';

const SDK_ERROR = sdkException('FailedOperation.UserNameAlreadyExists');
const OPENID_CLIENT_ERROR = openidClientError();

/** The routes of every variant; both apps have all of them. */
@Controller()
export class BenchController {
  @Get('ok')
  ok(): { ok: boolean } {
    return { ok: true };
  }

  @Get('errors/nest-http')
  nestHttp(): never {
    throw new ConflictException('This user name is already taken.');
  }

  @Get('errors/ciam-exception')
  ciamException(): never {
    throw new CiamException('FailedOperation.UserNameAlreadyExists');
  }

  /**
   * The management API: the SDK's own exception. Made once: this pair measures what answering
   * costs, not the clients' constructors (openid-client's takes about 8 µs, the SDK's about 5).
   */
  @Get('errors/ciam-sdk')
  ciamSdk(): never {
    throw SDK_ERROR;
  }

  /** The authentication API: openid-client's error for the token endpoint's invalid_grant. */
  @Get('errors/openid-client')
  openidClient(): never {
    throw OPENID_CLIENT_ERROR;
  }
}

/** The same app with or without `CiamErrorsModule`, so that only the module differs. */
@Module({ controllers: [BenchController, SignInController] })
export class BenchAppModule {
  static register(variant: Variant): DynamicModule {
    const { withModule, telemetry } = variant;
    return {
      module: BenchAppModule,
      imports: withModule
        ? [CiamErrorsModule.forRoot({ logger: false, ...(telemetry && { telemetry }) })]
        : [],
    };
  }
}

/**
 * Creates the bench app on one platform, with Nest's logging off so that it is not measured.
 * The problem-details peer gets its filter as its README registers it: a global filter.
 */
export async function createBenchApp(
  variant: Variant,
  adapter: AdapterName,
): Promise<INestApplication> {
  const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(BenchAppModule.register(variant), httpAdapter, {
    logger: false,
  });
  if (variant.problemDetailsPeer) {
    app.useGlobalFilters(new HttpExceptionFilter(app.get(HttpAdapterHost)));
  }
  return app;
}
