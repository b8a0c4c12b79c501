import { describe, expect, it } from 'vitest'
import { MOTP_VECTORS, YANDEX_VECTORS } from '../../../test/support/otp-fixtures.ts'
import { base32Decode } from '../encoding/base32.ts'
import { hexDecode } from '../encoding/hex.ts'
import { motpCode } from './motp.ts'
import { yandexCode, yandexKey } from './yandex.ts'

describe('mOTP (Aegis MOTPTest vectors)', () => {
  it.each(MOTP_VECTORS)('$time s, PIN $pin → $code', ({ time, code, pin, secret }) => {
    expect(motpCode(hexDecode(secret), pin, time * 1000)).toBe(code)
  })

  it('refuses a PIN that is not digits, and an empty key', () => {
    expect(() => motpCode(hexDecode('e3152afee62599c8'), '12a4', 0)).toThrowError(expect.objectContaining({ code: 'INVALID_PARAMETER' }))
    expect(() => motpCode(new Uint8Array(0), '1234', 0)).toThrowError(expect.objectContaining({ code: 'INVALID_SECRET' }))
  })
})

describe('Yandex Key (Aegis YAOTPTest vectors)', () => {
  it.each(YANDEX_VECTORS)('$time s, PIN $pin → $code', async ({ pin, secret, time, code }) => {
    expect(await yandexCode(base32Decode(secret), pin, time * 1000)).toBe(code)
  })

  it('accepts the 16-byte key of a QR code, and checks the 26-byte form', () => {
    const full = base32Decode(YANDEX_VECTORS[0]!.secret)
    expect(yandexKey(full.slice(0, 16))).toEqual(full.slice(0, 16))
    const typo = new Uint8Array(full)
    typo[3]! ^= 1
    expect(() => yandexKey(typo)).toThrowError(
      expect.objectContaining({ code: 'INVALID_SECRET', message: expect.stringMatching(/checksum/) as unknown }),
    )
    expect(() => yandexKey(full.slice(0, 20))).toThrowError(/16 or 26 bytes/)
  })

  it('the 16-byte key gives the same codes as the full secret', async () => {
    const { pin, secret, time, code } = YANDEX_VECTORS[1]!
    expect(await yandexCode(base32Decode(secret).slice(0, 16), pin, time * 1000)).toBe(code)
  })
})
