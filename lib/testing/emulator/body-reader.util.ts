import type { IncomingMessage } from 'node:http';
import { CiamEmulatorError } from './emulator-error.js';

/** Past this many discarded bytes an oversized upload is cut off instead of drained. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

function tooLarge(maxBytes: number): CiamEmulatorError {
  return new CiamEmulatorError(
    'RequestSizeLimitExceeded',
    `The request size exceeds the upper limit of ${maxBytes} bytes.`,
  );
}

/**
 * Discards the rest of the body so the client can finish sending and read the answer;
 * destroying the socket instead could make it miss the answer.
 */
function drain(request: IncomingMessage): void {
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) request.destroy();
  });
  request.resume();
}

/**
 * Reads the whole body, never holding more than `maxBytes`: a larger Content-Length is refused
 * before reading, a larger streamed body as soon as it passes the limit.
 */
export function readBoundedBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    drain(request);
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onFailure);
      request.off('close', onFailure);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      chunks.length = 0;
      drain(request);
      reject(tooLarge(maxBytes));
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onFailure = (): void => {
      stop();
      reject(new Error('The client closed the request before its body ended.'));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onFailure);
    request.on('close', onFailure);
  });
}
