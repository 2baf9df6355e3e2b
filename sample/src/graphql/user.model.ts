import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { User } from '../users/users.service.js';

/** The GraphQL type of a user: the same fields as the REST API's. */
@ObjectType('User')
export class UserModel implements User {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  userName!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phoneNumber!: string | null;

  @Field(() => String)
  status!: string;
}
