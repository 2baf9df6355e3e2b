import { Global, Inject, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { createCiamClient } from './ciam-client.js';
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
      useFactory: createCiamClient,
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
