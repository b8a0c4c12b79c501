import type { AccountFields } from '../types.ts'
import type { StoredAccount, VaultContent } from '../vault/vault-content.ts'

/** A new vault entry for `fields`, placed after every existing account. */
export function newStoredAccount(
  content: VaultContent,
  fields: AccountFields,
  now: number,
  extra: Partial<StoredAccount> = {},
): StoredAccount {
  const order = content.accounts.reduce((max, a) => Math.max(max, a.order), -1) + 1
  return {
    ...fields,
    id: crypto.randomUUID(),
    tags: [],
    pinned: false,
    sites: [],
    createdAt: now,
    updatedAt: now,
    order,
    ...extra,
  }
}

/**
 * The account already holding this key, if any: the same secret and OTP type is
 * the same second factor, whatever it is called (issue: "already added", not a
 * silent duplicate).
 */
export function findSameSecret(content: VaultContent, fields: Pick<AccountFields, 'secret' | 'type'>): StoredAccount | undefined {
  return content.accounts.find((a) => a.secret === fields.secret && a.type === fields.type)
}
