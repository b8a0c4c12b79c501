/**
 * Turns stored accounts into what the popup may see: names and codes, never a
 * secret. HMAC keys are imported once per unlock and cached here (non-extractable
 * CryptoKeys); the cache is dropped on lock.
 */
import { base32Decode } from '../../core/encoding/base32.ts'
import { timeStep } from '../../core/otp/code-window.ts'
import { codeForCounter, codeWindow, generateCodeWithKey, importConfigKey, type OtpKey } from '../../core/otp/index.ts'
import type { StoredAccount } from '../../core/vault/index.ts'
import type { AccountView, TimedCodeView } from '../../shared/protocol.ts'

/**
 * How close to the end of its window a code's successor is sent (issue #15: computing it for every
 * account on every list doubled the HMACs). The popup shows it in the last 5 s and asks again 8 s
 * before the end when it was not sent (accounts-model.ts), so it arrives in time.
 */
const NEXT_CODE_LEAD_MS = 10_000

/** What an account's HMAC key depends on, so an edited account never reuses a stale one. */
const keyIdOf = (a: StoredAccount) => `${a.id}:${a.secret}:${a.type}:${a.algorithm}:${a.pin ?? ''}`
/**
 * Both ids of an account object, built once per object (issue #15: a list built each ~90-character id five times per
 * account, and hashed it at each lookup). A stored account is never changed in place but replaced (vault-service.ts
 * clones the content for every change), except for its time of use, which no id holds.
 */
const idsByAccount = new WeakMap<StoredAccount, { key: string; code: string }>()
function idsOf(a: StoredAccount): { key: string; code: string } {
  let ids = idsByAccount.get(a)
  if (!ids) {
    const key = keyIdOf(a)
    // What a timed code depends on besides its time step (the period and T0 only choose the step).
    ids = { key, code: `${key}:${a.digits}` }
    idsByAccount.set(a, ids)
  }
  return ids
}
const keyId = (a: StoredAccount) => idsOf(a).key
const codeId = (a: StoredAccount) => idsOf(a).code

export class CodeEngine {
  private keys = new Map<string, Promise<OtpKey>>()
  /** HOTP codes revealed during this unlock, so reopening the popup shows the same code. */
  private revealed = new Map<string, string>()
  /**
   * TOTP and Steam codes by account and time step (RFC 6238 §4.2: the same T gives the same code), at most the two
   * latest steps: a list asked again in the same window (the popup's opening, its refresh, another popup) computes no
   * HMAC, and the next code sent in a window's last seconds is the current one of the next window (issue #15).
   */
  private codes = new Map<string, { step: bigint; code: Promise<string> }[]>()

  /** Forgets every key and revealed code (lock), or those of accounts that are gone. */
  retain(accounts: readonly StoredAccount[] | null): void {
    if (!accounts) {
      this.keys.clear()
      this.revealed.clear()
      this.codes.clear()
      return
    }
    // A restarted worker's first list: nothing held yet, nothing to forget.
    if (this.keys.size === 0 && this.codes.size === 0 && this.revealed.size === 0) return
    const live = new Set(accounts.map(keyId))
    for (const k of this.keys.keys()) if (!live.has(k)) this.keys.delete(k)
    const liveCodes = new Set(accounts.map(codeId))
    for (const k of this.codes.keys()) if (!liveCodes.has(k)) this.codes.delete(k)
    const ids = new Set(accounts.map((a) => a.id))
    for (const id of this.revealed.keys()) if (!ids.has(id)) this.revealed.delete(id)
  }

  private key(a: StoredAccount): Promise<OtpKey> {
    const id = keyId(a)
    let key = this.keys.get(id)
    if (!key) {
      key = importConfigKey(a, base32Decode(a.secret))
      this.keys.set(id, key)
      key.catch(() => this.keys.delete(id))
    }
    return key
  }

  async view(a: StoredAccount, now: number): Promise<AccountView> {
    return this.viewOf(a, a.type === 'hotp' ? null : await this.timed(a, now))
  }

  private viewOf(a: StoredAccount, timed: TimedCodeView | null): AccountView {
    return {
      id: a.id,
      issuer: a.issuer,
      account: a.account,
      type: a.type,
      algorithm: a.algorithm,
      digits: a.digits,
      period: a.period,
      t0: a.type === 'totp' ? (a.t0 ?? 0) : 0,
      tags: [...a.tags],
      pinned: a.pinned,
      sites: [...a.sites],
      order: a.order,
      createdAt: a.createdAt,
      lastUsedAt: a.lastUsedAt ?? null,
      timed,
      hotp: a.type === 'hotp' ? { code: this.revealed.get(a.id) ?? null, nextCounter: a.counter.toString() } : null,
    }
  }

  /** TOTP or Steam: the code now, and the next one only near the window's end (NEXT_CODE_LEAD_MS). */
  private timed(a: StoredAccount, now: number): Promise<TimedCodeView> {
    const { validFrom, validUntil } = codeWindow(a, now)!
    const code = this.timedCode(a, now)
    // The next window starts at validUntil (RFC 6238 §4.2: T = floor((time − T0) / X)).
    if (validUntil - now > NEXT_CODE_LEAD_MS) return code.then((code) => ({ code, nextCode: null, validFrom, validUntil }))
    return Promise.all([code, this.timedCode(a, validUntil)]).then(([code, nextCode]) => ({ code, nextCode, validFrom, validUntil }))
  }

  /** The code of the time step at `at`, computed once (see `codes`). */
  private timedCode(a: StoredAccount, at: number): Promise<string> {
    const id = codeId(a)
    const step = timeStep(a, at)
    const held = this.codes.get(id) ?? []
    const hit = held.find((c) => c.step === step)
    if (hit) return hit.code
    const code = this.key(a).then((key) => codeForCounter(key, a, step))
    this.codes.set(id, [...held.filter((c) => c.step > step - 2n && c.step !== step).slice(-1), { step, code }])
    code.catch(() =>
      this.codes.set(
        id,
        (this.codes.get(id) ?? []).filter((c) => c.code !== code),
      ),
    )
    return code
  }

  /**
   * Every account's view: one promise per code, the views built once all are in (issue #15: four per account before).
   * With `coded`, only those accounts' codes: the others' views go without (account-list-wire.ts).
   */
  async views(accounts: readonly StoredAccount[], now: number, coded?: ReadonlySet<StoredAccount>): Promise<AccountView[]> {
    const timed = await Promise.all(
      accounts.map((a) => (a.type === 'hotp' || (coded && !coded.has(a)) ? Promise.resolve(null) : this.timed(a, now))),
    )
    return accounts.map((a, i) => this.viewOf(a, timed[i] ?? null))
  }

  /** The code of every TOTP and Steam account, with its window (those an opening sent without one). */
  timedCodes(accounts: readonly StoredAccount[], now: number): Promise<{ account: StoredAccount; timed: TimedCodeView }[]> {
    const timed = accounts.filter((a) => a.type !== 'hotp')
    return Promise.all(timed.map((a) => this.timed(a, now).then((t) => ({ account: a, timed: t }))))
  }

  /**
   * The code to use now, from the cached key. HOTP: the code of the stored counter,
   * which showing or filling uses up, so the counter moves on (RFC 4226 §7.2);
   * call it inside a vault mutation so the new counter is stored with the code.
   */
  async useCode(a: StoredAccount, now: number): Promise<{ code: string; validUntil: number | null }> {
    if (a.type === 'hotp') {
      const code = await codeForCounter(await this.key(a), a, a.counter)
      this.revealed.set(a.id, code)
      a.counter += 1n
      return { code, validUntil: null }
    }
    return { code: await generateCodeWithKey(await this.key(a), a, now), validUntil: codeWindow(a, now)?.validUntil ?? null }
  }
}
