/**
 * The vault while the service worker runs: setting up, unlocking, locking, and
 * every change to the accounts, through one write queue. Module memory is only a
 * cache: after a worker restart the master key comes back from storage.session
 * (see session-key.ts), and the vault is decrypted again from storage.local.
 */
import { KeyfobError, isKeyfobError } from '../../core/errors.ts'
import { KEY_BYTES, randomBytes } from '../../core/vault/aes-gcm.ts'
import { base64ToBytes, bytesToBase64 } from '../../core/vault/base64.ts'
import {
  addPasskeySlot,
  addPasswordSlot,
  newPasskeySalt,
  passkeySlots,
  removePasskeySlot,
  unlockWithPasskey,
  changePassword,
  createVault,
  generateDeviceKey,
  openVault,
  passwordStrength,
  removeDeviceSlot,
  sealVault,
  unlockWithDeviceKey,
  unlockWithPassword,
  verifyPassword,
  type StoredAccount,
  type VaultContent,
  type VaultEnvelope,
} from '../../core/vault/index.ts'
import type { PasskeyCreation, PasskeyList, VaultStatus } from '../../shared/protocol.ts'
import type { DeviceKeyStore } from './device-key-store.ts'
import type { KeyValueArea } from '../key-value-area.ts'
import { Bookkeeping } from './bookkeeping.ts'
import { SessionKey } from './session-key.ts'
import { Throttle } from './throttle.ts'
import { VaultStore } from './vault-store.ts'

export interface VaultDeps {
  local: KeyValueArea
  session: KeyValueArea
  deviceKeys: DeviceKeyStore
  now?: () => number
}

export interface Unlocked {
  masterKey: CryptoKey
  envelope: VaultEnvelope
  content: VaultContent
}

const hasSlot = (e: VaultEnvelope, type: 'password' | 'device' | 'passkey') => e.slots.some((s) => s.type === type)

function listPasskeys(envelope: VaultEnvelope): PasskeyList {
  return { passkeys: passkeySlots(envelope).map(({ id, name, createdAt }) => ({ id, name, createdAt })) }
}

/** A PRF output from a page: 32 bytes of base64, else PASSKEY_NO_PRF (what the page sent is no PRF result). */
function prfBytes(text: string): Uint8Array {
  const bytes = base64ToBytes(text)
  if (bytes === null || bytes.length !== KEY_BYTES) throw new KeyfobError('PASSKEY_NO_PRF', 'A PRF output must be 32 bytes of base64.')
  return bytes
}

export class VaultService {
  private readonly store: VaultStore
  private readonly sessionKey: SessionKey
  private readonly throttle: Throttle
  private readonly bookkeeping: Bookkeeping
  private readonly now: () => number
  private unlocked: Unlocked | null = null
  /** Every write and every state change runs here, one after another. */
  private queue: Promise<unknown> = Promise.resolve()
  /** Called with the fresh state after every lock, unlock and write (e.g. to drop cached keys). */
  private readonly listeners = new Set<(unlocked: Unlocked | null) => void>()

  constructor(private readonly deps: VaultDeps) {
    this.now = deps.now ?? Date.now
    this.store = new VaultStore(deps.local)
    this.sessionKey = new SessionKey(deps.session)
    this.throttle = new Throttle(deps.local, this.now)
    this.bookkeeping = new Bookkeeping(deps.local, deps.session, this.now)
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }

  private set(unlocked: Unlocked | null): void {
    this.unlocked = unlocked
    for (const listener of this.listeners) listener(unlocked)
  }

  /** Calls `listener` whenever the vault is opened, changed or locked (null). */
  onChange(listener: (unlocked: Unlocked | null) => void): void {
    this.listeners.add(listener)
  }

  /**
   * Asked on every popup opening: the envelope comes from VaultStore's cache (no read, no parse
   * while nothing changed it), and a restarted worker parses it once for this and the resume.
   */
  async status(): Promise<VaultStatus> {
    // Resuming starts beside the status's own reads: a restarted worker read the vault, then the session key (issue #15).
    const resumed = this.current().catch(() => null)
    const [envelope, throttle] = await Promise.all([
      this.store.load().catch((e: unknown) => {
        if (isKeyfobError(e, 'VAULT_CORRUPT')) return 'corrupt' as const
        throw e
      }),
      this.throttle.state(),
    ])
    if (envelope === null) return { state: 'uninitialized', hasPassword: false, hasPasskey: false, ...throttle }
    if (envelope === 'corrupt') return { state: 'corrupt', hasPassword: true, hasPasskey: false, ...throttle }
    const open = await resumed
    const hasPassword = hasSlot(envelope, 'password')
    return { state: open ? 'unlocked' : 'locked', hasPassword, hasPasskey: hasSlot(envelope, 'passkey'), ...throttle }
  }

  /** First run: a password slot, or (declined knowingly) a device slot. */
  setup(password: string | null): Promise<void> {
    return this.serial(async () => {
      if ((await this.store.load().catch(() => 'exists')) !== null) {
        throw new KeyfobError('VAULT_EXISTS', 'A vault already exists on this device.')
      }
      // With a settings object, a new vault never takes old settings from storage.local (settings-store.ts).
      const content: VaultContent = { schemaVersion: 1, accounts: [], settings: {} }
      let created
      if (password === null) {
        const deviceKey = await generateDeviceKey()
        await this.deps.deviceKeys.save(deviceKey)
        created = await createVault({ deviceKey })
      } else {
        if (passwordStrength(password).score === 0) {
          throw new KeyfobError('WEAK_PASSWORD', 'Choose a longer, less common password (at least 8 characters).')
        }
        created = await createVault({ password })
      }
      const sealed = await sealVault(created.envelope, created.masterKey, content)
      await this.store.write(sealed, sealed)
      await this.sessionKey.save(created.masterKey, this.now())
      this.set({ masterKey: created.masterKey, envelope: sealed, content })
    })
  }

  unlock(password: string): Promise<void> {
    return this.serial(async () => {
      const envelope = await this.requireEnvelope()
      const masterKey = await this.throttle.attempt(() => unlockWithPassword(envelope, password))
      await this.open(envelope, masterKey)
      await this.sessionKey.save(masterKey, this.now())
    })
  }

  /**
   * When the current copy cannot be opened with `password` (damaged shape, slot or content) but
   * the previous generation can, that one becomes current again. It may lack the last change;
   * the damaged copy is kept (VaultStore.restore). A vault that opens is never replaced.
   */
  restorePrevious(password: string): Promise<void> {
    return this.serial(async () => {
      const previous = await this.store.loadPrevious()
      if (!previous) throw new KeyfobError('NO_PREVIOUS_VAULT', 'There is no earlier copy of the vault to restore.')
      const current = await this.store.load().catch(() => null)
      // One counted attempt, although it may run the KDF for both copies.
      const masterKey = await this.throttle.attempt(async () => {
        const opens =
          current &&
          (await unlockWithPassword(current, password)
            .then((k) => openVault(current, k))
            .then(
              () => true,
              () => false,
            ))
        if (opens) throw new KeyfobError('VAULT_NOT_DAMAGED', 'Your vault is not damaged: unlock it as usual.')
        return unlockWithPassword(previous, password)
      })
      await openVault(previous, masterKey) // the previous copy must open too before anything is written
      await this.store.restore(previous)
      await this.open(previous, masterKey)
      await this.sessionKey.save(masterKey, this.now())
    })
  }

  lock(): Promise<void> {
    return this.serial(async () => {
      // The last-used times noted since the last flush go to storage.local first (a worker started
      // only for the auto-lock alarm has the key in storage.session alone). Never in the way of locking.
      const key = this.unlocked?.masterKey ?? (await this.sessionKey.load().catch(() => null))
      if (key) await this.bookkeeping.flush(key).catch(() => undefined)
      await this.sessionKey.clear()
      this.set(null)
    })
  }

  /** The unlocked vault, resuming after a worker restart; VAULT_LOCKED otherwise. */
  async current(): Promise<Unlocked> {
    // Resuming does I/O, so it queues behind a pending lock() rather than racing it.
    const open = this.unlocked ?? (await this.serial(() => this.tryResume()))
    if (!open) throw new KeyfobError('VAULT_LOCKED', 'Keyfob is locked. Unlock it to see your accounts.')
    return open
  }

  /** Applies `change` to a copy of the content and stores the result as a new generation. */
  mutate<T>(change: (content: VaultContent) => T | Promise<T>): Promise<T> {
    return this.serial(async () => {
      const u = await this.requireUnlocked()
      const draft = structuredClone(u.content)
      const result = await change(draft)
      const sealed = await sealVault(u.envelope, u.masterKey, draft)
      await this.store.write(sealed, u.envelope)
      await this.bookkeeping.sealedIn(draft)
      this.set({ ...u, envelope: sealed, content: draft })
      return result
    })
  }

  /**
   * A code used (filled, copied, an HOTP code shown): `use` gets a copy of account `id` and may
   * move its HOTP counter on, nothing else. No vault rewrite (issue #15): a new counter is stored
   * in a record of its own before this resolves, so no code leaves before its counter is stored;
   * the time of use is batched (bookkeeping.ts). The next vault write seals both in.
   */
  recordUse<T>(id: string, use: (account: StoredAccount) => T | Promise<T>): Promise<T> {
    return this.serial(async () => {
      const u = await this.requireUnlocked()
      const index = u.content.accounts.findIndex((a) => a.id === id)
      const current = u.content.accounts[index]
      if (!current) throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That account no longer exists.')
      const account = structuredClone(current)
      const result = await use(account)
      const at = this.now()
      if (account.counter > current.counter) {
        await this.bookkeeping.advance(u.masterKey, id, current.counter, account.counter)
        const accounts = [...u.content.accounts]
        accounts[index] = { ...current, counter: account.counter, lastUsedAt: at }
        // A new content object: listeners see a change (sync uploads the counter; RFC 4226 §7.2 across devices).
        this.set({ ...u, content: { ...u.content, accounts } })
      } else {
        // In place: a time of use concerns no listener (sync keeps none), and a new object would make sync run.
        current.lastUsedAt = at
      }
      await this.bookkeeping.used(u.masterKey, id, at)
      return result
    })
  }

  /** Re-wraps the master key under a new password; the accounts' ciphertext is untouched. */
  changePassword(current: string, next: string): Promise<void> {
    return this.serial(async () => {
      const u = await this.requireUnlocked()
      await this.confirmPassword(u.envelope, current)
      if (passwordStrength(next).score === 0) {
        throw new KeyfobError('WEAK_PASSWORD', 'Choose a longer, less common password (at least 8 characters).')
      }
      const rewrapped = await changePassword(u.envelope, u.masterKey, next)
      await this.store.write(rewrapped, rewrapped)
      this.set({ ...u, envelope: rewrapped })
    })
  }

  /** Replaces the device slot of a password-less vault by a password slot. */
  addPassword(password: string): Promise<void> {
    return this.serial(async () => {
      const u = await this.requireUnlocked()
      if (hasSlot(u.envelope, 'password')) throw new KeyfobError('PASSWORD_EXISTS', 'This vault already has a password.')
      if (passwordStrength(password).score === 0) {
        throw new KeyfobError('WEAK_PASSWORD', 'Choose a longer, less common password (at least 8 characters).')
      }
      const withPassword = removeDeviceSlot(await addPasswordSlot(u.envelope, u.masterKey, password))
      await this.store.write(withPassword, withPassword)
      await this.deps.deviceKeys.clear()
      this.set({ ...u, envelope: withPassword })
    })
  }

  /**
   * Asks for the password again before showing a secret (export, QR) or changing it: one
   * counted attempt in the throttle's queue, like unlocking. That queue is not the write
   * queue, so changePassword may call this from inside the write queue without deadlock.
   */
  async confirmPassword(envelope: VaultEnvelope, password: string): Promise<void> {
    if (!hasSlot(envelope, 'password')) return
    await this.throttle.attempt(async () => {
      if (!(await verifyPassword(envelope, password))) throw new KeyfobError('WRONG_PASSWORD', 'That password is not right.')
    })
  }

  /**
   * Before a passkey is made: the current password (a counted attempt), then a fresh salt and
   * the WebAuthn user id and challenge. The challenge is random but checked by nobody: no server
   * verifies an attestation here; what binds the passkey to its slot is its PRF output.
   */
  async passkeyBegin(password: string): Promise<PasskeyCreation> {
    const u = await this.current()
    if (!hasSlot(u.envelope, 'password')) throw new KeyfobError('NO_PASSWORD_SLOT', 'Add a password before a passkey.')
    await this.confirmPassword(u.envelope, password)
    return {
      salt: newPasskeySalt(),
      userId: bytesToBase64(randomBytes(16)),
      challenge: bytesToBase64(randomBytes(32)),
      excludeCredentialIds: passkeySlots(u.envelope).map((s) => s.credentialId),
    }
  }

  /** Adds a passkey slot after the password again (the page's create() may have taken minutes). */
  passkeyEnrol(request: { password: string; credentialId: string; salt: string; prfOutput: string; name: string }): Promise<PasskeyList> {
    return this.serial(async () => {
      const u = await this.requireUnlocked()
      if (!hasSlot(u.envelope, 'password')) throw new KeyfobError('NO_PASSWORD_SLOT', 'Add a password before a passkey.')
      await this.confirmPassword(u.envelope, request.password)
      const prfOutput = prfBytes(request.prfOutput)
      try {
        const { credentialId, salt, name } = request
        const next = await addPasskeySlot(u.envelope, u.masterKey, {
          credentialId,
          salt,
          name: name.trim(),
          createdAt: this.now(),
          prfOutput,
        })
        await this.store.write(next, u.envelope)
        this.set({ ...u, envelope: next })
        return listPasskeys(next)
      } finally {
        prfOutput.fill(0)
      }
    })
  }

  /** Unlocks with a passkey's PRF output: one counted attempt, like a password (PASSKEY_REFUSED counts). */
  passkeyUnlock(credentialId: string, prfOutput: string): Promise<void> {
    return this.serial(async () => {
      const envelope = await this.requireEnvelope()
      const prf = prfBytes(prfOutput)
      try {
        const masterKey = await this.throttle.attempt(() => unlockWithPasskey(envelope, credentialId, prf))
        await this.open(envelope, masterKey)
        await this.sessionKey.save(masterKey, this.now())
      } finally {
        prf.fill(0)
      }
    })
  }

  async passkeyList(): Promise<PasskeyList> {
    return listPasskeys((await this.current()).envelope)
  }

  /**
   * Removes a passkey slot after the password. The previous copy is dropped too (stored as the
   * new one), so a lost passkey cannot open a restored older copy (slot-operations.ts).
   */
  passkeyRemove(id: string, password: string): Promise<PasskeyList> {
    return this.serial(async () => {
      const u = await this.requireUnlocked()
      await this.confirmPassword(u.envelope, password)
      const next = removePasskeySlot(u.envelope, id)
      await this.store.write(next, next)
      this.set({ ...u, envelope: next })
      return listPasskeys(next)
    })
  }

  /**
   * The passkey's answer instead of the password before a secret leaves (export): it must open its
   * slot, one counted attempt like confirmPassword (PASSKEY_REFUSED counts, PASSKEY_UNKNOWN_CREDENTIAL not).
   */
  async confirmPasskey(envelope: VaultEnvelope, credentialId: string, prfOutput: string): Promise<void> {
    const prf = prfBytes(prfOutput)
    try {
      await this.throttle.attempt(() => unlockWithPasskey(envelope, credentialId, prf))
    } finally {
      prf.fill(0)
    }
  }

  async touch(): Promise<void> {
    if (this.unlocked) await this.sessionKey.touch(this.now())
  }

  async lastActivity(): Promise<number | null> {
    return this.sessionKey.lastActivity()
  }

  /** current() for code already running in the queue. */
  private async requireUnlocked(): Promise<Unlocked> {
    const open = await this.tryResume()
    if (!open) throw new KeyfobError('VAULT_LOCKED', 'Keyfob is locked. Unlock it to see your accounts.')
    return open
  }

  private async requireEnvelope(): Promise<VaultEnvelope> {
    const envelope = await this.store.load()
    if (!envelope) throw new KeyfobError('VAULT_NOT_SET_UP', 'Set up Keyfob first.')
    return envelope
  }

  private async open(envelope: VaultEnvelope, masterKey: CryptoKey): Promise<Unlocked> {
    const { content, migratedFrom } = await openVault(envelope, masterKey)
    let stored = envelope
    if (migratedFrom !== null) {
      // An older schema was upgraded in memory: store it so the migration runs once.
      stored = await sealVault(envelope, masterKey, content)
      await this.store.write(stored, envelope)
    }
    // HOTP counters and last-used times stored since the vault's last write (bookkeeping.ts).
    await this.bookkeeping.apply(masterKey, content)
    const unlocked = { masterKey, envelope: stored, content }
    this.set(unlocked)
    return unlocked
  }

  /** Memory first, then the session key (worker restart), then the device key (no password). */
  private async tryResume(): Promise<Unlocked | null> {
    if (this.unlocked) return this.unlocked
    // Both reads at once: a restarted worker's first request waited for one storage round trip after the other (issue #15).
    const saved = this.sessionKey.load()
    saved.catch(() => undefined) // awaited below, unless there is no vault
    const envelope = await this.store.load()
    if (!envelope) return null
    const sessionKey = await saved
    if (sessionKey) return this.open(envelope, sessionKey)
    if (!hasSlot(envelope, 'password') && hasSlot(envelope, 'device')) {
      const deviceKey = await this.deps.deviceKeys.load()
      if (!deviceKey) throw new KeyfobError('VAULT_CORRUPT', 'This device’s key for the vault is missing.')
      const masterKey = await unlockWithDeviceKey(envelope, deviceKey)
      await this.sessionKey.save(masterKey, this.now())
      return this.open(envelope, masterKey)
    }
    return null
  }
}
