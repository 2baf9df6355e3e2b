/** The Tencent Cloud SDK client that talks to CIAM. */
export const CIAM_CLIENT = Symbol('CIAM_CLIENT');
/** Connection details: endpoint, user store, and the emulator when one runs in-process. */
export const CIAM_CONNECTION = Symbol('CIAM_CONNECTION');
