import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../errors.ts'
import { crc24 } from './crc24.ts'
import { encodeRecoveryKey, parseRecoveryKey } from './recovery-key.ts'
import { expectCode } from '../../../test/support/vault-fixtures.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const keyBytes = fc.uint8Array({ minLength: 32, maxLength: 32 })
const SAMPLE = encodeRecoveryKey(new Uint8Array(32).map((_, i) => i * 7))

function messageOf(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    if (isKeyfobError(e, 'INVALID_RECOVERY_KEY')) return e.message
    throw e
  }
  throw new Error('no error')
}

describe('crc24', () => {
  it('has the CRC-24/OPENPGP check value', () => {
    expect(crc24(new TextEncoder().encode('123456789'))).toBe(0x21cf02)
    expect(crc24(new Uint8Array(0))).toBe(0xb704ce)
  })
})

describe('recovery key', () => {
  it('is 56 base32 characters in 14 groups of 4', () => {
    expect(SAMPLE).toMatch(/^(?:[A-Z2-7]{4}-){13}[A-Z2-7]{4}$/)
  })

  it('round-trips any key', () => {
    fc.assert(
      fc.property(keyBytes, (key) => {
        expect(parseRecoveryKey(encodeRecoveryKey(key))).toEqual(key)
      }),
    )
  })

  it('is read back in any case, with any spaces and dashes', () => {
    const separator = fc.constantFrom('', '', ' ', '-', '  ', '\t', ' - ', '–', '\n')
    fc.assert(
      fc.property(
        keyBytes,
        fc.array(fc.boolean(), { minLength: 56, maxLength: 56 }),
        fc.array(separator, { minLength: 57, maxLength: 57 }),
        (key, lower, seps) => {
          const chars = [...encodeRecoveryKey(key).replaceAll('-', '')]
          const typed = chars.map((c, i) => (seps[i] ?? '') + (lower[i] === true ? c.toLowerCase() : c)).join('') + (seps[56] ?? '')
          expect(parseRecoveryKey(typed)).toEqual(key)
        },
      ),
    )
  })

  it('reports every single wrong character as a typo', () => {
    fc.assert(
      fc.property(keyBytes, fc.nat(55), fc.integer({ min: 1, max: 31 }), (key, index, shift) => {
        const chars = [...encodeRecoveryKey(key).replaceAll('-', '')]
        chars[index] = ALPHABET[(ALPHABET.indexOf(chars[index] ?? 'A') + shift) % 32] ?? 'A'
        expect(messageOf(() => parseRecoveryKey(chars.join('')))).toMatch(/check does not match/)
      }),
    )
  })

  it('reports every swap of two different neighbours as a typo', () => {
    fc.assert(
      fc.property(keyBytes, fc.nat(54), (key, index) => {
        const chars = [...encodeRecoveryKey(key).replaceAll('-', '')]
        fc.pre(chars[index] !== chars[index + 1])
        ;[chars[index], chars[index + 1]] = [chars[index + 1] ?? '', chars[index] ?? '']
        expect(messageOf(() => parseRecoveryKey(chars.join('')))).toMatch(/check does not match/)
      }),
    )
  })

  it('reads any text as a key or a typo, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          expect(parseRecoveryKey(text)).toHaveLength(32)
        } catch (e) {
          expect(isKeyfobError(e, 'INVALID_RECOVERY_KEY'), String(e)).toBe(true)
        }
      }),
    )
  })

  it.each([
    ['a missing character', SAMPLE.slice(0, -1), /has 55 characters; a recovery key has 56/],
    ['a missing group', SAMPLE.slice(0, -5), /has 52 characters/],
    ['an extra character', `${SAMPLE}A`, /has 57 characters/],
    ['nothing', '', /has 0 characters/],
    ['a zero for an O', `${SAMPLE.slice(0, 5)}0${SAMPLE.slice(6)}`, /'0' in group 2 .*did you mean O\?/],
    ['a one for an I', `1${SAMPLE.slice(1)}`, /'1' in group 1 .*I or L/],
    ['an eight for a B', `${SAMPLE.slice(0, -1)}8`, /'8' in group 14 .*B\?/],
    ['a long s, which upper-cases to S', `ſ${SAMPLE.slice(1)}`, /'ſ' in group 1 is not used/],
    ['a stray character', `${SAMPLE.slice(0, 10)}.${SAMPLE.slice(10)}`, /'\.' in group 3/],
  ])('names %s', (_name, text, message) => {
    expect(messageOf(() => parseRecoveryKey(text))).toMatch(message)
  })

  it('refuses to encode a key of the wrong length', async () => {
    await expectCode(() => encodeRecoveryKey(new Uint8Array(31)), 'INVALID_PARAMETER')
  })
})
