import { startCiamEmulator } from 'nestjs-ciam-errors/testing';
import type { CiamEmulator } from 'nestjs-ciam-errors/testing';

/** Where CIAM is and who we are there. */
export interface CiamConnection {
  readonly endpoint: string;
  readonly protocol: 'http://' | 'https://';
  readonly region: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly userStoreId: string;
  readonly timeoutSeconds: number;
  /** Set when no real CIAM is configured and the sample runs its own emulator. */
  readonly emulator?: CiamEmulator;
}

/**
 * Real Tencent Cloud when `CIAM_ENDPOINT`, `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`
 * and `CIAM_USER_STORE_ID` are set; otherwise an emulator started in this process.
 */
export async function openCiamConnection(env = process.env): Promise<CiamConnection> {
  const timeoutSeconds = Number(env.CIAM_TIMEOUT_SECONDS ?? 5);
  const { CIAM_ENDPOINT, TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, CIAM_USER_STORE_ID } =
    env;
  if (CIAM_ENDPOINT && TENCENTCLOUD_SECRET_ID && TENCENTCLOUD_SECRET_KEY && CIAM_USER_STORE_ID) {
    return {
      endpoint: CIAM_ENDPOINT,
      protocol: 'https://',
      region: env.TENCENTCLOUD_REGION ?? 'ap-guangzhou',
      secretId: TENCENTCLOUD_SECRET_ID,
      secretKey: TENCENTCLOUD_SECRET_KEY,
      userStoreId: CIAM_USER_STORE_ID,
      timeoutSeconds,
    };
  }
  const emulator = await startCiamEmulator();
  return {
    endpoint: emulator.endpoint,
    protocol: 'http://',
    region: emulator.region,
    secretId: emulator.secretId,
    secretKey: emulator.secretKey,
    userStoreId: emulator.userStoreId,
    timeoutSeconds,
    emulator,
  };
}
