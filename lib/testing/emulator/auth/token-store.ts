import { randomBytes, randomUUID } from 'node:crypto';

/** One sign-in (or one client_credentials request) and everything issued from it. */
export interface Grant {
  readonly id: string;
  readonly clientId: string;
  /** Absent for client_credentials: the token's subject is the client. */
  readonly userId?: string;
  readonly scope: readonly string[];
  readonly nonce?: string;
  /** Seconds since the epoch. */
  readonly authTime: number;
  /** Set when its refresh token was revoked: every token of the grant stops working. */
  revoked: boolean;
}

interface AccessTokenRecord {
  readonly grantId: string;
  readonly expiresAt: number;
  revoked: boolean;
}

interface RefreshTokenRecord {
  readonly grantId: string;
  readonly expiresAt: number;
}

export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly userId: string;
  readonly scope: readonly string[];
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  readonly authTime: number;
  readonly expiresAt: number;
}

/** Opaque values: 48 random bytes, base64url. */
function opaque(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * Grants, access tokens (by `jti`), refresh tokens and authorization codes; times in ms of the
 * emulator clock. Refresh tokens and codes are single-use.
 */
export class TokenStore {
  private grants = new Map<string, Grant>();
  private accessTokens = new Map<string, AccessTokenRecord>();
  private refreshTokens = new Map<string, RefreshTokenRecord>();
  private codes = new Map<string, AuthorizationCode>();
  /** Redeemed codes → the grant they started, revoked if the code comes back (RFC 6749 §4.1.2). */
  private redeemedCodes = new Map<string, string>();

  createGrant(fields: Omit<Grant, 'id' | 'revoked'>): Grant {
    const grant: Grant = { ...fields, id: randomUUID(), revoked: false };
    this.grants.set(grant.id, grant);
    return grant;
  }

  addAccessToken(jti: string, grant: Grant, expiresAt: number): void {
    this.accessTokens.set(jti, { grantId: grant.id, expiresAt, revoked: false });
  }

  /** The grant of an access token that is neither revoked nor forgotten by `reset()`. */
  activeAccessGrant(jti: string): Grant | undefined {
    const record = this.accessTokens.get(jti);
    if (record === undefined || record.revoked) return undefined;
    const grant = this.grants.get(record.grantId);
    return grant === undefined || grant.revoked ? undefined : grant;
  }

  issueRefreshToken(grant: Grant, expiresAt: number): string {
    const token = opaque();
    this.refreshTokens.set(token, { grantId: grant.id, expiresAt });
    return token;
  }

  /** Uses a refresh token up: its grant when it was valid, `undefined` otherwise. */
  redeemRefreshToken(token: string, clientId: string, now: number): Grant | undefined {
    const record = this.refreshTokens.get(token);
    if (record === undefined) return undefined;
    this.refreshTokens.delete(token);
    const grant = this.grants.get(record.grantId);
    if (grant === undefined || grant.revoked || record.expiresAt <= now) return undefined;
    return grant.clientId === clientId ? grant : undefined;
  }

  /** RFC 7009: a refresh token revokes its grant, an access token itself; others are ignored. */
  revoke(token: string, jti: string | undefined, clientId: string): void {
    const refresh = this.refreshTokens.get(token);
    if (refresh !== undefined) {
      const grant = this.grants.get(refresh.grantId);
      if (grant?.clientId !== clientId) return;
      this.refreshTokens.delete(token);
      grant.revoked = true;
      return;
    }
    const access = jti === undefined ? undefined : this.accessTokens.get(jti);
    if (access !== undefined && this.grants.get(access.grantId)?.clientId === clientId) {
      access.revoked = true;
    }
  }

  issueCode(code: AuthorizationCode): string {
    const value = opaque();
    this.codes.set(value, code);
    return value;
  }

  /**
   * A valid code, left in place until `consumeCode`; `undefined` for an unknown or expired one.
   * A code that was already redeemed revokes what its first use issued.
   */
  findCode(value: string, now: number): AuthorizationCode | undefined {
    const code = this.codes.get(value);
    if (code === undefined) {
      const grantId = this.redeemedCodes.get(value);
      const grant = grantId === undefined ? undefined : this.grants.get(grantId);
      if (grant !== undefined) grant.revoked = true;
      return undefined;
    }
    if (code.expiresAt > now) return code;
    this.codes.delete(value);
    return undefined;
  }

  /** Uses a code up and remembers which grant it started. */
  consumeCode(value: string, grant: Grant): void {
    this.codes.delete(value);
    this.redeemedCodes.set(value, grant.id);
  }

  clear(): void {
    this.grants.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
    this.redeemedCodes.clear();
  }
}
