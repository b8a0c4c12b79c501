/**
 * The account requests that change accounts or show one as a QR code: add (links or the manual form), edit,
 * reorder, delete and undo, and the QR picture. They load with the first of them (account-handlers.ts), not
 * with the worker: opening the popup, copying and filling need none of them (issue #15).
 */
import { findAccount } from '../../core/accounts/find-account.ts'
import { findSameSecret, newStoredAccount } from '../../core/accounts/new-stored-account.ts'
import { validateManualAccount } from '../../core/accounts/validate-manual-account.ts'
import { KeyfobError } from '../../core/errors.ts'
import type { AccountFields } from '../../core/types.ts'
import type { StoredAccount, VaultContent } from '../../core/vault/index.ts'
import type { AddResult, Handlers, PopupToBackground } from '../../shared/protocol.ts'
import type { ExtensionPageContext } from '../check-sender.ts'
import type { AccountDeps } from './account-handlers.ts'
import { normalizeSites } from './normalize-sites.ts'

type AccountEditEndpoints = Pick<
  PopupToBackground,
  'addAccounts' | 'addManual' | 'updateAccount' | 'moveAccount' | 'deleteAccount' | 'restoreAccount' | 'accountQr'
>

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

export function createAccountEditHandlers(s: AccountDeps) {
  /** Recently deleted accounts, for undo; memory only, so a worker restart ends the chance to undo, and so does locking. */
  const deleted = new Map<string, StoredAccount>()
  s.vault.onChange((unlocked) => unlocked === null && deleted.clear())

  return {
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
  } satisfies Handlers<AccountEditEndpoints, ExtensionPageContext>
}
