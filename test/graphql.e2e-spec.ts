import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ConflictException, Injectable, Logger, UseGuards } from '@nestjs/common';
import type {
  CanActivate,
  ExecutionContext,
  INestApplication,
  ModuleMetadata,
} from '@nestjs/common';
import {
  Args,
  Field,
  GqlExecutionContext,
  GraphQLModule,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import request from 'supertest';
import { CiamErrorMap, CiamErrorPresets, CiamErrorsModule } from '../lib/index.js';
import type { CiamErrorsModuleOptions } from '../lib/index.js';
import { loadApolloDriver } from './fixtures/apollo-express.js';
import { loadMercuriusDriver } from './fixtures/mercurius.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';
import {
  CASES,
  CLASS_MAP,
  LOCALES,
  METHOD_MAP,
  OPTIONS,
  requestIdOf,
  UPSTREAM_SECRET,
  ciamError,
  expected,
  logged,
} from './fixtures/transport-cases.js';

// Real GraphQL servers over HTTP on 127.0.0.1: Apollo on Express and Mercurius on Fastify,
// code-first. Each GraphQL error is compared with what HTTP answers for the same error (the
// mapper with the same options), and non-CIAM errors with an app without the package.

const { ApolloDriver } = await loadApolloDriver();
const { MercuriusDriver } = await loadMercuriusDriver();

/** What a resolver throws for `code`: a CIAM error, or errors the package must leave alone. */
function failure(code: string): Error {
  if (code === 'plain') return new Error(`boom: ${UPSTREAM_SECRET}`);
  if (code === 'http-exception') return new ConflictException('plain nest conflict');
  return ciamError(code);
}

@ObjectType()
class User {
  @Field()
  id!: string;

  @Field({ nullable: true })
  nickname?: string;
}

/** A guard of the resolver that fails with the CIAM code of the query's `code` argument. */
@Injectable()
class FailingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    throw failure(GqlExecutionContext.create(context).getArgs<{ code: string }>().code);
  }
}

@Resolver(() => User)
@CiamErrorMap(CLASS_MAP)
class UsersResolver {
  @Query(() => User, { nullable: true })
  user(@Args('code') code: string): User {
    throw failure(code);
  }

  @Query(() => User, { nullable: true })
  @CiamErrorMap(METHOD_MAP)
  userOverridden(@Args('code') code: string): User {
    throw failure(code);
  }

  @Query(() => User, { nullable: true })
  @UseGuards(FailingGuard)
  guarded(@Args('code') code: string): User {
    return { id: code };
  }

  /** Hides an unknown account behind an empty answer, as a password reset must. */
  @Query(() => User, { nullable: true })
  @CiamErrorMap(CiamErrorPresets.passwordReset)
  resetRequested(@Args('code') code: string): User | null {
    if (code === 'none') return null;
    throw failure(code);
  }

  /** A user whose `nickname` field resolver fails with `code`. */
  @Query(() => User, { nullable: true })
  found(@Args('code') code: string): User {
    return { id: code };
  }

  @ResolveField(() => String, { nullable: true })
  nickname(@Parent() user: User): string {
    throw failure(user.id);
  }
}

/** Every `resolveLocale` call's caller. */
const callers: unknown[] = [];

/** An `x-locale` header, which wins over Accept-Language. */
const options: CiamErrorsModuleOptions = {
  ...OPTIONS,
  resolveLocale: (caller) => {
    callers.push(caller);
    const chosen = (caller as { headers?: Record<string, unknown> }).headers?.['x-locale'];
    return typeof chosen === 'string' ? chosen : undefined;
  },
};

const DRIVERS = [
  {
    name: 'Apollo on Express',
    platform: PLATFORMS[0],
    graphql: () =>
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        autoSchemaFile: true,
        // Apollo sends the error's stack with this on (its default outside production).
        includeStacktraceInErrorResponses: true,
        // Field resolvers run guards and filters only when asked to.
        fieldResolverEnhancers: ['guards', 'filters'],
      }),
  },
  {
    name: 'Mercurius on Fastify',
    platform: PLATFORMS[1],
    graphql: () =>
      GraphQLModule.forRoot<MercuriusDriverConfig>({
        driver: MercuriusDriver,
        autoSchemaFile: true,
        fieldResolverEnhancers: ['guards', 'filters'],
      }),
  },
] as const;

interface GraphQLAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

/** Runs `field(code: …)` (with `{ id nickname }` selected) and answers the HTTP answer. */
async function query(
  app: INestApplication,
  field: string,
  code: string,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const res = await request(app.getHttpServer())
    .post('/graphql')
    .set(headers)
    .send({ query: `{ ${field}(code: ${JSON.stringify(code)}) { id nickname } }` });
  return { status: res.status, body: res.body as GraphQLAnswer['body'], text: res.text };
}

/** The GraphQL error's message and extensions for a problem. */
function shape(code: string, locale: string, handler?: Function) {
  const problem = expected(code, locale, UsersResolver, handler);
  return {
    message: problem.detail,
    extensions: {
      code: problem.code,
      status: problem.status,
      ...requestIdOf(problem),
      ...(problem.retryAfter === undefined ? {} : { retryAfter: problem.retryAfter }),
    },
  };
}

/** The first error, without the stack Apollo adds (checked on its own). */
function firstError(answer: GraphQLAnswer) {
  const error = answer.body.errors?.[0];
  if (!error) throw new Error(`no GraphQL error in ${answer.text}`);
  const { stacktrace, ...extensions } = error.extensions ?? {};
  if (stacktrace !== undefined) expect(stacktrace).toEqual([`Error: ${error.message}`]);
  return { message: error.message, extensions };
}

describe.each(DRIVERS)('GraphQL: $name', ({ platform, graphql }) => {
  let app: INestApplication;
  let bare: INestApplication;
  beforeAll(async () => {
    const metadata = (ciam: boolean): ModuleMetadata => ({
      imports: [graphql(), ...(ciam ? [CiamErrorsModule.forRoot(options)] : [])],
      providers: [UsersResolver, FailingGuard],
    });
    app = await startApp(platform, metadata(true));
    bare = await startApp(platform, metadata(false));
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
  });

  describe.each(LOCALES)('with Accept-Language: %s', (locale) => {
    const headers = { 'accept-language': locale };

    it.each([CASES.conflict, CASES.signature, CASES.limit, CASES.userNotFound, CASES.token])(
      'answers %s from a resolver with the text, code and status HTTP would',
      async (code) => {
        const answer = await query(app, 'user', code, headers);
        expect(answer.status).toBe(200);
        expect(answer.body.data).toEqual({ user: null });
        expect(answer.body.errors).toHaveLength(1);
        expect(answer.body.errors![0]!.path).toEqual(['user']);
        expect(firstError(answer)).toEqual(shape(code, locale));
        expect(answer.text).not.toContain(UPSTREAM_SECRET);
      },
    );

    it('answers a silent preset code exactly as a resolver that found nothing', async () => {
      const nothing = await query(app, 'resetRequested', 'none', headers);
      const hidden = await query(app, 'resetRequested', CASES.userNotFound, headers);
      expect(nothing.body).toEqual({ data: { resetRequested: null } });
      expect(hidden.status).toBe(nothing.status);
      expect(hidden.text).toBe(nothing.text);
    });

    it("applies the method's @CiamErrorMap over its class's", async () => {
      const answer = await query(app, 'userOverridden', CASES.userNotFound, headers);
      const handler = UsersResolver.prototype.userOverridden;
      expect(firstError(answer)).toEqual(shape(CASES.userNotFound, locale, handler));
      expect(firstError(answer).extensions).toMatchObject({ code: 'AccountLocked', status: 423 });
    });

    it("answers a guard's CIAM error by the resolver's @CiamErrorMap", async () => {
      const answer = await query(app, 'guarded', CASES.userNotFound, headers);
      const handler = UsersResolver.prototype.guarded;
      expect(firstError(answer)).toEqual(shape(CASES.userNotFound, locale, handler));
      expect(firstError(answer).extensions).toMatchObject({ status: 401 });
    });

    it("answers a field resolver's CIAM error by its own route", async () => {
      for (const code of [CASES.conflict, CASES.signature, CASES.userNotFound]) {
        const answer = await query(app, 'found', code, headers);
        expect(answer.body.data).toEqual({ found: { id: code, nickname: null } });
        expect(answer.body.errors![0]!.path).toEqual(['found', 'nickname']);
        const handler = UsersResolver.prototype.nickname;
        expect(firstError(answer)).toEqual(shape(code, locale, handler));
        expect(answer.text).not.toContain(UPSTREAM_SECRET);
      }
    });
  });

  it('exposes the 409, hides the signature failure and carries the retry delay', async () => {
    const extensions = async (code: string) =>
      firstError(await query(app, 'user', code)).extensions;
    expect(await extensions(CASES.conflict)).toMatchObject({ code: CASES.conflict, status: 409 });
    expect(await extensions(CASES.signature)).toMatchObject({
      code: 'InternalServerError',
      status: 500,
    });
    expect(await extensions(CASES.limit)).toMatchObject({ status: 429, retryAfter: 1 });
    expect(await extensions(CASES.userNotFound)).toMatchObject({ status: 401 });
  });

  it('logs one line naming the field', async () => {
    logged.length = 0;
    await query(app, 'found', CASES.limit);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^graphql User\.nickname -> 429 RequestLimitExceeded /);
  });

  it('hands resolveLocale the HTTP request behind the operation; it wins over headers', async () => {
    callers.length = 0;
    const answer = await query(app, 'user', CASES.conflict, {
      'accept-language': 'en',
      'x-locale': 'zh-CN',
    });
    expect(firstError(answer)).toEqual(shape(CASES.conflict, 'zh-CN'));
    expect(callers).toHaveLength(1);
    expect((callers[0] as { method?: string }).method).toBe('POST');
  });

  it.each(['plain', 'http-exception'])(
    'leaves a non-CIAM error (%s) exactly as an app without the package does',
    async (code) => {
      for (const field of ['user', 'guarded', 'found']) {
        const answer = await query(app, field, code);
        const without = await query(bare, field, code);
        expect(answer.status).toBe(without.status);
        expect(answer.body).toEqual(without.body);
      }
    },
  );
});

// Keep the Nest logger quiet.
Logger.overrideLogger(false);
