import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { CIAM_TENANT } from './auth/auth.constants.js';
import type { CiamTenant } from './auth/ciam-tenant.js';
import type { CiamConnection } from './ciam/ciam-connection.js';
import { CIAM_CONNECTION } from './ciam/ciam.constants.js';
import { GRAPHQL_AVAILABLE, withGraphql } from './graphql/users-graphql.module.js';
import { DOCS_PATH, setupOpenApi } from './openapi.js';
import { UsersService } from './users/users.service.js';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(withGraphql(AppModule));
  app.enableShutdownHooks();
  // Before listen(): Swagger UI's routes must come before the app's own.
  setupOpenApi(app);
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const connection = app.get<CiamConnection>(CIAM_CONNECTION);
  const tenant = app.get<CiamTenant | null>(CIAM_TENANT);

  // With the emulator, seed a user so that the commands below have something to find.
  const alice = {
    userName: 'alice',
    email: 'alice@example.com',
    phoneNumber: '13800138000',
    password: 'Secret-123',
  };
  let userId = '<a user id>';
  // alice signs in on the tenant host too: with her user name, email or phone number.
  if (connection.emulator) userId = (await app.get(UsersService).create(alice)).id;
  const json = "-H 'Content-Type: application/json'";
  const signIn = (username: string, password: string) =>
    `-X POST ${url}/auth/sessions ${json} -d '${JSON.stringify({ username, password })}'`;
  console.log(`
nestjs-ciam-errors sample listening on ${url}
CIAM: ${connection.emulator ? `embedded emulator at ${connection.emulator.url}` : connection.endpoint}

API documentation (Swagger UI), with each route's CIAM errors as this app answers them:
  ${url}/${DOCS_PATH}        (the OpenAPI document: ${url}/${DOCS_PATH}-json)

Try:
  # 200: a user
  curl -i ${url}/users/${userId}

  # 409 in Chinese: alice signs up again. Code SignUpConflict with a generic text that names no
  # field (the signUp preset: sign-up must not reveal which accounts exist)
  curl -i -X POST ${url}/users -H 'Content-Type: application/json' -H 'Accept-Language: zh-CN' -d '${JSON.stringify(alice)}'

  # 404: no such user
  curl -i ${url}/users/no-such-user

  # 202, no body: a password reset for an unknown user answers as one that worked (the
  # passwordReset preset)
  curl -i -X POST ${url}/users/no-such-user/password-reset
${
  GRAPHQL_AVAILABLE
    ? `
  # GraphQL (Apollo): the same 404 as the field's error, its code and status in extensions
  curl -s ${url}/graphql -H 'Content-Type: application/json' -d '{"query":"{ user(id: \\"no-such-user\\") { id userName } }"}'
`
    : `
  # GraphQL is off: Apollo on Express needs @as-integrations/express5 (npm install it)
`
}
${
  tenant
    ? `Sign-in through the tenant host (OAuth 2.0 / OIDC, ${tenant.issuer}) with openid-client:
  # 401 in Japanese: a wrong password. Code InvalidCredentials, "the account or password is
  # incorrect" (the signIn preset: sign-in must not reveal which accounts exist)
  curl -i ${signIn(alice.userName, 'wrong-password')} -H 'Accept-Language: ja'

  # The very same 401 for a user that does not exist (and for a frozen one)
  curl -i ${signIn('nobody', 'wrong-password')} -H 'Accept-Language: ja'

  # 201: alice signs in (her email here) and gets her tokens
  curl -i ${signIn(alice.email, alice.password)}

  # Use its access token: keep it in TOKEN, then ask who it belongs to (200, /userinfo's claims)
  TOKEN=$(curl -s ${signIn(alice.email, alice.password)} | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')
  curl -i ${url}/auth/me -H "Authorization: Bearer $TOKEN"

  # 401 invalid_token, with WWW-Authenticate: Bearer error="invalid_token": a bad token
  curl -i ${url}/auth/me -H 'Authorization: Bearer not-a-token'
`
    : `Sign-in (/auth) is off: set CIAM_ISSUER, CIAM_CLIENT_ID, CIAM_CLIENT_SECRET and CIAM_AUTH_SOURCE_ID.
`
}
WebSocket (socket.io, on the same port): emit 'user.get' with a user id; a CIAM error comes back
as the 'exception' event, in the language of the handshake's Accept-Language.
`);
}

void bootstrap();
