import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { CiamErrorMap, CiamErrorPresets } from 'nestjs-ciam-errors';
import { UsersService } from './users.service.js';
import type { NewUser, User } from './users.service.js';

/**
 * The SDK's CreateUserRequest requires all four fields, so this route does. Nest checks no body
 * without a ValidationPipe (class-validator), so the route checks it and answers as one would.
 */
function readNewUser(body: unknown): NewUser {
  const { userName, email, phoneNumber, password } = (body ?? {}) as Record<string, unknown>;
  if (
    typeof userName === 'string' &&
    typeof email === 'string' &&
    typeof phoneNumber === 'string' &&
    typeof password === 'string'
  ) {
    return { userName, email, phoneNumber, password };
  }
  throw new BadRequestException('userName, email, phoneNumber and password are required.');
}

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /**
   * Sign-up. The signUp preset answers a taken user name, email or phone number with one
   * `409 SignUpConflict` naming no field, so sign-up cannot tell which accounts exist (user
   * enumeration). CIAM judges the values: with no identifier at all (all empty) it answers
   * `400 FailedOperation.UserNameIsNull`.
   */
  @Post()
  @CiamErrorMap(CiamErrorPresets.signUp)
  create(@Body() body: unknown): Promise<User> {
    return this.users.create(readNewUser(body));
  }

  /** `GET /users?userName=alice`: any CIAM user property works as a filter. */
  @Get()
  search(@Query() query: Record<string, string>): Promise<{ total: number; users: User[] }> {
    return this.users.search(query);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<User> {
    return this.users.get(id);
  }

  /** Body `{ "status": "NORMAL" | "LOCK" | "FREEZE" }`. */
  @Patch(':id/status')
  @HttpCode(204)
  updateStatus(@Param('id') id: string, @Body() body: { status?: string }): Promise<void> {
    return this.users.updateStatus(id, body?.status ?? '');
  }

  /**
   * The passwordReset preset answers an unknown or frozen user exactly as a reset that worked:
   * 202 and no body, so the route cannot tell which accounts exist (user enumeration). Hence
   * `@HttpCode(202)` and no return value.
   */
  @Post(':id/password-reset')
  @HttpCode(202)
  @CiamErrorMap(CiamErrorPresets.passwordReset)
  async resetPassword(@Param('id') id: string): Promise<void> {
    await this.users.resetPassword(id);
  }

  /** Body `{ "secondaryUserId": "…", "on": "EMAIL" | "PHONENUMBER" }`. */
  @Post(':id/links')
  @HttpCode(204)
  link(
    @Param('id') id: string,
    @Body() body: { secondaryUserId?: string; on?: string },
  ): Promise<void> {
    return this.users.link(id, body?.secondaryUserId ?? '', body?.on ?? 'EMAIL');
  }
}
