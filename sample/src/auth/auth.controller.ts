import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CiamErrorMap, CiamErrorPresets } from 'nestjs-ciam-errors';
import type { CiamAuthEndpoint } from 'nestjs-ciam-errors';
import { ApiCiamErrors } from 'nestjs-ciam-errors/swagger';
import { AuthService } from './auth.service.js';
import type { Tokens, UserInfo } from './auth.service.js';

/**
 * The fields of a JSON body that must be strings. Nest checks no body without a ValidationPipe
 * (class-validator), so the routes check it and answer as one would.
 */
function strings<K extends string>(body: unknown, ...keys: K[]): Record<K, string> {
  const given = (body ?? {}) as Record<string, unknown>;
  if (keys.every((key) => typeof given[key] === 'string' && given[key] !== '')) {
    return given as Record<K, string>;
  }
  throw new BadRequestException(`${keys.join(' and ')} are required.`);
}

/** The access token of `Authorization: Bearer <token>`. */
function bearerToken(authorization: string | undefined, endpoint: CiamAuthEndpoint): string {
  const token = /^Bearer +([^\s]+) *$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) throw AuthService.missingToken(endpoint);
  return token;
}

/**
 * Sign-in through the tenant host (OAuth 2.0 / OpenID Connect) with openid-client 6: the
 * password grant, refresh, the user of a token, a password change. Each route names the endpoint
 * it calls, so /docs lists its errors as this app answers them.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * The signIn preset answers a wrong password, an unknown user and a frozen one (all
   * `invalid_grant` from CIAM, with descriptions that tell them apart) with one
   * `401 InvalidCredentials`, so sign-in cannot tell which accounts exist (user enumeration).
   */
  @Post('sessions')
  @CiamErrorMap(CiamErrorPresets.signIn)
  @ApiCiamErrors({ endpoints: ['token'] })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['username', 'password'],
      properties: {
        username: { type: 'string', description: 'User name, email or phone number.' },
        password: { type: 'string' },
      },
      example: { username: 'alice', password: 'Secret-123' },
    },
  })
  signIn(@Body() body: unknown): Promise<Tokens> {
    const { username, password } = strings(body, 'username', 'password');
    return this.auth.signIn(username, password);
  }

  /**
   * A spent or expired refresh token is CIAM's `invalid_grant`: 401 with the catalog's text.
   * No signIn preset here: "the account or password is incorrect" would be wrong for a token.
   */
  @Post('sessions/refresh')
  @HttpCode(200)
  @ApiCiamErrors({ endpoints: ['token'] })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['refresh_token'],
      properties: { refresh_token: { type: 'string' } },
      example: { refresh_token: '<a refresh token>' },
    },
  })
  refresh(@Body() body: unknown): Promise<Tokens> {
    return this.auth.refresh(strings(body, 'refresh_token').refresh_token);
  }

  /** A bad or expired token: 401 `invalid_token` and `WWW-Authenticate: Bearer error="invalid_token"`. */
  @Get('me')
  @ApiBearerAuth()
  @ApiCiamErrors({ endpoints: ['userinfo'] })
  me(@Headers('authorization') authorization?: string): Promise<UserInfo> {
    return this.auth.me(bearerToken(authorization, 'userinfo'));
  }

  /** Body `{ "oldPassword": "…", "newPassword": "…" }`; 204 once CIAM has changed it. */
  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCiamErrors({ endpoints: ['change_password'] })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['oldPassword', 'newPassword'],
      properties: { oldPassword: { type: 'string' }, newPassword: { type: 'string' } },
      example: { oldPassword: 'Secret-123', newPassword: 'N3w-Secret-456' },
    },
  })
  changePassword(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
  ): Promise<void> {
    // The token first: a caller without one learns nothing of what the body should hold.
    const token = bearerToken(authorization, 'change_password');
    const { oldPassword, newPassword } = strings(body, 'oldPassword', 'newPassword');
    return this.auth.changePassword(token, oldPassword, newPassword);
  }
}
