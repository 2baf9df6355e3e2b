import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CiamErrorMap, CiamException } from 'nestjs-ciam-errors';
import { UsersService } from '../users/users.service.js';

/**
 * Sign-in: an unknown user is a failed sign-in (401), not a missing resource (404), and a
 * frozen account is reported as locked (423) with its own public code and texts.
 */
@Controller('sessions')
@CiamErrorMap({ 'FailedOperation.UserNotFound': 401 })
export class SessionsController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @CiamErrorMap({
    'FailedOperation.UserIsFreeze': {
      status: 423,
      code: 'AccountLocked',
      expose: true,
      message: {
        en: 'This account is locked. Please contact support.',
        'zh-CN': '该账号已被锁定，请联系客服。',
        'zh-TW': '此帳號已被鎖定，請聯絡客服。',
      },
    },
  })
  async signIn(@Body() body: { userId?: string }): Promise<{ userId: string; signedIn: true }> {
    // The SDK throws FailedOperation.UserNotFound for an unknown id: 401 through the map above.
    const user = await this.users.get(body?.userId ?? '');
    if (user.status === 'FREEZE') {
      // Errors the app raises itself go through the same mapping.
      throw new CiamException('FailedOperation.UserIsFreeze', { params: { userId: user.id } });
    }
    return { userId: user.id, signedIn: true };
  }
}
