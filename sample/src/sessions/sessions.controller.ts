import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { CiamErrorMap, CiamErrorPresets, CiamException } from 'nestjs-ciam-errors';
import { ApiCiamErrors } from 'nestjs-ciam-errors/swagger';
import { UsersService } from '../users/users.service.js';

/**
 * Sign-in by user id, through the management API: it only looks the account up. The password
 * sign-in, through the tenant host's token endpoint, is `POST /auth/sessions` (AuthController).
 */
@ApiTags('sessions')
@Controller('sessions')
@ApiCiamErrors({ actions: ['DescribeUserById'] })
export class SessionsController {
  constructor(private readonly users: UsersService) {}

  /**
   * The signIn preset answers an unknown and a frozen account with the same
   * `401 InvalidCredentials`, so sign-in cannot tell which accounts exist (user enumeration). A
   * status of its own for frozen accounts (423 AccountLocked) would tell that the account exists.
   */
  @Post()
  @HttpCode(201)
  @CiamErrorMap(CiamErrorPresets.signIn)
  @ApiCiamErrors({ codes: ['FailedOperation.UserIsFreeze'] }) // thrown below
  @ApiBody({
    schema: {
      type: 'object',
      required: ['userId'],
      properties: { userId: { type: 'string' } },
      example: { userId: '<a user id>' },
    },
  })
  async signIn(@Body() body: { userId?: string }): Promise<{ userId: string; signedIn: true }> {
    // The SDK throws FailedOperation.UserNotFound for an unknown id.
    const { user, requestId } = await this.users.describe(body?.userId ?? '');
    if (user.status === 'FREEZE') {
      // Errors the app raises itself go through the same mapping. CIAM's RequestId goes with
      // it: CIAM's own UserNotFound carries one, and an answer without one would stand out.
      throw new CiamException('FailedOperation.UserIsFreeze', {
        requestId,
        params: { userId: user.id },
      });
    }
    return { userId: user.id, signedIn: true };
  }
}
