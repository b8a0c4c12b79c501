/**
 * docs/security.md, "OTP keys: HMAC keys are imported once per unlock as non-extractable
 * CryptoKeys and dropped on lock" (code-engine.ts). The real services run over fake-browser
 * storage; crypto.subtle.importKey is a spy that records every HMAC key made and how.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Background } from '../background.ts'
import { fakeBackground } from '../../../test/support/fake-background.ts'
import { CodeEngine } from './code-engine.ts'
import { base32Decode } from '../../core/encoding/base32.ts'

// The real decoder, watched: how often a stored secret is decoded.
vi.mock('../../core/encoding/base32.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/encoding/base32.ts')>()
  return { ...real, base32Decode: vi.fn(real.base32Decode) }
})

const PASSWORD = 'correct horse battery staple'
const TOTP = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
const HOTP = 'otpauth://hotp/Widgets:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=Widgets&algorithm=SHA256'
const STEAM = 'otpauth://totp/Steam:carol?secret=KRUGS4ZANFZSAYLOMFWWKQ3P&issuer=Steam&encoder=steam'

/** Every HMAC key imported while the spy runs: whether it was asked for extractable, and the key made. */
let hmacImports: { extractable: boolean; key: Promise<CryptoKey> }[] = []

beforeEach(() => {
  fakeBrowser.reset()
  hmacImports = []
  const real = crypto.subtle.importKey.bind(crypto.subtle) as (...a: unknown[]) => Promise<CryptoKey>
  vi.spyOn(crypto.subtle, 'importKey').mockImplementation(((...args: unknown[]) => {
    const key = real(...args)
    const algorithm = args[2] as string | { name: string }
    if ((typeof algorithm === 'string' ? algorithm : algorithm.name) === 'HMAC') hmacImports.push({ extractable: args[3] as boolean, key })
    return key
  }) as typeof crypto.subtle.importKey)
})
afterEach(() => vi.restoreAllMocks())

const engineKeys = (codes: CodeEngine) => codes['keys']

async function unlockedWithAccounts(): Promise<Background> {
  const s = fakeBackground({
    version: 't',
  })
  await s.vault.setup(PASSWORD)

  const h = s.popupHandlers
  for (const uri of [TOTP, HOTP, STEAM]) await h.addAccounts({ text: uri })
  return s
}

/** What the popup's list asks for (TOTP and Steam codes), then the HOTP account's code (its key is imported only then). */
async function useEveryKey(s: Background): Promise<void> {
  const { accounts } = (await s.vault.current()).content
  await s.codes.views(accounts, s.now())
  await s.codes.useCode(
    accounts.find((a) => a.type === 'hotp')!,
    s.now(),
  )
}

describe('CodeEngine’s HMAC keys', () => {
  it('are imported once per unlock, as non-extractable keys for signing only', async () => {
    const s = await unlockedWithAccounts()
    await useEveryKey(s)
    await useEveryKey(s)
    // One import per account since the unlock (adding already showed two of them), however often its code is shown or used.
    expect(hmacImports).toHaveLength(3)
    for (const { extractable, key } of hmacImports) {
      expect(extractable).toBe(false)
      const k = await key
      expect(k).toMatchObject({ type: 'secret', extractable: false, usages: ['sign'], algorithm: { name: 'HMAC' } })
      await expect(crypto.subtle.exportKey('raw', k)).rejects.toThrow()
    }
    expect(engineKeys(s.codes).size).toBe(3)
  })

  it('are dropped on lock, and imported again after the next unlock', async () => {
    const s = await unlockedWithAccounts()
    await useEveryKey(s)
    expect(engineKeys(s.codes).size).toBe(3)
    await s.vault.lock()
    // Nothing of the keys (or of the revealed HOTP codes) stays in the engine.
    expect(engineKeys(s.codes).size).toBe(0)
    expect(s.codes['revealed'].size).toBe(0)
    hmacImports = []
    await s.vault.unlock(PASSWORD)
    await useEveryKey(s)
    expect(hmacImports).toHaveLength(3)
  })
})

describe('CodeEngine’s secrets (issue #15)', () => {
  it('decodes a secret only for its HMAC key, once per unlock, and only for the codes a list asks for', async () => {
    const s = await unlockedWithAccounts()
    const { accounts } = (await s.vault.current()).content
    const secrets = new Set(accounts.map((a) => a.secret))
    const decodes = () => vi.mocked(base32Decode).mock.calls.filter(([text]) => secrets.has(text)).length
    const timed = accounts.filter((a) => a.type !== 'hotp')
    // An opening's list (the rows in view only): a restarted worker's engine decodes the secrets of those codes alone.
    const before0 = decodes()
    const opening = await new CodeEngine().views(accounts, s.now(), new Set(timed.slice(0, 1)))
    expect(decodes() - before0).toBe(1)
    expect(opening.map((v) => v.timed !== null)).toEqual(accounts.map((a) => a === timed[0]))
    // The whole list: one decode per TOTP and Steam secret (an HOTP code is computed only when revealed).
    const before1 = decodes()
    const fresh = await new CodeEngine().views(accounts, s.now())
    expect(decodes() - before1).toBe(timed.length)
    const first = await s.codes.views(accounts, s.now())
    expect(fresh).toEqual(first)
    const before = decodes()
    expect(await s.codes.views(accounts, s.now())).toEqual(first)
    await s.popupHandlers.listAccounts({})
    expect(decodes()).toBe(before)
    await s.vault.lock()
    expect(engineKeys(s.codes).size).toBe(0)
    await s.vault.unlock(PASSWORD)
    await s.codes.views(accounts, s.now())
    expect(decodes()).toBeGreaterThan(before)
  })
})

describe('CodeEngine’s next codes (issue #15)', () => {
  it('are sent only in the last 10 s of a window, and are the code of the window after', async () => {
    const s = await unlockedWithAccounts()
    const { accounts } = (await s.vault.current()).content
    const timedOnly = accounts.filter((a) => a.type !== 'hotp') // TOTP and Steam, 30 s windows
    const start = 1_700_000_010_000 // a window's start (a multiple of 30 s)
    const early = await s.codes.views(timedOnly, start + 19_999)
    expect(early.map((v) => v.timed?.nextCode)).toEqual([null, null])
    const late = await s.codes.views(timedOnly, start + 20_000)
    const following = await s.codes.views(timedOnly, start + 30_000)
    for (const [i, v] of late.entries()) {
      expect(v.timed).toMatchObject({ code: early[i]!.timed!.code, validFrom: start, validUntil: start + 30_000 })
      expect(v.timed!.nextCode).toBe(following[i]!.timed!.code)
      expect(v.timed!.nextCode).not.toBe(v.timed!.code) // these keys' codes differ across these two windows
    }
  })
})

describe('CodeEngine’s codes within a time step (issue #15)', () => {
  /** How many HMACs were computed since the spy started. */
  let signed = 0
  beforeEach(() => {
    signed = 0
    const real = crypto.subtle.sign.bind(crypto.subtle)
    vi.spyOn(crypto.subtle, 'sign').mockImplementation((...args) => (signed++, real(...args)))
  })
  const signs = () => signed

  it('are computed once per account and window: a list asked again in the same window signs nothing', async () => {
    const s = await unlockedWithAccounts()
    const { accounts } = (await s.vault.current()).content
    const timedOnly = accounts.filter((a) => a.type !== 'hotp')
    const start = 1_700_000_010_000 // a window's start (a multiple of 30 s)
    signed = 0
    const first = await s.codes.views(timedOnly, start + 1_000)
    expect(signs()).toBe(timedOnly.length)
    // Later in the same window: the same codes, no HMAC.
    const again = await s.codes.views(timedOnly, start + 15_000)
    expect(again.map((v) => v.timed?.code)).toEqual(first.map((v) => v.timed?.code))
    expect(signs()).toBe(timedOnly.length)
    // The window's last 10 s add the next code, computed once; the next window then has it already.
    const late = await s.codes.views(timedOnly, start + 25_000)
    expect(signs()).toBe(2 * timedOnly.length)
    const next = await s.codes.views(timedOnly, start + 30_000)
    expect(signs()).toBe(2 * timedOnly.length)
    expect(next.map((v) => v.timed?.code)).toEqual(late.map((v) => v.timed?.nextCode))
    // Each is the code a fresh engine computes for that window.
    expect(await new CodeEngine().views(timedOnly, start + 30_000)).toEqual(next)
  })

  it('are computed again for an account whose digits or key changed, and are dropped on lock', async () => {
    const s = await unlockedWithAccounts()
    const { accounts } = (await s.vault.current()).content
    const acme = accounts.find((a) => a.issuer === 'Acme')!
    const at = 1_700_000_011_000
    signed = 0
    const [six] = await s.codes.views([acme], at)
    const [eight] = await s.codes.views([{ ...acme, digits: 8 }], at)
    expect(signs()).toBe(2)
    expect(eight!.timed!.code).toHaveLength(8)
    expect(eight!.timed!.code.slice(2)).toBe(six!.timed!.code) // the same HMAC truncated to more digits (RFC 4226 §5.3)
    await s.codes.views([{ ...acme, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }], at)
    expect(signs()).toBe(3)
    await s.vault.lock()
    expect(s.codes['codes'].size).toBe(0)
  })
})
