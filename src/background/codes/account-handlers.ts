/**
 * Account requests from the extension's pages: list, add (links or the manual
 * form), edit, pin, reorder, delete and undo, HOTP's next code, and the QR code
 * for moving an account to a phone. Nothing returned carries a secret as text.
 */
import { findAccount } from '../../core/accounts/find-account.ts'
import { findSameSecret, newStoredAccount } from '../../core/accounts/new-stored-account.ts'
import { validateManualAccount } from '../../core/accounts/validate-manual-account.ts'
import { KeyfobError } from '../../core/errors.ts'
import type { AccountFields } from '../../core/types.ts'
import { registrableDomain, siteMatches } from '../../core/site/index.ts'
import type { StoredAccount, VaultContent } from '../../core/vault/index.ts'
import type { AccountList, AddResult, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import type { TabPort } from '../tab-port.ts'
import type { VaultService } from '../vault/vault-service.ts'
import type { Settings } from '../../shared/settings.ts'
import type { CodeEngine } from './code-engine.ts'
import { normalizeSites } from './normalize-sites.ts'

export interface AccountDeps {
  vault: Pick<VaultService, 'current' | 'mutate' | 'recordUse' | 'onChange' | 'confirmPassword' | 'confirmPasskey'>
  codes: CodeEngine
  /** The time codes are computed for (the clock plus the accepted correction). */
  codeNow: () => Promise<number>
  settings: { get(): Promise<Pick<Settings, 'clipboardClearSeconds'>> }
  tabs: Pick<TabPort, 'tabUrl'>
  now: () => number
  /** Empties the clipboard after `delayMs` if it still holds `code`. */
  clearClipboardAfter: (code: string, delayMs: number) => Promise<boolean>
}

type AccountEndpoints = Pick<
  PopupToBackground,
  | 'listAccounts'
  | 'refreshCodes'
  | 'addAccounts'
  | 'addManual'
  | 'nextHotpCode'
  | 'updateAccount'
  | 'moveAccount'
  | 'deleteAccount'
  | 'restoreAccount'
  | 'codeCopied'
  | 'accountQr'
>

/** Every account with its codes, and which are bound to the site of tab `tabId`. */
async function listFor(s: AccountDeps, tabId: number | undefined): Promise<AccountList> {
  // The site comes from the tab's own content script (what the browser loaded), never from the popup.
  return accountList(s, tabId === undefined ? null : s.tabs.tabUrl(tabId))
}

/**
 * Every account with its codes, and which are bound to the site of `url` (a tab's top frame, as its content script
 * reported it). The codes are computed while the tab is still being asked (issue #15: they waited for its answer).
 */
export async function accountList(
  s: Pick<AccountDeps, 'vault' | 'codes' | 'codeNow'>,
  url: string | null | Promise<string | null>,
): Promise<AccountList> {
  const { content } = await s.vault.current()
  const views = s.codes.views(content.accounts, await s.codeNow())
  // Settled before anything else can fail, so a failed list never leaves the codes' promise unheard.
  const [site, accounts] = await Promise.allSettled([url, views])
  if (accounts.status === 'rejected') throw accounts.reason
  if (site.status === 'rejected') throw site.reason
  const at = site.value
  const activeSite = at ? registrableDomain(at) : null
  const onSite = at ? content.accounts.filter((a) => a.sites.some((site) => siteMatches(site, at))).map((a) => a.id) : []
  return { accounts: accounts.value, activeSite, onSite }
}

/** Adds each new key once; a key already in the vault is reported, not duplicated. */
function addAll(s: AccountDeps, content: VaultContent, all: AccountFields[]) {
  const result = { added: [] as StoredAccount[], duplicates: [] as AddResult['duplicates'] }
  for (const fields of all) {
    const same = findSameSecret(content, fields)
    if (same) {
      result.duplicates.push({ issuer: fields.issuer, account: fields.account, existingId: same.id })
      continue
    }
    const account = newStoredAccount(content, fields, s.now())
    content.accounts.push(account)
    result.added.push(account)
  }
  return result
}

async function toAddResult(s: AccountDeps, r: ReturnType<typeof addAll>): Promise<AddResult> {
  return { added: await s.codes.views(r.added, await s.codeNow()), duplicates: r.duplicates }
}

export function createAccountHandlers(s: AccountDeps) {
  /** Recently deleted accounts, for undo; memory only, so a worker restart ends the chance to undo, and so does locking. */
  const deleted = new Map<string, StoredAccount>()
  s.vault.onChange((unlocked) => unlocked === null && deleted.clear())

  return {
    // The same answer; only listAccounts counts as use (counts-as-use.ts).
    listAccounts: ({ tabId }) => listFor(s, tabId),
    refreshCodes: ({ tabId }) => listFor(s, tabId),
    addAccounts: async ({ text }) => {
      // The URI and migration parsers load with the first add (issue #15: not start-up code).
      const { parseAccountText } = await import('../../core/accounts/parse-account-text.ts')
      const parsed = parseAccountText(text)
      return toAddResult(s, await s.vault.mutate((content) => addAll(s, content, parsed)))
    },
    addManual: async (input) => {
      const { fields } = validateManualAccount(input)
      return toAddResult(s, await s.vault.mutate((content) => addAll(s, content, [fields])))
    },
    nextHotpCode: async ({ id }) => {
      // The new counter is stored (a small record, not the vault) before the code is returned.
      const account = await s.vault.recordUse(id, async (a) => {
        if (a.type !== 'hotp') throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That HOTP account no longer exists.')
        await s.codes.useCode(a, s.now())
        return { ...a, lastUsedAt: s.now() } // as recordUse notes it, for the view returned
      })
      return s.codes.view(account, await s.codeNow())
    },
    updateAccount: async ({ id, t0, ...input }) => {
      // Names trimmed, tags trimmed and each once, sites as registrable domains.
      const patch = {
        ...input,
        ...(input.issuer === undefined ? {} : { issuer: input.issuer.trim() }),
        ...(input.account === undefined ? {} : { account: input.account.trim() }),
        ...(input.tags === undefined ? {} : { tags: [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))] }),
        ...(input.sites === undefined ? {} : { sites: normalizeSites(input.sites) }),
      }
      const account = await s.vault.mutate((content) => {
        const a = findAccount(content, id)
        const next = { ...a, ...patch }
        if (!next.issuer && !next.account) {
          throw new KeyfobError('INVALID_PARAMETER', 'Keep a service name, an account name, or both.', { field: 'issuer' })
        }
        if (t0 !== undefined) {
          if (a.type !== 'totp' && t0 !== 0)
            throw new KeyfobError('INVALID_PARAMETER', 'Only a TOTP account has a start time (T0).', { field: 't0' })
          if (t0 === 0) delete a.t0
          else a.t0 = t0
        }
        Object.assign(a, patch, { updatedAt: s.now() })
        return a
      })
      return s.codes.view(account, await s.codeNow())
    },
    moveAccount: async ({ id, toIndex }) => {
      await s.vault.mutate((content) => {
        // The manual order is the list sorted by `order`; renumbering keeps it dense.
        const ordered = [...content.accounts].sort((a, b) => a.order - b.order)
        const from = ordered.findIndex((a) => a.id === id)
        if (from < 0) throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That account no longer exists.')
        const [moved] = ordered.splice(from, 1)
        ordered.splice(Math.min(toIndex, ordered.length), 0, moved as StoredAccount)
        ordered.forEach((a, index) => (a.order = index))
      })
      return {}
    },
    deleteAccount: async ({ id }) => {
      const removed = await s.vault.mutate((content) => {
        const index = content.accounts.findIndex((a) => a.id === id)
        if (index < 0) throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That account no longer exists.')
        return content.accounts.splice(index, 1)[0] as StoredAccount
      })
      deleted.set(id, removed)
      return {}
    },
    restoreAccount: async ({ id }) => {
      const account = deleted.get(id)
      if (!account) throw new KeyfobError('UNDO_EXPIRED', 'It is too late to undo that deletion.')
      await s.vault.mutate((content) => {
        if (!content.accounts.some((a) => a.id === id)) content.accounts.push(account)
      })
      deleted.delete(id)
      return s.codes.view(account, await s.codeNow())
    },
    codeCopied: async ({ id, code }) => {
      // A use, batched: no vault write for a copied code (issue #15).
      await s.vault.recordUse(id, () => undefined)
      const { clipboardClearSeconds } = await s.settings.get()
      // Not awaited: the popup may close long before the delay ends.
      if (clipboardClearSeconds > 0) void s.clearClipboardAfter(code, clipboardClearSeconds * 1000).catch(() => undefined)
      return {}
    },
    accountQr: async ({ id, password, passkey }) => {
      const u = await s.vault.current()
      if (passkey) await s.vault.confirmPasskey(u.envelope, passkey.credentialId, passkey.prfOutput)
      else await s.vault.confirmPassword(u.envelope, password)
      const a = findAccount(u.content, id)
      // Rendered here, so the popup receives a picture of the key, never the key as text; the QR encoder
      // (the export job's own, qr-svg-job.ts) loads with the first picture (issue #15), in this worker, where the key already is.
      const [{ qrSvg }, { buildOtpauthUri }] = await Promise.all([
        import('../../shared/jobs/qr-svg-job.ts'),
        import('../../core/uri/build-otpauth-uri.ts'),
      ])
      return qrSvg({ text: buildOtpauthUri(a), level: 'M' })
    },
  } satisfies Handlers<AccountEndpoints, ExtensionPageContext>
}
