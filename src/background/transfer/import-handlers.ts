/**
 * Accounts from the import page. The page parses and decrypts the file (the
 * importers load only there); here every account is checked again, duplicates
 * are found, and the whole import is stored in one write or not at all.
 */
import { findSameSecret, newStoredAccount } from '../../core/accounts/new-stored-account.ts'
import { fromTransferred, type IncomingAccount } from '../../core/accounts/transfer-account.ts'
import type { VaultContent } from '../../core/vault/index.ts'
import type { Handlers, PopupToBackground } from '../../shared/protocol.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import type { VaultService } from '../vault/vault-service.ts'

export interface TransferDeps {
  vault: Pick<VaultService, 'current' | 'mutate' | 'confirmPassword' | 'confirmPasskey'>
  now: () => number
}

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

export function createImportHandlers(s: TransferDeps) {
  return {
    importAccounts: async ({ accounts: wire, dryRun }) => {
      const accounts = wire.map((a, n) => fromTransferred(a, `Account ${n + 1}`))
      if (dryRun) return { status: classify((await s.vault.current()).content, accounts), added: 0 }
      return s.vault.mutate((content) => {
        const status = classify(content, accounts)
        accounts.forEach((a, n) => {
          if (status[n] === 'new')
            content.accounts.push(newStoredAccount(content, a, s.now(), { tags: a.tags, pinned: a.pinned, sites: a.sites }))
        })
        return { status, added: status.filter((x) => x === 'new').length }
      })
    },
  } satisfies Handlers<Pick<PopupToBackground, 'importAccounts'>, ExtensionPageContext>
}
