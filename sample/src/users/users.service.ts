import { Inject, Injectable } from '@nestjs/common';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
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

interface CiamUser {
  UserId: string;
  UserName: string | null;
  Email: string | null;
  PhoneNumber: string | null;
  Status: string;
}

const toUser = (user: CiamUser): User => ({
  id: user.UserId,
  userName: user.UserName,
  email: user.Email,
  phoneNumber: user.PhoneNumber,
  status: user.Status,
});

/**
 * Thin calls to CIAM. No try/catch anywhere: whatever CIAM answers goes up to
 * CiamExceptionFilter, which turns it into the right HTTP answer.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(CIAM_CLIENT) private readonly ciam: CommonClient,
    @Inject(CIAM_CONNECTION) private readonly connection: CiamConnection,
  ) {}

  private call<T>(action: string, params: Record<string, unknown>): Promise<T> {
    return this.ciam.request(action, { UserStoreId: this.connection.userStoreId, ...params });
  }

  async create(input: {
    userName?: string;
    email?: string;
    phoneNumber?: string;
    password?: string;
  }): Promise<User> {
    const { User } = await this.call<{ User: CiamUser }>('CreateUser', {
      UserName: input.userName,
      Email: input.email,
      PhoneNumber: input.phoneNumber,
      Password: input.password,
    });
    return toUser(User);
  }

  async get(id: string): Promise<User> {
    const { User } = await this.call<{ User: CiamUser }>('DescribeUserById', { UserId: id });
    return toUser(User);
  }

  /** Search by any CIAM user property, e.g. `{ userName: 'alice' }`. */
  async search(filters: Record<string, string>): Promise<{ total: number; users: User[] }> {
    const { Total, Content } = await this.call<{ Total: number; Content: CiamUser[] }>(
      'DescribeUser',
      {
        Pageable: { PageSize: 20, PageNumber: 1 },
        Filters: Object.entries(filters).map(([key, value]) => ({
          PropertyKey: key,
          PropertyValue: value,
          Logic: true,
        })),
      },
    );
    return { total: Total, users: Content.map(toUser) };
  }

  async updateStatus(id: string, status: string): Promise<void> {
    await this.call('UpdateUserStatus', { UserId: id, Status: status });
  }

  async resetPassword(id: string): Promise<void> {
    // CIAM returns the new password; a real app would send it to the user out of band.
    await this.call('ResetPassword', { UserId: id });
  }

  async link(primaryId: string, secondaryId: string, on: string): Promise<void> {
    await this.call('LinkAccount', {
      PrimaryUserId: primaryId,
      SecondaryUserId: secondaryId,
      UserLinkedOnAttribute: on,
    });
  }

  async startImport(users: { userName?: string; email?: string }[]): Promise<{ jobId: string }> {
    const { Job } = await this.call<{ Job: { Id: string } }>('CreateApiImportUserJob', {
      DataFlowUserCreateList: users.map((user) => ({ UserName: user.userName, Email: user.email })),
    });
    return { jobId: Job.Id };
  }
}
