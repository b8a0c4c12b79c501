import { describe, expect, it } from 'vitest'
import { isKeyfobBackupJson } from './parse-keyfob-backup.ts'

describe('isKeyfobBackupJson', () => {
  it('recognises a Keyfob backup for format detection', () => {
    expect(isKeyfobBackupJson({ format: 'keyfob-backup' })).toBe(true)
    expect(isKeyfobBackupJson({ format: 'keyfob-vault' })).toBe(false)
    expect(isKeyfobBackupJson([])).toBe(false)
    expect(isKeyfobBackupJson(null)).toBe(false)
  })
})
