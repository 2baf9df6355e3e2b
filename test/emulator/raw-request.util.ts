import { createHash, createHmac } from 'node:crypto';
import type { CiamEmulator } from '../../lib/testing/index.js';

/** A hand-built API 3.0 request; every field can be bent to provoke one error. */
export interface RawRequest {
  method?: string;
  action?: string;
  version?: string;
  region?: string;
  timestamp?: number;
  body?: string | Buffer;
  contentType?: string;
  secretId?: string;
  secretKey?: string;
  /** Replaces the computed Authorization header; `null` leaves it out. */
  authorization?: string | null;
  headers?: Record<string, string>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** TC3-HMAC-SHA256 written from the public signing documentation, independent of lib/. */
export function signTc3(input: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  timestamp: number;
  body: string | Buffer;
}): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:${input.contentType}\nhost:${input.host}\n\ncontent-type;host\n${sha256(input.body)}`;
  const scope = `${date}/${input.service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

export async function rawRequest(
  emulator: CiamEmulator,
  request: RawRequest = {},
): Promise<RawResponse> {
  const method = request.method ?? 'POST';
  const body = request.body ?? '{}';
  const contentType = request.contentType ?? 'application/json';
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const authorization =
    request.authorization !== undefined
      ? request.authorization
      : signTc3({
          secretId: request.secretId ?? emulator.secretId,
          secretKey: request.secretKey ?? emulator.secretKey,
          service: 'ciam',
          host: new URL(emulator.url).hostname,
          contentType,
          timestamp,
          body,
        });
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-TC-Action': request.action ?? 'ListUserStore',
    'X-TC-Version': request.version ?? '2022-03-31',
    'X-TC-Region': request.region ?? emulator.region,
    'X-TC-Timestamp': String(timestamp),
    ...request.headers,
  };
  if (authorization !== null) headers.Authorization = authorization;
  const response = await fetch(`${emulator.url}/`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
