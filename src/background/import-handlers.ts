/**
 * Accounts from the import page. The page parses and decrypts the file (the
 * importers load only there); here every account is checked again, duplicates
 * are found, and the whole import is stored in one write or not at all.
 */
import { findSameSecret, newStoredAccount } from '../core/accounts/new-stored-account.ts'
import { fromTransferred, type IncomingAccount, type TransferredAccount } from '../core/accounts/transfer-account.ts'
import { KeyfobError } from '../core/errors.ts'
import type { VaultContent } from '../core/vault/index.ts'
import type { Handlers, PopupToBackground } from '../shared/protocol.ts'
import { boolean, object } from '../shared/validate.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import type { Services } from './services.ts'

const MAX_ACCOUNTS = 10_000

/** 'duplicate' when the key is already in the vault or earlier in the same import. */
function classify(content: VaultContent, incoming: IncomingAccount[]): ('new' | 'duplicate')[] {
  const seen = new Set<string>()
  return incoming.map((a) => {
    const key = `${a.type}:${a.secret}`
    const dup = seen.has(key) || findSameSecret(content, a) !== undefined
    seen.add(key)
    return dup ? 'duplicate' : 'new'
  })
}

export function createImportHandlers(s: Services) {
  return {
    importAccounts: {
      parse: (i) => {
        const o = object(i, ['accounts', 'dryRun'])
        if (!Array.isArray(o.accounts) || o.accounts.length > MAX_ACCOUNTS) {
          throw new KeyfobError('INVALID_MESSAGE', `'accounts' must be a list of at most ${MAX_ACCOUNTS}.`)
        }
        // Every account is checked here, so one bad entry rejects the import before anything is stored.
        o.accounts.forEach((a, n) => fromTransferred(a, `Account ${n + 1}`))
        return { accounts: o.accounts as TransferredAccount[], dryRun: boolean(o, 'dryRun') }
      },
      handle: async ({ accounts: wire, dryRun }) => {
        const accounts = wire.map((a, n) => fromTransferred(a, `Account ${n + 1}`))
        if (dryRun) return { status: classify((await s.vault.current()).content, accounts), added: 0 }
        return s.vault.mutate((content) => {
          const status = classify(content, accounts)
          accounts.forEach((a, n) => {
            if (status[n] === 'new') content.accounts.push(newStoredAccount(content, a, s.now(), { tags: a.tags, pinned: a.pinned, sites: a.sites }))
          })
          return { status, added: status.filter((x) => x === 'new').length }
        })
      },
    },
  } satisfies Handlers<Pick<PopupToBackground, 'importAccounts'>, ExtensionPageContext>
}
