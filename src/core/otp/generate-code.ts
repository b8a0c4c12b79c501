import type { OtpConfig } from '../types.ts'
import { base32Decode } from '../encoding/base32.ts'
import { assertOtpType, timeStep } from './code-window.ts'
import { hotpWithKey, importOtpKey } from './hotp.ts'
import type { MotpKey } from './motp.ts'
import { steamForCounter } from './steam.ts'

// mOTP (with its MD5) and Yandex Key are rare: their code loads with the first such account, not with
// the worker (issue #15).
const motp = () => import('./motp.ts')
const yandex = () => import('./yandex.ts')

/** An HMAC key, or what an mOTP code is computed from (MD5 has no key object). */
export type OtpKey = CryptoKey | MotpKey

/**
 * Imports the HMAC key a configuration needs (Steam is always HMAC-SHA1,
 * whatever `algorithm` says). The background imports once per unlock and
 * passes the key to the `…WithKey` functions.
 */
export async function importConfigKey(
  config: Pick<OtpConfig, 'type' | 'secret' | 'algorithm' | 'pin'>,
  /** The secret's bytes when the caller has decoded them already. */
  secret: Uint8Array = base32Decode(config.secret),
): Promise<OtpKey> {
  assertOtpType(config.type)
  if (config.type === 'motp') return (await motp()).motpKey(secret, config.pin)
  if (config.type === 'yandex') return (await yandex()).importYandexKey(secret, config.pin)
  return importOtpKey(secret, config.type === 'steam' ? 'SHA1' : config.algorithm)
}

/**
 * The code of counter / time step `counter`: digits for TOTP and HOTP, 5 letters
 * for Steam, lower-case hex for mOTP, 8 letters for Yandex Key.
 */
export async function codeForCounter(key: OtpKey, config: Pick<OtpConfig, 'type' | 'digits'>, counter: bigint): Promise<string> {
  assertOtpType(config.type)
  if ('kind' in key) return (await motp()).motpForStep(key, counter, config.digits)
  if (config.type === 'yandex') return (await yandex()).yandexForStep(key, counter)
  return config.type === 'steam' ? steamForCounter(key, counter) : hotpWithKey(key, counter, config.digits)
}

/** The code to show at `nowMs` (HOTP: the code of `config.counter`), with a key from importConfigKey. */
export async function generateCodeWithKey(key: OtpKey, config: OtpConfig, nowMs: number): Promise<string> {
  assertOtpType(config.type)
  const counter = config.type === 'hotp' ? config.counter : timeStep(config, nowMs)
  return codeForCounter(key, config, counter)
}

/** The code to show at `nowMs` (Unix ms); imports the key each call (see generateCodeWithKey). */
export async function generateCode(config: OtpConfig, nowMs: number): Promise<string> {
  return generateCodeWithKey(await importConfigKey(config), config, nowMs)
}
