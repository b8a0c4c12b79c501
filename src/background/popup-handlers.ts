/**
 * Requests from the extension's own pages. Inputs are validated here; the router
 * has already checked the sender. Nothing returned here contains a secret.
 */
import { findSameSecret, newStoredAccount } from '../core/accounts/new-stored-account.ts'
import { parseAccountText } from '../core/accounts/parse-account-text.ts'
import { KeyfobError } from '../core/errors.ts'
import type { AddResult, Handlers, PopupToBackground, StatusInfo } from '../shared/protocol.ts'
import { AUTO_LOCK_CHOICES, CLIPBOARD_CLEAR_CHOICES, THEMES, type Settings } from '../shared/settings.ts'
import { boolean, empty, object, string } from '../shared/validate.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import type { Services } from './services.ts'

const PASSWORD_MAX = 1024

function oneOf<T>(o: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  if (!allowed.includes(o[key] as T)) {
    throw new KeyfobError('INVALID_MESSAGE', `'${key}' must be one of ${allowed.join(', ')}.`)
  }
  return o[key] as T
}

async function statusOf(s: Services): Promise<StatusInfo> {
  return { ...(await s.vault.status()), version: s.version, settings: await s.settings.get() }
}

async function withStatus(s: Services, action: Promise<void>): Promise<StatusInfo> {
  await action
  await s.scheduleAutoLock()
  return statusOf(s)
}

export function createPopupHandlers(s: Services) {
  return {
    getStatus: { parse: empty, handle: () => statusOf(s) },
    setup: {
      parse: (i) => {
        const o = object(i, ['password'])
        return { password: o.password === null ? null : string(o, 'password', { max: PASSWORD_MAX }) }
      },
      handle: ({ password }) => withStatus(s, s.vault.setup(password)),
    },
    unlock: {
      parse: (i) => ({ password: string(object(i, ['password']), 'password', { max: PASSWORD_MAX }) }),
      handle: ({ password }) => withStatus(s, s.vault.unlock(password)),
    },
    lock: { parse: empty, handle: () => withStatus(s, s.vault.lock()) },
    listAccounts: {
      parse: empty,
      handle: async () => {
        const { content } = await s.vault.current()
        await s.vault.touch()
        return { accounts: await s.codes.views(content.accounts, s.now()) }
      },
    },
    addAccounts: {
      parse: (i) => ({ text: string(object(i, ['text']), 'text', { max: 200_000 }) }),
      handle: async ({ text }) => {
        const parsed = parseAccountText(text)
        const { added, duplicates } = await s.vault.mutate((content) => {
          const result = { added: [] as typeof content.accounts, duplicates: [] as AddResult['duplicates'] }
          for (const fields of parsed) {
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
        })
        return { added: await s.codes.views(added, s.now()), duplicates }
      },
    },
    nextHotpCode: {
      parse: (i) => ({ id: string(object(i, ['id']), 'id', { max: 100 }) }),
      handle: async ({ id }) => {
        // Revealing a code uses up its counter: store counter + 1 before showing it (RFC 4226 §7.2).
        const account = await s.vault.mutate(async (content) => {
          const a = content.accounts.find((x) => x.id === id)
          if (!a || a.type !== 'hotp') throw new KeyfobError('NOT_FOUND', 'That HOTP account no longer exists.')
          await s.codes.revealHotp(a)
          a.counter += 1n
          a.lastUsedAt = s.now()
          return a
        })
        return s.codes.view(account, s.now())
      },
    },
    deleteAccount: {
      parse: (i) => ({ id: string(object(i, ['id']), 'id', { max: 100 }) }),
      handle: async ({ id }) => {
        await s.vault.mutate((content) => {
          const index = content.accounts.findIndex((a) => a.id === id)
          if (index < 0) throw new KeyfobError('NOT_FOUND', 'That account no longer exists.')
          content.accounts.splice(index, 1)
        })
        return {}
      },
    },
    changePassword: {
      parse: (i) => {
        const o = object(i, ['current', 'next'])
        return { current: string(o, 'current', { max: PASSWORD_MAX }), next: string(o, 'next', { max: PASSWORD_MAX }) }
      },
      handle: async ({ current, next }) => {
        await s.vault.changePassword(current, next)
        return {}
      },
    },
    addPassword: {
      parse: (i) => ({ password: string(object(i, ['password']), 'password', { max: PASSWORD_MAX }) }),
      handle: ({ password }) => withStatus(s, s.vault.addPassword(password)),
    },
    updateSettings: {
      parse: (i) => {
        const o = object(i, ['autoLockMinutes', 'clipboardClearSeconds', 'hideCodes', 'theme'])
        const patch: Partial<Settings> = {}
        if ('autoLockMinutes' in o) patch.autoLockMinutes = oneOf(o, 'autoLockMinutes', AUTO_LOCK_CHOICES)
        if ('clipboardClearSeconds' in o) patch.clipboardClearSeconds = oneOf(o, 'clipboardClearSeconds', CLIPBOARD_CLEAR_CHOICES)
        if ('hideCodes' in o) patch.hideCodes = boolean(o, 'hideCodes')
        if ('theme' in o) patch.theme = oneOf(o, 'theme', THEMES)
        return patch
      },
      handle: async (patch) => {
        const settings = await s.settings.update(patch)
        await s.scheduleAutoLock()
        return settings
      },
    },
  } satisfies Handlers<PopupToBackground, ExtensionPageContext>
}
