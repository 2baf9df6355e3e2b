import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  CIAM_AUTH_ERROR_CATALOG,
  CIAM_ERROR_CATALOG,
  CiamAuthException,
  CiamErrorMapper,
  CiamErrorsModule,
  CiamException,
} from '../lib/index.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';
import { sdkError, sdkTimeout } from './fixtures/sdk-errors.js';

// The README's "What it does" table is a promise to someone deciding whether to install the
// package. Each row is replayed here over HTTP: its left cell names what CIAM says (thrown the way
// users meet it), its right cell what the client must get. A row this test cannot read fails, so
// the table cannot grow claims nobody checks.

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const UPSTREAM_DESCRIPTION = 'Wrong username or password';

interface Row {
  says: string;
  gets: string;
}

function tableRows(): Row[] {
  const start = README.indexOf('| CIAM says | your client gets |');
  expect(start).toBeGreaterThan(0);
  const lines = README.slice(start).split('\n');
  const rows: Row[] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    const [says, gets] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    rows.push({ says: says!, gets: gets! });
  }
  return rows;
}

/** What the left cell names, as the app would meet it. */
function thrown(says: string): unknown {
  if (says === 'SDK timeout') return sdkTimeout();
  if (says === 'any non-CIAM error') return new NotFoundException('route says no');
  const tenant = /^tenant host `([a-z_]+)`/.exec(says);
  if (tenant) {
    const error = tenant[1] as keyof typeof CIAM_AUTH_ERROR_CATALOG;
    expect(CIAM_AUTH_ERROR_CATALOG).toHaveProperty([error]);
    return new CiamAuthException(error, {
      status: CIAM_AUTH_ERROR_CATALOG[error].status,
      description: UPSTREAM_DESCRIPTION,
      endpoint: error === 'invalid_token' ? 'userinfo' : 'token',
      ...(error === 'invalid_token' ? { wwwAuthenticate: 'Bearer error="invalid_token"' } : {}),
    });
  }
  const code = /^`([A-Za-z.]+)`/.exec(says)?.[1];
  if (code === undefined) throw new Error(`README row the test cannot read: ${says}`);
  expect(CIAM_ERROR_CATALOG).toHaveProperty([code]);
  return sdkError(code, 'Check your signature and Abnormal user status');
}

const ROWS = tableRows();
const GENERIC_500 = new CiamErrorMapper({ logger: false, fallbackStatus: 500 }).resolve(
  CiamException.uncatalogued('NobodyKnows.ThisCode'),
  { locale: 'en' },
)!.detail;

@Controller('row')
class RowController {
  @Get(':index')
  row(@Param('index') index: string): never {
    throw thrown(ROWS[Number(index)]!.says);
  }
}

describe('the README table', () => {
  it('has the rows it promises, and its code count is the catalogs', () => {
    expect(GENERIC_500).toMatch(/\w/);
    expect(ROWS.length).toBeGreaterThanOrEqual(10);
    const total =
      Object.keys(CIAM_ERROR_CATALOG).length + Object.keys(CIAM_AUTH_ERROR_CATALOG).length;
    expect(README).toContain(`All ${total} codes`);
  });

  describe.each(PLATFORMS)('on $name', (platform) => {
    let app: INestApplication;
    let bare: INestApplication;
    beforeAll(async () => {
      app = await startApp(platform, {
        imports: [CiamErrorsModule.forRoot({ logger: false })],
        controllers: [RowController],
      });
      bare = await startApp(platform, { controllers: [RowController] });
    });
    afterAll(async () => {
      await app.close();
      await bare.close();
    });

    it.each(ROWS.map((row, index) => [row.says, row.gets, index] as const))(
      '%s → %s',
      async (says, gets, index) => {
        const res = await request(app.getHttpServer()).get(`/row/${index}`);
        if (says === 'any non-CIAM error') {
          const before = await request(bare.getHttpServer()).get(`/row/${index}`);
          expect(res.status).toBe(before.status);
          expect(res.body).toEqual(before.body);
          expect(res.headers['content-type']).toBe(before.headers['content-type']);
          return;
        }
        const status = Number(/^`(\d{3})`/.exec(gets)?.[1]);
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const code = /code `([A-Za-z_.]+)`/.exec(gets)?.[1];
        expect(code).toBeDefined();
        expect(res.body.code).toBe(code);
        const retryAfter = /`Retry-After: (\d+)`/.exec(gets)?.[1];
        expect(res.headers['retry-after']).toBe(retryAfter);
        const challenge = /`WWW-Authenticate: (.+?)`/.exec(gets)?.[1];
        expect(res.headers['www-authenticate']).toBe(challenge);
        const text = /"([^"]+?)…"/.exec(gets)?.[1];
        if (text !== undefined) expect(res.body.detail.startsWith(text)).toBe(true);
        // Nothing CIAM wrote reaches the client, whatever the row.
        expect(JSON.stringify(res.body)).not.toMatch(/signature|Abnormal|Wrong username/i);
        // A hidden code gets the status's generic text: what a code nobody knows gets at 500.
        if (code === 'InternalServerError') expect(res.body.detail).toBe(GENERIC_500);
      },
    );
  });
});
