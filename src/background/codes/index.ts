/** The codes feature: codes from stored accounts (CodeEngine), and the account requests. */
import { accountList, createAccountHandlers, type AccountDeps } from './account-handlers.ts'
import { CodeEngine } from './code-engine.ts'

export function createCodes(deps: Omit<AccountDeps, 'codes'>) {
  const engine = new CodeEngine()
  // HMAC keys and revealed HOTP codes go with the accounts they belong to, and all of them on lock.
  deps.vault.onChange((unlocked) => engine.retain(unlocked?.content.accounts ?? null))
  const all = { ...deps, codes: engine }
  return {
    engine,
    handlers: createAccountHandlers(all),
    /** Every account with its codes, and those bound to the site of `url` (which may still be on its way); see accountList. */
    list: (url: string | null | Promise<string | null>, siteList?: () => Promise<void>) => accountList(all, url, siteList),
  }
}
