import { Catch, Controller, Get, Logger } from '@nestjs/common';
import type {
  ArgumentsHost,
  ExceptionFilter,
  INestApplication,
  INestMicroservice,
  LoggerService,
  Type,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import type { ClientProxy } from '@nestjs/microservices';
import { throwError } from 'rxjs';
import request from 'supertest';
import { CiamErrorsModule, CiamException, CiamExceptionFilter } from '../lib/index.js';
import type { CiamErrorInfo } from '../lib/index.js';
import { call, startMicroservice, tcpClient } from './fixtures/microservices.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

// Two apps in one process: A maps the errors of its payment provider through `extract`, B does
// not and has its own filter for them. Neither app's options may change the other's filters.

/** An error of a payment provider, with fields a client must never see. */
class PaymentError extends Error {
  readonly cardLast4 = '4242';
}

/** An error that only app A's `extract` recognizes, and that no filter of B knows. */
class LegacyError extends Error {
  readonly legacyCiamCode = 'FailedOperation.UserNotFound';
  readonly internalNote = 'legacy internal note';
}

/** App A's extractor: payment errors are a CIAM limit, legacy errors carry their code. */
function extract(error: unknown): CiamErrorInfo | undefined {
  if (error instanceof PaymentError) return { code: 'LimitExceeded' };
  if (error instanceof LegacyError) return { code: error.legacyCiamCode };
  return undefined;
}

/** App B's own filter for payment errors, over HTTP (402) and RPC. */
@Catch(PaymentError)
class PaymentFilter implements ExceptionFilter {
  catch(_exception: PaymentError, host: ArgumentsHost): unknown {
    if (host.getType() === 'rpc') {
      return throwError(() => ({ status: 'error', code: 'PaymentRequired' }));
    }
    const response = host.switchToHttp().getResponse();
    (response as { status(code: number): { send(body: unknown): void } })
      .status(402)
      .send({ handledBy: 'payment-filter' });
    return undefined;
  }
}

/**
 * A `CiamException` whose `code` is a valid code on the first read and something else after:
 * the filter's matcher and its mapper read it at different times.
 */
function shiftyCiamException(later: () => unknown): CiamException {
  const error = new CiamException('FailedOperation.UserNotFound', {
    upstreamMessage: 'upstream secret',
    params: { userId: 'u-secret' },
  });
  let reads = 0;
  Object.defineProperty(error, 'code', {
    get: () => (reads++ === 0 ? 'FailedOperation.UserNotFound' : later()),
  });
  return error;
}

const throwingLater = () => {
  throw new Error('code read twice');
};
/** A value whose `length` throws: resolving the code throws inside the mapper. */
const hostileLater = () =>
  Object.defineProperty({}, 'length', {
    get() {
      throw new Error('hostile length');
    },
  });

@Controller('pay')
class PayController {
  @Get('payment')
  payment(): never {
    throw new PaymentError('card declined');
  }

  @Get('legacy')
  legacy(): never {
    throw new LegacyError('legacy failure');
  }

  @Get('ciam')
  ciam(): never {
    throw new CiamException('FailedOperation.UserNotFound');
  }

  @Get('shifty-throwing')
  shiftyThrowing(): never {
    throw shiftyCiamException(throwingLater);
  }
}

@Controller()
class PayRpcController {
  @MessagePattern('payment')
  payment(): never {
    throw new PaymentError('card declined');
  }

  @MessagePattern('legacy')
  legacy(): never {
    throw new LegacyError('legacy failure');
  }

  @MessagePattern('ciam')
  ciam(): never {
    throw new CiamException('FailedOperation.UserNotFound');
  }

  @MessagePattern('shifty-throwing')
  shiftyThrowing(): never {
    throw shiftyCiamException(throwingLater);
  }

  @MessagePattern('shifty-hostile')
  shiftyHostile(): never {
    throw shiftyCiamException(hostileLater);
  }

  @MessagePattern('shifty-code')
  shiftyCode(): never {
    throw shiftyCiamException(() => 'AuthFailure.SignatureFailure');
  }
}

const silent: LoggerService = { log() {}, error() {}, warn() {}, debug() {} };

const appA = (controller: Type) => ({
  imports: [CiamErrorsModule.forRoot({ logger: silent, extract })],
  controllers: [controller],
});
const appB = (controller: Type) => ({
  imports: [CiamErrorsModule.forRoot({ logger: silent })],
  controllers: [controller],
  providers: [{ provide: APP_FILTER, useClass: PaymentFilter }],
});

/** What Nest's BaseRpcExceptionFilter answers for an error no filter handles. */
const NEST_RPC_UNKNOWN = { status: 'error', message: 'Internal server error' };
const NEST_HTTP_UNKNOWN = { statusCode: 500, message: 'Internal server error' };

describe.each(PLATFORMS)('two apps in one process over HTTP on $name', (platform) => {
  let a: INestApplication;
  let b: INestApplication;
  beforeAll(async () => {
    a = await startApp(platform, appA(PayController));
    b = await startApp(platform, appB(PayController));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it("app A's extract answers its payment and legacy errors", async () => {
    const payment = await request(a.getHttpServer()).get('/pay/payment');
    expect(payment.status).toBe(403);
    expect(JSON.parse(payment.text).code).toBe('LimitExceeded');
    const legacy = await request(a.getHttpServer()).get('/pay/legacy');
    expect(legacy.status).toBe(404);
    expect(legacy.text).not.toContain('legacy internal note');
  });

  it("app B's own @Catch(PaymentError) filter still receives payment errors", async () => {
    const res = await request(b.getHttpServer()).get('/pay/payment');
    expect(res.status).toBe(402);
    expect(res.body).toEqual({ handledBy: 'payment-filter' });
  });

  it("app B leaves an error only A's extract knows to Nest, and still answers CIAM errors", async () => {
    const legacy = await request(b.getHttpServer()).get('/pay/legacy');
    expect(legacy.status).toBe(500);
    expect(legacy.body).toEqual(NEST_HTTP_UNKNOWN);
    const ciam = await request(b.getHttpServer()).get('/pay/ciam');
    expect(ciam.status).toBe(404);
    expect(JSON.parse(ciam.text).code).toBe('FailedOperation.UserNotFound');
  });

  it('answers a CiamException whose code throws on a second read as Nest would', async () => {
    const res = await request(b.getHttpServer()).get('/pay/shifty-throwing');
    expect(res.status).toBe(500);
    expect(res.body).toEqual(NEST_HTTP_UNKNOWN);
    expect(res.text).not.toMatch(/secret/);
  });

  it('app.get(CiamExceptionFilter) is the filter each app registered', () => {
    const filterA = a.get(CiamExceptionFilter);
    const filterB = b.get(CiamExceptionFilter);
    expect(filterA).toBeInstanceOf(CiamExceptionFilter);
    expect(filterB).toBeInstanceOf(CiamExceptionFilter);
    expect(filterA.constructor).not.toBe(CiamExceptionFilter);
    expect(filterB.constructor).toBe(CiamExceptionFilter);
  });
});

describe('two apps in one process over TCP', () => {
  let a: INestMicroservice;
  let b: INestMicroservice;
  let clientA: ClientProxy;
  let clientB: ClientProxy;
  beforeAll(async () => {
    const startedA = await startMicroservice(appA(PayRpcController));
    const startedB = await startMicroservice(appB(PayRpcController));
    a = startedA.microservice;
    b = startedB.microservice;
    clientA = tcpClient(startedA.port);
    clientB = tcpClient(startedB.port);
  });
  afterAll(async () => {
    await clientA.close();
    await clientB.close();
    await b.close();
    await a.close();
  });

  it("app A's extract answers its payment and legacy errors", async () => {
    expect(await call(clientA, 'payment')).toEqual({
      ok: false,
      error: {
        status: 'error',
        statusCode: 403,
        code: 'LimitExceeded',
        message: expect.any(String),
      },
    });
    expect(await call(clientA, 'legacy')).toEqual({
      ok: false,
      error: expect.objectContaining({ statusCode: 404, code: 'FailedOperation.UserNotFound' }),
    });
  });

  it("app B's own filter still receives payment errors", async () => {
    expect(await call(clientB, 'payment')).toEqual({
      ok: false,
      error: { status: 'error', code: 'PaymentRequired' },
    });
  });

  it("app B answers an error only A's extract knows as Nest would: an error, not a reply", async () => {
    const answer = await call(clientB, 'legacy');
    expect(answer).toEqual({ ok: false, error: NEST_RPC_UNKNOWN });
    expect(JSON.stringify(answer)).not.toContain('legacy internal note');
  });

  it('app B still answers CIAM errors', async () => {
    expect(await call(clientB, 'ciam')).toEqual({
      ok: false,
      error: expect.objectContaining({ statusCode: 404, code: 'FailedOperation.UserNotFound' }),
    });
  });

  it('never replies with success to a CiamException whose code throws on a second read', async () => {
    const answer = await call(clientB, 'shifty-throwing');
    expect(answer).toEqual({ ok: false, error: NEST_RPC_UNKNOWN });
    expect(JSON.stringify(answer)).not.toMatch(/secret/);
  });

  it('never replies with success to a CiamException whose code turns hostile', async () => {
    const answer = await call(clientB, 'shifty-hostile');
    expect(answer.ok).toBe(false);
    expect(JSON.stringify(answer)).not.toMatch(/secret/);
  });

  it('answers a code that changed to another valid code by the code it resolved to', async () => {
    const answer = await call(clientB, 'shifty-code');
    expect(answer).toEqual({
      ok: false,
      error: expect.objectContaining({ statusCode: 500, code: 'InternalServerError' }),
    });
    expect(JSON.stringify(answer)).not.toMatch(/secret/);
  });
});

// Keep the Nest logger quiet.
Logger.overrideLogger(false);
