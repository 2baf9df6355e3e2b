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
import { ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CiamErrorMap, CiamErrorPresets } from 'nestjs-ciam-errors';
import { ApiCiamErrors } from 'nestjs-ciam-errors/swagger';
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

/**
 * Each route names the CIAM action it calls (see UsersService): the OpenAPI document at /docs
 * lists the errors of that action as this app answers them, presets included.
 */
@ApiTags('users')
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
  @ApiCiamErrors({ actions: ['CreateUser'] })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['userName', 'email', 'phoneNumber', 'password'],
      properties: {
        userName: { type: 'string' },
        email: { type: 'string' },
        phoneNumber: { type: 'string' },
        password: { type: 'string' },
      },
      example: {
        userName: 'bob',
        email: 'bob@example.com',
        phoneNumber: '13800138001',
        password: 'Secret-123',
      },
    },
  })
  create(@Body() body: unknown): Promise<User> {
    return this.users.create(readNewUser(body));
  }

  /** `GET /users?userName=alice`: any CIAM user property works as a filter. */
  @Get()
  @ApiCiamErrors({ actions: ['DescribeUser'] })
  @ApiQuery({
    name: 'userName',
    type: String,
    required: false,
    description: 'Or any other property.',
  })
  search(@Query() query: Record<string, string>): Promise<{ total: number; users: User[] }> {
    return this.users.search(query);
  }

  @Get(':id')
  @ApiCiamErrors({ actions: ['DescribeUserById'] })
  get(@Param('id') id: string): Promise<User> {
    return this.users.get(id);
  }

  /** Body `{ "status": "NORMAL" | "LOCK" | "FREEZE" }`. */
  @Patch(':id/status')
  @HttpCode(204)
  @ApiCiamErrors({ actions: ['UpdateUserStatus'] })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['NORMAL', 'LOCK', 'FREEZE'] } },
      example: { status: 'FREEZE' },
    },
  })
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
  @ApiCiamErrors({ actions: ['ResetPassword'] })
  async resetPassword(@Param('id') id: string): Promise<void> {
    await this.users.resetPassword(id);
  }

  /** Body `{ "secondaryUserId": "…", "on": "EMAIL" | "PHONENUMBER" }`. */
  @Post(':id/links')
  @HttpCode(204)
  @ApiCiamErrors({ actions: ['LinkAccount'] })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        secondaryUserId: { type: 'string' },
        on: { type: 'string', enum: ['EMAIL', 'PHONENUMBER'] },
      },
      example: { secondaryUserId: '<another user id>', on: 'EMAIL' },
    },
  })
  link(
    @Param('id') id: string,
    @Body() body: { secondaryUserId?: string; on?: string },
  ): Promise<void> {
    return this.users.link(id, body?.secondaryUserId ?? '', body?.on ?? 'EMAIL');
  }
}
