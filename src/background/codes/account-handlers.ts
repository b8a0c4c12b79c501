/**
 * Account requests from the extension's pages: list, HOTP's next code, a copied code, and (loaded
 * on first use: account-edit-handlers.ts) add, edit, pin, reorder, delete and undo, and the QR code
 * for moving an account to a phone. Nothing returned carries a secret as text.
 */
import { KeyfobError } from '../../core/errors.ts'
import { issuerNeedsSiteList, registrableDomain, siteMatches } from '../../core/site/index.ts'
import type { AccountList, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import { packAccountList } from '../../shared/account-list-wire.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import { lazyMethods } from '../lazy-methods.ts'
import type { TabPort } from '../tab-port.ts'
import type { VaultService } from '../vault/vault-service.ts'
import type { Settings } from '../../shared/settings.ts'
import type { CodeEngine } from './code-engine.ts'
import type { createAccountEditHandlers } from './account-edit-handlers.ts'

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
 * `siteList` loads the Public Suffix List, awaited only when an account's suggested site needs it (an issuer written as
 * a host name); a caller that has it loaded already passes none.
 */
export async function accountList(
  s: Pick<AccountDeps, 'vault' | 'codes' | 'codeNow'>,
  url: string | null | Promise<string | null>,
  siteList?: () => Promise<void>,
): Promise<AccountList> {
  const { content } = await s.vault.current()
  if (siteList && content.accounts.some((a) => a.sites.length === 0 && issuerNeedsSiteList(a.issuer))) await siteList()
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

export function createAccountHandlers(s: AccountDeps) {
  // Adding, editing, deleting and the QR picture load with the first of them (account-edit-handlers.ts).
  const edits = lazyMethods<ReturnType<typeof createAccountEditHandlers>>(
    {
      addAccounts: true,
      addManual: true,
      updateAccount: true,
      moveAccount: true,
      deleteAccount: true,
      restoreAccount: true,
      accountQr: true,
    },
    () => import('./account-edit-handlers.ts').then((m) => m.createAccountEditHandlers(s)),
  )
  return {
    // The same answer; only listAccounts counts as use (counts-as-use.ts). Packed for the message (account-list-wire.ts).
    listAccounts: ({ tabId }) => listFor(s, tabId).then(packAccountList),
    refreshCodes: ({ tabId }) => listFor(s, tabId).then(packAccountList),
    nextHotpCode: async ({ id }) => {
      // The new counter is stored (a small record, not the vault) before the code is returned.
      const account = await s.vault.recordUse(id, async (a) => {
        if (a.type !== 'hotp') throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That HOTP account no longer exists.')
        await s.codes.useCode(a, s.now())
        return { ...a, lastUsedAt: s.now() } // as recordUse notes it, for the view returned
      })
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
    ...edits,
  } satisfies Handlers<AccountEndpoints, ExtensionPageContext>
}
