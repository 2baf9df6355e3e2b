import { Global, Inject, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { openCiamConnection } from './ciam-connection.js';
import type { CiamConnection } from './ciam-connection.js';
import { CIAM_CLIENT, CIAM_CONNECTION } from './ciam.constants.js';

/** The CIAM API client, shared by every feature module. */
@Global()
@Module({
  providers: [
    { provide: CIAM_CONNECTION, useFactory: () => openCiamConnection() },
    {
      provide: CIAM_CLIENT,
      inject: [CIAM_CONNECTION],
      useFactory: (connection: CiamConnection) =>
        new CommonClient(connection.endpoint, '2022-03-31', {
          credential: { secretId: connection.secretId, secretKey: connection.secretKey },
          region: connection.region,
          profile: {
            httpProfile: {
              protocol: connection.protocol,
              endpoint: connection.endpoint,
              reqTimeout: connection.timeoutSeconds,
            },
          },
        }),
    },
  ],
  exports: [CIAM_CLIENT, CIAM_CONNECTION],
})
export class CiamModule implements OnApplicationShutdown {
  constructor(@Inject(CIAM_CONNECTION) private readonly connection: CiamConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.emulator?.close();
  }
}
