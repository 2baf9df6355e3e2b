import { randomBytes, randomInt } from 'node:crypto';
import type {
  CiamEmulatorOtpRecipient,
  CiamEmulatorSentOtp,
  CiamOtpUsage,
} from './auth.interface.js';
import { oauthError } from './oauth-error.js';

export interface OtpRecord {
  readonly otpToken: string;
  readonly otp: string;
  readonly usage: CiamOtpUsage;
  readonly channel: 'sms' | 'email';
  readonly phoneNumber?: string;
  readonly email?: string;
  readonly clientId: string;
  readonly authSourceId?: string;
  readonly sentAt: number;
  readonly expiresAt: number;
  consumed: boolean;
}

export type OtpRequest = Omit<OtpRecord, 'otpToken' | 'otp' | 'sentAt' | 'expiresAt' | 'consumed'>;

/** Who an OTP was sent to, as a login, a reset or an update names them. */
export type OtpAddressee =
  { channel: 'sms'; phoneNumber: string } | { channel: 'email'; email: string };

/**
 * OTPs sent through `/otp/send`, oldest first, and the per-number SMS rate limit. Times are ms
 * of the emulator clock.
 */
export class OtpStore {
  private sent: OtpRecord[] = [];
  private lastSms = new Map<string, number>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly smsIntervalSeconds: number,
  ) {}

  /** Sends (stores) a six-digit code; a second SMS too soon → `sms_rate_limit_exceeded`. */
  send(request: OtpRequest, now: number): OtpRecord {
    if (request.channel === 'sms' && request.phoneNumber !== undefined) {
      const last = this.lastSms.get(request.phoneNumber);
      if (last !== undefined && now - last < this.smsIntervalSeconds * 1000) {
        throw oauthError(
          'sms_rate_limit_exceeded',
          'SMS rate limit exceeded for same phone number',
        );
      }
      this.lastSms.set(request.phoneNumber, now);
    }
    const record: OtpRecord = {
      ...request,
      otpToken: randomBytes(24).toString('base64url'),
      otp: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      sentAt: now,
      expiresAt: now + this.ttlSeconds * 1000,
      consumed: false,
    };
    this.sent.push(record);
    return record;
  }

  /** The unconsumed, unexpired OTP of that token. */
  find(otpToken: string, now: number): OtpRecord | undefined {
    return this.sent.find(
      (record) => record.otpToken === otpToken && !record.consumed && record.expiresAt > now,
    );
  }

  list(): CiamEmulatorSentOtp[] {
    return this.sent.map(publicView);
  }

  last(recipient: CiamEmulatorOtpRecipient): CiamEmulatorSentOtp | undefined {
    const matches = (record: OtpRecord): boolean =>
      'phoneNumber' in recipient
        ? record.phoneNumber === recipient.phoneNumber
        : record.email?.toLowerCase() === recipient.email.toLowerCase();
    const record = [...this.sent].reverse().find(matches);
    return record === undefined ? undefined : publicView(record);
  }

  clear(): void {
    this.sent = [];
    this.lastSms.clear();
  }
}

/** True when the OTP was sent to that addressee. */
export function sentTo(record: OtpRecord, addressee: OtpAddressee): boolean {
  if (record.channel !== addressee.channel) return false;
  return addressee.channel === 'sms'
    ? record.phoneNumber === addressee.phoneNumber
    : record.email?.toLowerCase() === addressee.email.toLowerCase();
}

function publicView(record: OtpRecord): CiamEmulatorSentOtp {
  const view: CiamEmulatorSentOtp = {
    otpToken: record.otpToken,
    otp: record.otp,
    usage: record.usage,
    channel: record.channel,
    sentAt: record.sentAt,
    expiresAt: record.expiresAt,
    consumed: record.consumed,
  };
  if (record.phoneNumber !== undefined) view.phoneNumber = record.phoneNumber;
  if (record.email !== undefined) view.email = record.email;
  return view;
}
