import { describe, expect, it } from 'vitest'
import { encodeRecoveryKey } from '../sync/recovery-key.ts'
import { deserializeContent, serializeContent } from './content-codec.ts'
import { MAX_SYNC_RECORDS } from './parse-sync-section.ts'
import type { SyncSection, VaultContent } from './vault-content.ts'
import { sampleContent } from '../../../test/support/vault-fixtures.ts'
import { DEVICE_A, fullState, hlc, sampleState, sampleTombstone } from '../../../test/support/sync-fixtures.ts'

const RECOVERY = encodeRecoveryKey(new Uint8Array(32).fill(7))
const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)))

function section(): SyncSection {
  const a = sampleState()
  const b = fullState()
  const t = sampleTombstone()
  return {
    place: { kind: 'webdav', url: 'https://dav.example.com/keyfob/', user: 'alice', password: 'app password' },
    spaceId: '7d0f4b2e-95a1-4c1e-8f3a-2b6c9d8e1f00',
    syncKey: KEY,
    recoveryKey: RECOVERY,
    deviceId: DEVICE_A,
    clock: hlc(1_700_000_900_000, 3),
    headerEtag: '"h1"',
    shadow: { [a.id]: a, [b.id]: b, [t.id]: t },
    seen: { [a.id]: { etag: 'W/"e-1"', version: hlc(1_700_000_500_000) } },
    pending: [b.id],
    lastSyncAt: 1_700_000_900_000,
    lastBackupDay: '2023-11-14',
  }
}

function expectRefusal(run: () => unknown, code: string, message: RegExp): void {
  expect(run).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) as unknown }))
}

const withSync = (sync: unknown): VaultContent => ({ ...sampleContent(), sync: sync as SyncSection })
/** Content JSON with the section edited after serialising: what a damaged vault would hold. */
function damaged(edit: (sync: Record<string, unknown>) => void): string {
  const json = JSON.parse(serializeContent(withSync(section()))) as { sync: Record<string, unknown> }
  edit(json.sync)
  return JSON.stringify(json)
}

describe('the vault’s sync section', () => {
  it('round-trips every field, records and tombstones included', () => {
    const content = withSync(section())
    expect(deserializeContent(serializeContent(content)).content).toEqual(content)
  })

  it('round-trips the smallest section (browser place, no clock, no recovery key)', () => {
    const { recoveryKey: _r, clock: _c, lastSyncAt: _l, lastBackupDay: _d, ...rest } = section()
    const content = withSync({ ...rest, place: { kind: 'browser' }, shadow: {}, seen: {}, pending: [] })
    expect(deserializeContent(serializeContent(content)).content).toEqual(content)
  })

  it('is optional: a vault without it is unchanged (no schema change)', () => {
    expect(serializeContent(sampleContent())).not.toContain('"sync"')
    expect(deserializeContent(serializeContent(sampleContent())).content.sync).toBeUndefined()
  })

  const refusals: [string, (s: Record<string, unknown>) => void, RegExp][] = [
    ['an unknown field', (s) => (s['note'] = 1), /sync has an unknown field 'note'/],
    ['no sync key', (s) => delete s['syncKey'], /sync\.syncKey is missing/],
    ['a 16-byte sync key', (s) => (s['syncKey'] = btoa('0123456789abcdef')), /syncKey must be 32 bytes/],
    ['an ftp place', (s) => (s['place'] = { kind: 'webdav', url: 'ftp://x', user: '', password: '' }), /http\(s\) URL/],
    ['a place URL that is not one', (s) => (s['place'] = { kind: 'webdav', url: 'not a url', user: '', password: '' }), /must be a URL/],
    ['a browser place with a URL', (s) => (s['place'] = { kind: 'browser', url: 'https://x' }), /unknown field 'url'/],
    ['an unknown place', (s) => (s['place'] = { kind: 'ftp' }), /place\.kind must be one of/],
    [
      'a huge password',
      (s) => (s['place'] = { kind: 'webdav', url: 'https://x/', user: 'u', password: 'p'.repeat(1025) }),
      /longer than 1024/,
    ],
    ['a device id that is not a UUID', (s) => (s['deviceId'] = 'device|1'), /deviceId must be a lower-case UUID/],
    [
      'a mistyped recovery key',
      (s) => (s['recoveryKey'] = RECOVERY.replace(/^./, RECOVERY.startsWith('A') ? 'B' : 'A')),
      /recoveryKey must be a recovery key/,
    ],
    ['a recovery key in lower case', (s) => (s['recoveryKey'] = RECOVERY.toLowerCase()), /grouped form/],
    [
      'a shadow record under another id',
      (s) => (s['shadow'] = { '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d': sampleState() }),
      /holds the record/,
    ],
    [
      'a shadow record with a bad counter',
      (s) => (s['shadow'] = { [sampleState().id]: { ...sampleState(), counter: '01' } }),
      /sync\.shadow\[.*\]: counter/,
    ],
    ['a pending id not in the shadow', (s) => (s['pending'] = ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']), /not in sync\.shadow/],
    ['a pending id twice', (s) => (s['pending'] = [fullState().id, fullState().id]), /twice/],
    ['a seen etag with a newline', (s) => (s['seen'] = { [sampleState().id]: { etag: 'a\nb', version: hlc(1) } }), /printable ASCII/],
    ['a seen entry without version', (s) => (s['seen'] = { [sampleState().id]: { etag: 'e' } }), /version is missing/],
    ['a clock with a fractional wall', (s) => (s['clock'] = { wall: 1.5, count: 0, device: DEVICE_A }), /sync\.clock\.wall/],
    ['a backup day that is not a date', (s) => (s['lastBackupDay'] = 'yesterday'), /YYYY-MM-DD/],
    ['too many pending ids', (s) => (s['pending'] = Array.from({ length: MAX_SYNC_RECORDS + 1 }, () => fullState().id)), /more than 10000/],
  ]

  it.each(refusals)('refuses %s on read (VAULT_CORRUPT)', (_name, edit, message) => {
    expectRefusal(() => deserializeContent(damaged(edit)), 'VAULT_CORRUPT', message)
  })

  it.each(refusals)('refuses %s on write too (INVALID_PARAMETER)', (_name, edit, message) => {
    const json = JSON.parse(JSON.stringify(section())) as Record<string, unknown>
    edit(json)
    expectRefusal(() => serializeContent(withSync(json)), 'INVALID_PARAMETER', message)
  })
})
