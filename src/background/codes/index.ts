/** The codes feature: codes from stored accounts (CodeEngine), and the account requests. */
import { accountList, createAccountHandlers, createCodeHandlers, type AccountDeps } from './account-handlers.ts'
import type { SortOrder } from '../../shared/settings.ts'
import { CodeEngine } from './code-engine.ts'

export function createCodes(deps: Omit<AccountDeps, 'codes'>) {
  const engine = new CodeEngine()
  // HMAC keys and revealed HOTP codes go with the accounts they belong to, and all of them on lock.
  deps.vault.onChange((unlocked) => engine.retain(unlocked?.content.accounts ?? null))
  const all = { ...deps, codes: engine }
  return {
    engine,
    handlers: createAccountHandlers(all),
    /** listCodes, which needs no site (background.ts wraps the others to wait for the site list). */
    codeHandlers: createCodeHandlers(all),
    /** Every account (and codes), and those bound to the site of `url` (which may still be on its way); see accountList. */
    list: (url: string | null | Promise<string | null>, opensOn?: SortOrder) => accountList(all, url, opensOn),
  }
}
