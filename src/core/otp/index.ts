// Public API of the OTP engine and the encodings it reads. src/core/index.ts gathers this.
export { base32Decode, base32Encode, normalizeBase32 } from '../encoding/base32.ts'
export { base64Decode, base64Encode, type Base64EncodeOptions } from '../encoding/base64.ts'
export { hexDecode, hexEncode } from '../encoding/hex.ts'
export {
  isWeakKey,
  MIN_STRONG_KEY_BYTES,
  parseSecret,
  type ParsedSecret,
  type SecretEncoding,
} from '../encoding/parse-secret.ts'

export { hotp, hotpWithKey, importOtpKey, MAX_COUNTER, MAX_DIGITS, MIN_DIGITS, type HotpOptions } from './hotp.ts'
export { totp, totpCounter, totpWithKey, type TotpParams } from './totp.ts'
export { STEAM_ALPHABET, STEAM_CODE_LENGTH, STEAM_PERIOD, steam, steamWithKey } from './steam.ts'
export { codeWindow, type CodeWindow } from './code-window.ts'
export { codeForCounter, generateCode, generateCodeWithKey, importConfigKey } from './generate-code.ts'
export { generateTimedCode, generateTimedCodeWithKey, type TimedCode } from './generate-timed-code.ts'
export { verifyCode, verifyCodeWithKey } from './verify-code.ts'
export { generateSecret, MAX_GENERATED_SECRET_BYTES, MIN_GENERATED_SECRET_BYTES } from './generate-secret.ts'
export { formatSecret } from './format-secret.ts'
export { formatCode } from './format-code.ts'
