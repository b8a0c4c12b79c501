import { describe, expect, it } from 'vitest'
import * as api from './index.ts'

describe('src/core/export public API', () => {
  it('exports every exporter and helper', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BACKUP_FORMAT', 'BACKUP_VERSION', 'MIGRATION_QR_MAX_ACCOUNTS', 'MIGRATION_QR_MAX_CHARS', 'accountsInOrder',
      'aegisLimitations', 'exportAegisJson', 'exportFileName', 'exportKeyfobBackup', 'exportMigrationQrPayloads',
      'exportUriList', 'importKeyfobBackup', 'isKeyfobBackupJson', 'parseKeyfobBackup', 'plaintextWarning',
    ])
  })

  it('recognises a Keyfob backup for format detection', () => {
    expect(api.isKeyfobBackupJson({ format: 'keyfob-backup' })).toBe(true)
    expect(api.isKeyfobBackupJson({ format: 'keyfob-vault' })).toBe(false)
    expect(api.isKeyfobBackupJson([])).toBe(false)
    expect(api.isKeyfobBackupJson(null)).toBe(false)
  })
})
