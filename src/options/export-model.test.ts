import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../core/errors.ts'
import type { ExportResult } from '../shared/protocol.ts'
import { fakeClient, status } from '../../test/fake-popup-client.ts'
import { createExportModel } from './export-model.ts'

const result = (extra: Partial<ExportResult> = {}): ExportResult => ({
  fileName: null,
  text: null,
  qrSvgs: [],
  skipped: [],
  warnings: [],
  ...extra,
})

describe('export model', () => {
  it('asks the background for the chosen format, with the file password only for an encrypted one, and downloads the file', async () => {
    const downloads: [string, string][] = []
    const { client, calls } = fakeClient({
      exportVault: (i) =>
        result(i.format === 'keyfob-backup' ? { fileName: 'keyfob.json', text: '{}' } : { text: 'otpauth://…', fileName: 'keys.txt' }),
    })
    const m = createExportModel(client, String, (name, text) => void downloads.push([name, text]))
    await m.exportVault({ password: 'pw', filePassword: 'file pw', acceptPlaintext: false })
    m.done()
    m.choose('otpauth-uri-list')
    expect(m.encrypted.value).toBe(false)
    await m.exportVault({ password: 'pw', filePassword: 'ignored', acceptPlaintext: true })
    expect(calls.map((c) => c.input)).toEqual([
      { format: 'keyfob-backup', password: 'pw', acceptPlaintext: false, exportPassword: 'file pw' },
      { format: 'otpauth-uri-list', password: 'pw', acceptPlaintext: true },
    ])
    expect(downloads).toEqual([
      ['keyfob.json', '{}'],
      ['keys.txt', 'otpauth://…'],
    ])
  })

  it('pages through QR codes within their count; a failure shows its error and no result', async () => {
    let fail = false
    const { client } = fakeClient({
      exportVault: () => {
        if (fail) throw new KeyfobError('WRONG_PASSWORD', 'wrong')
        return result({ qrSvgs: ['<svg>1</svg>', '<svg>2</svg>'] })
      },
      getStatus: () => status('unlocked', { hasPassword: false }),
    })
    const m = createExportModel(
      client,
      (e) => `shown:${(e as KeyfobError).code}`,
      () => {
        throw new Error('nothing to download')
      },
    )
    await m.load()
    expect(m.hasPassword.value).toBe(false)
    m.choose('google-migration')
    await m.exportVault({ password: '', filePassword: '', acceptPlaintext: true })
    m.previous()
    expect(m.page.value).toBe(0)
    m.next()
    m.next()
    expect(m.page.value).toBe(1)
    m.done()
    fail = true
    await m.exportVault({ password: 'x', filePassword: '', acceptPlaintext: true })
    expect([m.error.value, m.result.value, m.busy.value]).toEqual(['shown:WRONG_PASSWORD', null, false])
  })
})
