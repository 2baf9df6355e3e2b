import { Inject, Injectable } from '@nestjs/common';
import { CiamException } from 'nestjs-ciam-errors';
import type { User as CiamUser } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ciam/v20220331/ciam_models.js';
import type { CiamClient } from '../ciam/ciam-client.js';
import type { CiamConnection } from '../ciam/ciam-connection.js';
import { CIAM_CLIENT, CIAM_CONNECTION } from '../ciam/ciam.constants.js';

/** A user as this API shows it. */
export interface User {
  id: string;
  userName: string | null;
  email: string | null;
  phoneNumber: string | null;
  status: string;
}

/** A sign-up: the SDK's CreateUserRequest requires all four fields. */
export interface NewUser {
  userName: string;
  email: string;
  phoneNumber: string;
  password: string;
}

/**
 * The SDK models every response field as optional. A success without the data the action
 * promises is an answer we cannot trust: an empty (unknown) code answers 502 and is never echoed.
 */
function expected<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) {
    throw CiamException.uncatalogued('', { upstreamMessage: `CIAM answered without ${what}.` });
  }
  return value;
}

// CIAM sends null for absent values, although the SDK types them as optional strings.
const toUser = (user: CiamUser | undefined): User => {
  const found = expected(user, 'a User');
  return {
    id: expected(found.UserId, 'a UserId'),
    userName: found.UserName ?? null,
    email: found.Email ?? null,
    phoneNumber: found.PhoneNumber ?? null,
    status: expected(found.Status, 'a user Status'),
  };
};

/**
 * Thin calls to CIAM through the SDK's typed client. No try/catch anywhere: whatever CIAM
 * answers goes up to CiamExceptionFilter, which turns it into the right HTTP answer.
 */
@Injectable()
export class UsersService {
  private readonly userStoreId: string;

  constructor(
    @Inject(CIAM_CLIENT) private readonly ciam: CiamClient,
    @Inject(CIAM_CONNECTION) connection: CiamConnection,
  ) {
    this.userStoreId = connection.userStoreId;
  }

  async create(input: NewUser): Promise<User> {
    const { User } = await this.ciam.CreateUser({
      UserStoreId: this.userStoreId,
      UserName: input.userName,
      Email: input.email,
      PhoneNumber: input.phoneNumber,
      Password: input.password,
    });
    return toUser(User);
  }

  async get(id: string): Promise<User> {
    return (await this.describe(id)).user;
  }

  /** The user, with the RequestId of CIAM's answer for errors the app raises about it. */
  async describe(id: string): Promise<{ user: User; requestId: string | undefined }> {
    const { User, RequestId } = await this.ciam.DescribeUserById({
      UserStoreId: this.userStoreId,
      UserId: id,
    });
    return { user: toUser(User), requestId: RequestId };
  }

  /** Search by any CIAM user property, e.g. `{ userName: 'alice' }`. */
  async search(filters: Record<string, string>): Promise<{ total: number; users: User[] }> {
    const { Total, Content } = await this.ciam.DescribeUser({
      UserStoreId: this.userStoreId,
      Pageable: { PageSize: 20, PageNumber: 1 },
      Filters: Object.entries(filters).map(([key, value]) => ({
        PropertyKey: key,
        PropertyValue: value,
        Logic: true,
      })),
    });
    return { total: Total ?? 0, users: (Content ?? []).map(toUser) };
  }

  async updateStatus(id: string, status: string): Promise<void> {
    await this.ciam.UpdateUserStatus({ UserStoreId: this.userStoreId, UserId: id, Status: status });
  }

  async resetPassword(id: string): Promise<void> {
    // CIAM returns the new password; a real app would send it to the user out of band.
    await this.ciam.ResetPassword({ UserStoreId: this.userStoreId, UserId: id });
  }

  async link(primaryId: string, secondaryId: string, on: string): Promise<void> {
    await this.ciam.LinkAccount({
      UserStoreId: this.userStoreId,
      PrimaryUserId: primaryId,
      SecondaryUserId: secondaryId,
      UserLinkedOnAttribute: on,
    });
  }

  async startImport(users: { userName?: string; email?: string }[]): Promise<{ jobId: string }> {
    const { Job } = await this.ciam.CreateApiImportUserJob({
      UserStoreId: this.userStoreId,
      DataFlowUserCreateList: users.map((user) => ({ UserName: user.userName, Email: user.email })),
    });
    return { jobId: expected(Job?.Id, 'a Job Id') };
  }
}
