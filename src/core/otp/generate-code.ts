import type { OtpConfig } from '../types.ts'
import { base32Decode } from '../encoding/base32.ts'
import { assertOtpType, timeStep } from './code-window.ts'
import { hotpWithKey, importOtpKey } from './hotp.ts'
import { steamForCounter } from './steam.ts'

/**
 * Imports the HMAC key a configuration needs (Steam is always HMAC-SHA1,
 * whatever `algorithm` says). The background imports once per unlock and
 * passes the key to the `…WithKey` functions.
 */
export async function importConfigKey(config: Pick<OtpConfig, 'type' | 'secret' | 'algorithm'>): Promise<CryptoKey> {
  assertOtpType(config.type)
  return importOtpKey(base32Decode(config.secret), config.type === 'steam' ? 'SHA1' : config.algorithm)
}

/** The code of counter / time step `counter`: digits for TOTP and HOTP, 5 letters for Steam. */
export async function codeForCounter(key: CryptoKey, config: Pick<OtpConfig, 'type' | 'digits'>, counter: bigint): Promise<string> {
  assertOtpType(config.type)
  return config.type === 'steam' ? steamForCounter(key, counter) : hotpWithKey(key, counter, config.digits)
}

/** The code to show at `nowMs` (HOTP: the code of `config.counter`), with a key from importConfigKey. */
export async function generateCodeWithKey(key: CryptoKey, config: OtpConfig, nowMs: number): Promise<string> {
  assertOtpType(config.type)
  const counter = config.type === 'hotp' ? config.counter : timeStep(config, nowMs)
  return codeForCounter(key, config, counter)
}

/** The code to show at `nowMs` (Unix ms); imports the key each call (see generateCodeWithKey). */
export async function generateCode(config: OtpConfig, nowMs: number): Promise<string> {
  return generateCodeWithKey(await importConfigKey(config), config, nowMs)
}
