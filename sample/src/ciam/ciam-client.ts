import tencentcloud from 'tencentcloud-sdk-nodejs';
import type { CiamConnection } from './ciam-connection.js';

// The full SDK, imported as users import it (its package root loads every service).
const { Client } = tencentcloud.ciam.v20220331;

/** The official SDK's typed CIAM client: one method per action, request models checked by tsc. */
export type CiamClient = InstanceType<typeof Client>;

export function createCiamClient(connection: CiamConnection): CiamClient {
  return new Client({
    credential: { secretId: connection.secretId, secretKey: connection.secretKey },
    region: connection.region,
    profile: {
      httpProfile: {
        protocol: connection.protocol,
        endpoint: connection.endpoint,
        reqTimeout: connection.timeoutSeconds,
      },
    },
  });
}
