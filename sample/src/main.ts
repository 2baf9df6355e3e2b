import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
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

  // With the emulator, seed a user so that the commands below have something to find.
  const alice = {
    userName: 'alice',
    email: 'alice@example.com',
    phoneNumber: '13800138000',
    password: 'Secret-123',
  };
  let userId = '<a user id>';
  if (connection.emulator) userId = (await app.get(UsersService).create(alice)).id;
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
WebSocket (socket.io, on the same port): emit 'user.get' with a user id; a CIAM error comes back
as the 'exception' event, in the language of the handshake's Accept-Language.
`);
}

void bootstrap();
