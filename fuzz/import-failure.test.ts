/**
 * "A failed import never changes the vault" (issue 8), at the background
 * level: the import page's own sequence (read the file with importBackup or,
 * for Keyfob's backup, importKeyfobBackup; send the accounts as JSON through
 * the router, a dry run then the real one) on random and mutated files, and
 * sometimes with one transferred account made invalid on the way. Whenever
 * any step fails, every stored record of storage.local is byte-for-byte what
 * it was and the account list is unchanged. Storage is @webext-core's fake.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import fc from 'fast-check'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import { toTransferred, type TransferredAccount } from '../src/core/accounts/transfer-account.ts'
import { isKeyfobError } from '../src/core/errors.ts'
import { importKeyfobBackup } from '../src/core/export/import-keyfob-backup.ts'
import { isKeyfobBackupJson } from '../src/core/export/parse-keyfob-backup.ts'
import { importBackup } from '../src/core/import/import-backup.ts'
import { tryDecodeText } from '../src/core/import/read-json.ts'
import { LOCAL } from '../src/shared/storage-keys.ts'
import { fileInputArb, type FileInput } from './input-arbitraries.ts'
import { formatSeeds, vaultSeeds } from './seeds/cached-seeds.ts'
import { FUZZ_PASSWORD } from './seeds/format-seeds.ts'
import { VAULT_PASSWORD } from './seeds/vault-seeds.ts'

vi.mock('../src/shared/browser-api.ts', () => ({ ext: fakeBrowser }))
fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Keyfob', version: '0.1.0' })
const { routeFor } = await import('../src/background/serve-background.ts')
const { createBackground } = await import('../src/background/background.ts')

const NOW = 1_700_000_000_000
const importPage: Runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/src/options/import.html') }

/**
 * A fresh worker over the same storage, as after a service-worker restart: it
 * resumes from the session key, so no state leaks from one input to the next.
 */
function boot() {
  const services = createBackground({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    deviceKeys: { load: async () => null, save: async () => {}, clear: async () => {} },
    version: '0.1.0',
    // A fixed clock: the account list compared below carries codes, which would change at a 30 s boundary mid-run.
    now: () => NOW,
  })
  const route = routeFor(services)
  return (type: string, input: unknown) =>
    route({ channel: 'popup', type, input: JSON.parse(JSON.stringify(input)) as unknown }, importPage)
}

/** Every storage.local record as JSON text, keys sorted: what "byte-for-byte" compares. */
async function storedRecords(): Promise<string> {
  const all = await fakeBrowser.storage.local.get(null)
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(all)
        .sort()
        .map((k) => [k, all[k]]),
    ),
  )
}

/** The accounts as stored, without their current codes (a run may cross a 30 s period). */
async function accountList(send: ReturnType<typeof boot>): Promise<unknown> {
  const r = await send('listAccounts', {})
  expect(r.ok).toBe(true)
  return r.ok ? (r.value as { accounts: Record<string, unknown>[] }).accounts.map(({ timed: _codes, ...rest }) => rest) : null
}

/** Ways the import page's accounts could arrive broken; the background must refuse the whole import. */
const TAMPERS: [string, (a: TransferredAccount) => unknown][] = [
  ['digits 42', (a) => ({ ...a, digits: 42 })],
  ['period 0', (a) => ({ ...a, period: 0 })],
  ['period past a day', (a) => ({ ...a, period: 86_401 })],
  ['counter past 2^64', (a) => ({ ...a, counter: '18446744073709551616' })],
  ['negative counter', (a) => ({ ...a, counter: '-1' })],
  ['empty secret', (a) => ({ ...a, secret: '' })],
  ['secret not base32', (a) => ({ ...a, secret: 'ABC!' })],
  ['type motp', (a) => ({ ...a, type: 'motp' })],
  ['algorithm MD5', (a) => ({ ...a, algorithm: 'MD5' })],
  ['a tag that is a number', (a) => ({ ...a, tags: [1] })],
  ['21 tags', (a) => ({ ...a, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })],
  ['pinned as text', (a) => ({ ...a, pinned: 'yes' })],
  ['a site that is no host name', (a) => ({ ...a, sites: ['not a host!'] })],
  ['an unknown field', (a) => ({ ...a, isAdmin: true })],
  ['a 201-character issuer', (a) => ({ ...a, issuer: 'x'.repeat(201) })],
  ['null', () => null],
  ['a list', (a) => [a]],
]

const tamperArb = fc.option(fc.record({ which: fc.nat({ max: TAMPERS.length - 1 }), at: fc.nat(), tooMany: fc.boolean() }), { freq: 2 })

/** The accounts the import page would send, or the typed error that stops it before sending. */
async function readFile(f: FileInput): Promise<TransferredAccount[]> {
  const text = tryDecodeText(f.bytes)
  let json: unknown
  try {
    json = text === null ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  if (isKeyfobBackupJson(json)) return (await importKeyfobBackup(f.bytes, f.password)).accounts.map((a) => toTransferred(a))
  return (await importBackup(f.bytes, f.password === undefined ? {} : { password: f.password })).entries.map((e) => toTransferred(e))
}

describe('a failed import never changes the vault', () => {
  let files: fc.Arbitrary<FileInput>
  beforeAll(async () => {
    fakeBrowser.reset()
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Keyfob', version: '0.1.0' })
    const send = boot()
    expect((await send('setup', { password: VAULT_PASSWORD })).ok).toBe(true)
    expect((await send('addAccounts', { text: 'otpauth://totp/Old:x?secret=JBSWY3DPEHPK3PXP&issuer=Old' })).ok).toBe(true)
    expect((await send('addAccounts', { text: 'otpauth://hotp/Older:y?secret=GEZDGNBVGY3TQOJQ&counter=7&issuer=Older' })).ok).toBe(true)
    const seeds = await formatSeeds()
    const synthetic = Object.values(seeds)
      .flat()
      .filter((s) => !s.slowKdf)
    const backup = { bytes: new TextEncoder().encode((await vaultSeeds()).backupText) }
    files = fc.oneof(
      { weight: 4, arbitrary: fileInputArb(synthetic, { maxLongBytes: 16 * 1024 }, { password: FUZZ_PASSWORD }) },
      { weight: 1, arbitrary: fileInputArb([backup], { maxLongBytes: 16 * 1024 }, { password: VAULT_PASSWORD }) },
    )
  })

  it('leaves every storage.local record and the account list as they were, whichever step fails', async () => {
    const before = await storedRecords()
    expect(Object.keys(JSON.parse(before) as object)).toEqual(expect.arrayContaining([LOCAL.vault, LOCAL.vaultPrevious]))
    const listBefore = await accountList(boot())
    const counts = { fileRefused: 0, accountRefused: 0, imported: 0 }

    await fc.assert(
      fc.asyncProperty(files, tamperArb, async (file, tamper) => {
        const send = boot()
        const expectUnchanged = async () => {
          expect(await storedRecords()).toBe(before)
          expect(await accountList(send)).toEqual(listBefore)
        }
        let accounts: unknown[]
        try {
          accounts = await readFile(file)
        } catch (e) {
          if (!isKeyfobError(e)) throw e
          counts.fileRefused++
          return expectUnchanged()
        }
        if (tamper && accounts.length > 0) {
          const i = tamper.at % accounts.length
          accounts[i] = TAMPERS[tamper.which]![1](accounts[i] as TransferredAccount)
          if (tamper.tooMany) accounts = Array.from({ length: 10_001 }, (_, n) => accounts[n % accounts.length])
        }
        const dry = await send('importAccounts', { accounts, dryRun: true })
        expect(await storedRecords()).toBe(before) // a dry run never writes
        const real = await send('importAccounts', { accounts, dryRun: false })
        expect(real.ok).toBe(dry.ok)
        if (!real.ok) {
          expect(real.error.code).toBe('INVALID_MESSAGE')
          counts.accountRefused++
          return expectUnchanged()
        }
        // A successful import only adds: what was there stays exactly as it was. Then the
        // stored state is put back, so that every input starts from the same vault.
        counts.imported++
        const after = (await accountList(send)) as unknown[]
        expect(after.slice(0, (listBefore as unknown[]).length)).toEqual(listBefore)
        const saved = JSON.parse(before) as Record<string, unknown>
        await fakeBrowser.storage.local.clear()
        await fakeBrowser.storage.local.set(saved)
      }),
      { numRuns: 300 },
    )
    // The property must have been exercised on each path, not only on unreadable files.
    expect(counts.fileRefused).toBeGreaterThan(0)
    expect(counts.accountRefused).toBeGreaterThan(0)
    expect(counts.imported).toBeGreaterThan(0)
  })
})
