import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import {
  CiamErrorMap,
  CiamErrorPresets,
  CiamErrorsModule,
  unwrapCiamAuthResponse,
} from '../lib/index.js';
import { startCiamEmulator } from '../lib/testing/index.js';
import type { CiamEmulator } from '../lib/testing/index.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

// The presets against real flows of the emulator's tenant host: the answers for an existing and
// an unknown (or frozen) account are compared on the wire, every header and byte but Date.

const PASSWORD = 'S3cret!42';
let emulator: CiamEmulator;
let config: client.Configuration;

/** The client's HTTP Basic credentials, as /otp/send and /reset_user_password take them. */
function basicAuth(): string {
  return `Basic ${Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64')}`;
}

@Controller('accounts')
class AccountsController {
  /** Signs in with openid-client's password grant, as a sign-in backend does. */
  @Post('sessions')
  @CiamErrorMap(CiamErrorPresets.signIn)
  async signIn(@Body() body: { username: string; password: string }): Promise<{ ok: true }> {
    await client.genericGrantRequest(config, 'password', {
      auth_source_id: emulator.authSourceId,
      username: body.username,
      password: body.password,
      scope: 'openid',
    });
    return { ok: true };
  }

  /** Resets a password with an emailed code, through fetch. */
  @Post('password-resets')
  @HttpCode(202)
  @CiamErrorMap(CiamErrorPresets.passwordReset)
  async reset(@Body() body: { email: string; otp: string; otpToken: string }): Promise<void> {
    const response = await fetch(`${emulator.issuer}/reset_user_password`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        password: 'N3w-secret-9',
        email: body.email,
        otp: body.otp,
        otp_token: body.otpToken,
      }),
    });
    await unwrapCiamAuthResponse(response);
  }

  /** Sends a sign-up code, through fetch. */
  @Post('sign-up-codes')
  @CiamErrorMap(CiamErrorPresets.signUp)
  async signUpCode(@Body() body: { email?: string; phoneNumber?: string }): Promise<unknown> {
    const response = await fetch(`${emulator.issuer}/otp/send`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({ usage: 'signup', email: body.email, phone_number: body.phoneNumber }),
    });
    return unwrapCiamAuthResponse(response);
  }
}

/** The accounts of a run: `ada`, and `bob`, frozen. Everything else starts from nothing. */
async function seedAccounts(): Promise<void> {
  emulator.reset();
  const sdk = new CommonClient(emulator.endpoint, '2022-03-31', {
    credential: { secretId: emulator.secretId, secretKey: emulator.secretKey },
    region: emulator.region,
    profile: { httpProfile: { protocol: 'http://', endpoint: emulator.endpoint } },
  });
  const create = (UserName: string, Email: string, PhoneNumber: string) =>
    sdk.request('CreateUser', {
      UserStoreId: emulator.userStoreId,
      UserName,
      Email,
      PhoneNumber,
      Password: PASSWORD,
    }) as Promise<{ User: { UserId: string } }>;
  await create('ada', 'ada@example.com', '13800000001');
  const frozen = await create('bob', 'bob@example.com', '13800000002');
  await sdk.request('UpdateUserStatus', {
    UserStoreId: emulator.userStoreId,
    UserId: frozen.User.UserId,
    Status: 'FREEZE',
  });
}

beforeAll(async () => {
  emulator = await startCiamEmulator();
  config = await client.discovery(
    new URL(emulator.issuer),
    emulator.clientId,
    emulator.clientSecret,
    undefined,
    { execute: [client.allowInsecureRequests] },
  );
});
afterAll(() => emulator.close());

/** The raw answer to a raw JSON POST, with the Date header cut. */
function post(port: number, path: string, body: unknown, language = 'en'): Promise<string> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n` +
          `Accept-Language: ${language}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
      );
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () =>
      resolve(
        Buffer.concat(chunks)
          .toString('latin1')
          .replace(/\r\nDate: [^\r]*/i, ''),
      ),
    );
  });
}

/** Sends a reset code to `email` through the tenant host; the code and its token. */
async function resetCode(email: string): Promise<{ otp: string; otpToken: string }> {
  const response = await fetch(`${emulator.issuer}/otp/send`, {
    method: 'POST',
    headers: { authorization: basicAuth(), 'content-type': 'application/json' },
    body: JSON.stringify({ usage: 'reset_password', email }),
  });
  const { otp_token: otpToken } = (await response.json()) as { otp_token: string };
  return { otp: emulator.lastOtp({ email })!.otp, otpToken };
}

describe.each(PLATFORMS)('the presets on the tenant host, on $name', (platform) => {
  let app: INestApplication;
  let port: number;
  beforeAll(async () => {
    await seedAccounts();
    app = await startApp(platform, {
      imports: [
        CiamErrorsModule.forRoot({
          logger: false,
          authHosts: [new URL(emulator.issuer).hostname],
        }),
      ],
      controllers: [AccountsController],
    });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it.each(['en', 'zh-CN', 'ja'])(
    'signIn: a wrong password, an unknown and a frozen account get the same bytes (%s)',
    async (language) => {
      const wrong = await post(
        port,
        '/accounts/sessions',
        { username: 'ada', password: 'x' },
        language,
      );
      const unknown = await post(
        port,
        '/accounts/sessions',
        { username: 'nobody', password: PASSWORD },
        language,
      );
      const frozen = await post(
        port,
        '/accounts/sessions',
        { username: 'bob', password: PASSWORD },
        language,
      );
      expect(wrong).toMatch(/^HTTP\/1\.1 401 /);
      expect(wrong).toContain('"code":"InvalidCredentials"');
      expect(unknown).toBe(wrong);
      expect(frozen).toBe(wrong);
      // The sign-in works for the real account with its password.
      const ok = await post(port, '/accounts/sessions', { username: 'ada', password: PASSWORD });
      expect(ok).toMatch(/^HTTP\/1\.1 201 /);
    },
  );

  it('passwordReset: a reset for an unknown account looks exactly like a real one', async () => {
    const real = await post(port, '/accounts/password-resets', {
      email: 'ada@example.com',
      ...(await resetCode('ada@example.com')),
    });
    const unknown = await post(port, '/accounts/password-resets', {
      email: 'nobody@example.com',
      otp: '123456',
      otpToken: 'no-such-token',
    });
    const wrongCode = await post(port, '/accounts/password-resets', {
      email: 'ada@example.com',
      otp: '000000',
      otpToken: (await resetCode('ada@example.com')).otpToken,
    });
    expect(real).toMatch(/^HTTP\/1\.1 202 /);
    expect(unknown).toBe(real);
    expect(wrongCode).toBe(real);
    // The real reset did reset: the new password signs in, so `real` is a success's bytes, not a
    // failure the preset also silenced.
    const signIn = await post(port, '/accounts/sessions', {
      username: 'ada',
      password: 'N3w-secret-9',
    });
    expect(signIn).toMatch(/^HTTP\/1\.1 201 /);
  });

  it('signUp: a used email or phone number names neither', async () => {
    const email = await post(port, '/accounts/sign-up-codes', { email: 'ada@example.com' });
    const phone = await post(port, '/accounts/sign-up-codes', { phoneNumber: '13800000001' });
    expect(email).toMatch(/^HTTP\/1\.1 409 /);
    expect(email).toContain('"code":"SignUpConflict"');
    expect(phone).toBe(email);
  });
});
