import { Args, Query, Resolver } from '@nestjs/graphql';
import { UsersService } from '../users/users.service.js';
import type { User } from '../users/users.service.js';
import { UserModel } from './user.model.js';

/**
 * The GraphQL side of the users API. No try/catch here either: a CIAM error reaches the
 * module's global CiamExceptionFilter, which answers it as the field's GraphQL error, with the
 * same text, public code and status as the REST route (`extensions: { code, status, requestId }`).
 */
@Resolver(() => UserModel)
export class UsersResolver {
  constructor(private readonly users: UsersService) {}

  /** `{ user(id: "…") { id userName } }`: an unknown id is 404 `FailedOperation.UserNotFound`. */
  @Query(() => UserModel, { nullable: true })
  user(@Args('id') id: string): Promise<User> {
    return this.users.get(id);
  }
}
