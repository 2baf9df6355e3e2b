import { ApolloDriver } from '@nestjs/apollo';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { createRequire } from 'node:module';
import { UsersService } from '../users/users.service.js';
import { UsersResolver } from './users.resolver.js';

/** The GraphQL API at /graphql: Apollo, code-first, the schema built in memory. */
@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      autoSchemaFile: true,
      // Nest runs filters (and guards) for @ResolveField methods only when asked to: without
      // 'filters', graphql-js would send a CIAM error's own message.
      fieldResolverEnhancers: ['guards', 'filters'],
    }),
  ],
  providers: [UsersResolver, UsersService],
})
export class UsersGraphqlModule {}

function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Apollo on Express needs `@as-integrations/express5`, an optional peer dependency of
 * `@nestjs/apollo` (Nest would stop the app at start-up without it).
 */
export const GRAPHQL_AVAILABLE = isInstalled('@as-integrations/express5');

/**
 * `root` with the GraphQL API, where Apollo can run on Express; else `root` as it is. The REST
 * API's own module stays free of it: tests build it on Fastify too.
 */
export function withGraphql(root: Type): Type | DynamicModule {
  return GRAPHQL_AVAILABLE ? { module: root, imports: [UsersGraphqlModule] } : root;
}
