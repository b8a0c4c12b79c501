/**
 * Yandex Key codes, as Aegis computes them (`crypto/otp/YAOTP.java`,
 * `otp/YandexInfo.java`): the secret is 16 key bytes, optionally followed by
 * 10 more ending in a 12-bit checksum (26 bytes in Yandex's exports; a QR code
 * gives 16). key = SHA-256(PIN ‖ key bytes), without its first byte when that
 * is 0; then HMAC-SHA256 of the 30-second step, RFC 4226's dynamic offset, 63
 * bits big-endian, reduced modulo 26^8 and written as 8 lower-case letters.
 */
import { KeyfobError } from '../errors.ts'

export const YANDEX_PERIOD = 30
export const YANDEX_DIGITS = 8
const KEY_BYTES = 16
const FULL_BYTES = 26

/** The 16 key bytes of a Yandex secret; INVALID_SECRET for a wrong length or checksum. */
export function yandexKey(secret: Uint8Array): Uint8Array {
  if (secret.length !== KEY_BYTES && secret.length !== FULL_BYTES) {
    throw new KeyfobError('INVALID_SECRET', `A Yandex Key secret is 16 or 26 bytes, not ${secret.length}.`)
  }
  if (secret.length === FULL_BYTES && yandexChecksum(secret) !== (((secret[24]! & 0x0f) << 8) | secret[25]!)) {
    throw new KeyfobError('INVALID_SECRET', 'The Yandex Key secret fails its checksum (a typo?).')
  }
  return secret.slice(0, KEY_BYTES)
}

/**
 * The checksum over the first 26·8 − 12 bits: a CRC-like division by the
 * 13-bit polynomial 0b1_1000_1111_0011 (KeeYaOtp's ChecksumIsValid, as ported by Aegis).
 */
function yandexChecksum(secret: Uint8Array): number {
  let accum = 0
  let accumBits = 0
  let total = secret.length * 8 - 12
  let index = 0
  let available = 8
  while (total > 0) {
    let required = Math.min(13 - accumBits, total)
    while (required > 0) {
      let input = secret[index]! & ((1 << available) - 1)
      const take = Math.min(required, available)
      input >>= available - take
      accum = ((accum << take) | input) & 0xffff
      total -= take
      required -= take
      available -= take
      accumBits += take
      if (available === 0) {
        index++
        available = 8
      }
    }
    if (accumBits === 13) accum ^= 0b1_1000_1111_0011
    accumBits = accum === 0 ? 0 : 32 - Math.clz32(accum)
  }
  return accum
}

/** Yandex's HMAC key: SHA-256(PIN ‖ key bytes), without its first byte when that is 0. */
export async function importYandexKey(secret: Uint8Array, pin: string | undefined): Promise<CryptoKey> {
  if (pin === undefined || pin.length < 4 || pin.length > 16)
    throw new KeyfobError('INVALID_PARAMETER', 'A Yandex Key account needs its PIN: 4 to 16 characters.')
  const key = yandexKey(secret)
  const pinBytes = new TextEncoder().encode(pin)
  const input = new Uint8Array(pinBytes.length + key.length)
  input.set(pinBytes)
  input.set(key, pinBytes.length)
  let keyHash = new Uint8Array(await crypto.subtle.digest('SHA-256', input))
  if (keyHash[0] === 0) keyHash = keyHash.slice(1)
  return crypto.subtle.importKey('raw', keyHash, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

export async function yandexForStep(key: CryptoKey, step: bigint): Promise<string> {
  const counter = new Uint8Array(8)
  new DataView(counter.buffer).setBigUint64(0, step)
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter))
  const offset = mac[mac.length - 1]! & 0x0f
  mac[offset]! &= 0x7f
  let code = new DataView(mac.buffer).getBigUint64(offset) % 26n ** BigInt(YANDEX_DIGITS)
  const letters: string[] = []
  for (let i = 0; i < YANDEX_DIGITS; i++) {
    letters.unshift(String.fromCharCode(97 + Number(code % 26n)))
    code /= 26n
  }
  return letters.join('')
}

export async function yandexCode(secret: Uint8Array, pin: string, nowMs: number): Promise<string> {
  return yandexForStep(await importYandexKey(secret, pin), BigInt(Math.floor(Math.floor(nowMs / 1000) / YANDEX_PERIOD)))
}
