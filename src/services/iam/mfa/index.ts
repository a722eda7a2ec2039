// Virtual MFA: TOTP (RFC 6238) and the stored devices. STS verifies MFA codes with verifyTotp /
// verifyUserMfaCode.
export {
  verifyTotp,
  matchTotpStep,
  matchConsecutiveCodes,
  totp,
  totpStep,
  base32Encode,
  base32Decode,
} from './totp.js';
export {
  type MfaDeviceRecord,
  mfaArn,
  getMfaDevice,
  listMfaDevices,
  userMfaDevices,
  verifyUserMfaCode,
} from './devices.js';
