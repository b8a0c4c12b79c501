import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../errors.ts'
import { decodeMigrationBase64 } from './migration-base64.ts'

describe('decodeMigrationBase64 (migration.md, "URI and Base64")', () => {
  const bytes = Uint8Array.of(0xfb, 0xff, 0xbf, 0x01)
  it.each(['+/+/AQ==', '+/+/AQ', ' / /AQ=', '-_-_AQ', '-/+_AQ=='])('accepts %s', (text) => {
    expect(decodeMigrationBase64(text)).toEqual(bytes)
  })

  it.each(['A', 'AAAAA', 'AA=A', 'AA*A', 'AA\nAA'])('refuses %s', (text) => {
    try {
      decodeMigrationBase64(text)
      expect.unreachable()
    } catch (e) {
      expect(isKeyfobError(e, 'INVALID_MIGRATION')).toBe(true)
    }
  })
})
