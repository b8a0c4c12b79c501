import { describe, expect, it } from 'vitest'
import { exportFileName } from './export-file-name.ts'
import { plaintextWarning } from './plaintext-warning.ts'

describe('exportFileName', () => {
  // Local time: the file carries the user's calendar day.
  const date = new Date(2026, 10, 23, 23, 59)

  it.each([
    ['keyfob-backup', 'keyfob-backup-2026-11-23.json'],
    ['aegis-encrypted', 'aegis-export-20261123.json'],
    ['aegis-plain', 'aegis-export-plain-20261123.json'],
    ['otpauth-uri-list', 'keyfob-otpauth-uris-2026-11-23.txt'],
    ['google-migration', 'keyfob-google-authenticator-2026-11-23.txt'],
  ] as const)('%s → %s', (format, name) => {
    expect(exportFileName(format, date)).toBe(name)
  })

  it('pads months and days', () => {
    expect(exportFileName('keyfob-backup', new Date(2027, 0, 5))).toBe('keyfob-backup-2027-01-05.json')
    expect(exportFileName('aegis-plain', new Date(2027, 0, 5))).toBe('aegis-export-plain-20270105.json')
  })
})

describe('plaintextWarning', () => {
  it('is null for encrypted formats and a sentence for plain ones', () => {
    expect(plaintextWarning('keyfob-backup')).toBeNull()
    expect(plaintextWarning('aegis-encrypted')).toBeNull()
    for (const format of ['aegis-plain', 'otpauth-uri-list', 'google-migration'] as const) {
      expect(plaintextWarning(format)).toMatch(/not encrypted/)
    }
  })
})
