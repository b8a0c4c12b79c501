/**
 * Account requests from the extension's pages: list, HOTP's next code, a copied code, and (loaded
 * on first use: account-edit-handlers.ts) add, edit, pin, reorder, delete and undo, and the QR code
 * for moving an account to a phone. Nothing returned carries a secret as text.
 */
import { KeyfobError } from '../../core/errors.ts'
import { registrableDomain, siteMatches, suggestSitesFromIssuer } from '../../core/site/index.ts'
import type { AccountList, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import { packAccountList, packTimed } from '../../shared/account-list-wire.ts'
import { arrangeAccounts } from '../../shared/arrange-accounts.ts'
import type { SortOrder } from '../../shared/settings.ts'
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
  | 'suggestSites'
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
 * How many rows a popup opens on, at most: its list is at most 430 px tall and a row at least 58 px
 * (popup/views/accounts-view.tsx), so 8 rows in view, and 8 more for its first scroll.
 */
export const OPENING_ROWS = 16

/**
 * Every account with its codes, and which are bound to the site of `url` (a tab's top frame, as its content script
 * reported it). The codes are computed while the tab is still being asked (issue #15: they waited for its answer).
 * `opensOn`: the list is what a popup opens on, sorted this way, so only the codes of its first rows and of the site's
 * accounts (shown first) are computed; the popup asks for the others once it has drawn (listCodes; issue #15: 1000
 * accounts' key imports and HMACs delayed every opening).
 */
export async function accountList(
  s: Pick<AccountDeps, 'vault' | 'codes' | 'codeNow'>,
  url: string | null | Promise<string | null>,
  opensOn?: SortOrder,
): Promise<AccountList> {
  const { content } = await s.vault.current()
  const now = await s.codeNow()
  // Arranged as the popup arranges a list it opens on: no search, and the site's accounts are added below once known.
  const coded = opensOn && new Set(arrangeAccounts(content.accounts, '', opensOn).slice(0, OPENING_ROWS))
  const views = s.codes.views(content.accounts, now, coded)
  // Settled before anything else can fail, so a failed list never leaves the codes' promise unheard.
  const [site, accounts] = await Promise.allSettled([url, views])
  if (accounts.status === 'rejected') throw accounts.reason
  if (site.status === 'rejected') throw site.reason
  const at = site.value
  const activeSite = at ? registrableDomain(at) : null
  const bound = at ? content.accounts.filter((a) => a.sites.some((site) => siteMatches(site, at))) : []
  const list = accounts.value
  if (coded) {
    const uncoded = bound.filter((a) => !coded.has(a) && a.type !== 'hotp')
    const late = await Promise.all(uncoded.map((a) => s.codes.view(a, now)))
    for (const view of late) list[list.findIndex((v) => v.id === view.id)] = view
  }
  return { accounts: list, activeSite, onSite: bound.map((a) => a.id) }
}

/** The codes an opening left out (accountList's `opensOn`): asked once the popup has drawn, with no site to wait for. */
export function createCodeHandlers(s: Pick<AccountDeps, 'vault' | 'codes' | 'codeNow'>) {
  return {
    listCodes: async () => {
      const { content } = await s.vault.current()
      const codes = await s.codes.timedCodes(content.accounts, await s.codeNow())
      return { codes: codes.map(({ account, timed }) => ({ id: account.id, ...packTimed(timed, account.period) })) }
    },
  } satisfies Handlers<Pick<PopupToBackground, 'listCodes'>, ExtensionPageContext>
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
    suggestSites: async ({ id }) => {
      const a = (await s.vault.current()).content.accounts.find((x) => x.id === id)
      if (!a) throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That account no longer exists.')
      // Only a suggestion: matching uses bound sites alone, never the issuer name.
      return { sites: a.sites.length === 0 ? suggestSitesFromIssuer(a.issuer) : [] }
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
