// Virtual MFA devices as rolechain stores them. The serial number is the device's ARN
// (arn:aws:iam::<acct>:mfa/<path><name>); the seed is sealed at rest like secret keys. A device is
// "assigned" once EnableMFADevice ties it to a user; STS checks SerialNumber/TokenCode against it.
import type { Store } from '../../../store/index.js';
import type { SecretBox } from '../../../server/secret-box.js';
import { KIND, type Tag } from '../model.js';
import { verifyTotp } from './totp.js';

export interface MfaDeviceRecord {
  serialNumber: string;
  path: string;
  deviceName: string;
  seedSealed: string;
  createDate: string;
  tags: Tag[];
  /** Set while the device is assigned to a user. */
  userName?: string;
  userId?: string;
  enableDate?: string;
  /** The last TOTP step accepted: a code is good once (replay protection). */
  lastStep?: number;
}

export function mfaArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:mfa${path}${name}`;
}

/** The store's unique name: path and name, so two devices differ in one of them (as in IAM). */
export function mfaStoreName(path: string, name: string): string {
  return `${path}${name}`;
}

export function getMfaDevice(store: Store, account: string, serialNumber: string) {
  return store.get<MfaDeviceRecord>(KIND.mfaDevice, account, serialNumber);
}

export function listMfaDevices(store: Store, account: string): MfaDeviceRecord[] {
  return store.list<MfaDeviceRecord>(KIND.mfaDevice, account).map((r) => r.data);
}

/** Devices assigned to the user with this unique id. */
export function userMfaDevices(store: Store, account: string, userId: string): MfaDeviceRecord[] {
  return listMfaDevices(store, account).filter((d) => d.userId === userId);
}

/**
 * For STS (GetSessionToken / AssumeRole with SerialNumber + TokenCode): whether the code is the current
 * one of an MFA device assigned to the given user. Replay protection is the caller's choice: pass the
 * device's lastStep via `opts.notAfterOrAt` through `matchTotpStep` when it records uses.
 */
export function verifyUserMfaCode(
  store: Store,
  secrets: SecretBox,
  account: string,
  userId: string,
  serialNumber: string,
  code: string,
  now: Date,
): boolean {
  const dev = getMfaDevice(store, account, serialNumber)?.data;
  if (!dev || dev.userId !== userId) return false;
  return verifyTotp(secrets.open(dev.seedSealed), code, now);
}
