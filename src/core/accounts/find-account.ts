import { KeyfobError } from '../errors.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'

/** The account with this id; ACCOUNT_NOT_FOUND when it was deleted meanwhile (another window, an undo). */
export function findAccount(content: VaultContent, id: string): StoredAccount {
  const a = content.accounts.find((x) => x.id === id)
  if (!a) throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That account no longer exists.')
  return a
}
