/** The codes feature: codes from stored accounts (CodeEngine), and the account requests. */
import { createAccountHandlers, type AccountDeps } from './account-handlers.ts'
import { CodeEngine } from './code-engine.ts'

export function createCodes(deps: Omit<AccountDeps, 'codes'>) {
  const engine = new CodeEngine()
  // HMAC keys and revealed HOTP codes go with the accounts they belong to, and all of them on lock.
  deps.vault.onChange((unlocked) => engine.retain(unlocked?.content.accounts ?? null))
  return { engine, handlers: createAccountHandlers({ ...deps, codes: engine }) }
}
