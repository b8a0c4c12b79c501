/**
 * Vault requests from the extension's own pages: status, first run, unlock, lock,
 * passwords and settings. The router has already checked the sender.
 */
import { KeyfobError } from '../core/errors.ts'
import type { Handlers, PopupToBackground, StatusInfo } from '../shared/protocol.ts'
import { AUTO_LOCK_CHOICES, CLIPBOARD_CLEAR_CHOICES, MAX_CLOCK_CORRECTION_MS, SORT_ORDERS, THEMES, type Settings } from '../shared/settings.ts'
import { boolean, empty, integer, object, string } from '../shared/validate.ts'
import type { ExtensionPageContext } from './check-sender.ts'
import type { Services } from './services.ts'

type VaultEndpoints = Pick<PopupToBackground,
  'getStatus' | 'setup' | 'unlock' | 'restorePrevious' | 'lock' | 'changePassword' | 'addPassword' | 'updateSettings' | 'correctClock'>

const PASSWORD_MAX = 1024
const passwordInput = (i: unknown) => ({ password: string(object(i, ['password']), 'password', { max: PASSWORD_MAX }) })

function oneOf<T>(o: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  if (!allowed.includes(o[key] as T)) {
    throw new KeyfobError('INVALID_MESSAGE', `'${key}' must be one of ${allowed.join(', ')}.`)
  }
  return o[key] as T
}

async function statusOf(s: Services): Promise<StatusInfo> {
  const settings = await s.settings.get()
  return { ...(await s.vault.status()), version: s.version, settings, clock: await s.clockWarning(settings.clockCorrectionMs) }
}

async function withStatus(s: Services, action: Promise<void>): Promise<StatusInfo> {
  await action
  await s.scheduleAutoLock()
  return statusOf(s)
}

export function createVaultHandlers(s: Services) {
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
      parse: passwordInput,
      handle: ({ password }) => withStatus(s, s.vault.unlock(password)),
    },
    restorePrevious: {
      parse: passwordInput,
      handle: ({ password }) => withStatus(s, s.vault.restorePrevious(password)),
    },
    lock: { parse: empty, handle: () => withStatus(s, s.vault.lock()) },
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
      parse: passwordInput,
      handle: ({ password }) => withStatus(s, s.vault.addPassword(password)),
    },
    updateSettings: {
      parse: (i) => {
        const o = object(i, ['autoLockMinutes', 'clipboardClearSeconds', 'hideCodes', 'theme', 'sortOrder', 'fieldButton', 'autoSubmit', 'clockCorrectionMs'])
        const patch: Partial<Settings> = {}
        if ('autoLockMinutes' in o) patch.autoLockMinutes = oneOf(o, 'autoLockMinutes', AUTO_LOCK_CHOICES)
        if ('clipboardClearSeconds' in o) patch.clipboardClearSeconds = oneOf(o, 'clipboardClearSeconds', CLIPBOARD_CLEAR_CHOICES)
        if ('hideCodes' in o) patch.hideCodes = boolean(o, 'hideCodes')
        if ('theme' in o) patch.theme = oneOf(o, 'theme', THEMES)
        if ('sortOrder' in o) patch.sortOrder = oneOf(o, 'sortOrder', SORT_ORDERS)
        if ('fieldButton' in o) patch.fieldButton = boolean(o, 'fieldButton')
        if ('autoSubmit' in o) patch.autoSubmit = boolean(o, 'autoSubmit')
        if ('clockCorrectionMs' in o) patch.clockCorrectionMs = integer(o, 'clockCorrectionMs', -MAX_CLOCK_CORRECTION_MS, MAX_CLOCK_CORRECTION_MS)
        return patch
      },
      handle: async (patch) => {
        const settings = await s.settings.update(patch)
        await s.scheduleAutoLock()
        return settings
      },
    },
    correctClock: {
      parse: empty,
      handle: async () => {
        // The offset is the one measured here against two agreeing sites, never a number from the message.
        const offer = await s.clockWarning((await s.settings.get()).clockCorrectionMs)
        if (!offer) throw new KeyfobError('CLOCK_NOT_AGREED', 'No two sites agree on a clock correction right now.')
        if (!offer.correctable) {
          throw new KeyfobError('CLOCK_CORRECTION_TOO_LARGE', 'That is more than Keyfob corrects on its own: set the computer’s clock, or type a correction in Settings.')
        }
        await s.settings.update({ clockCorrectionMs: offer.skewMs })
        return statusOf(s)
      },
    },
  } satisfies Handlers<VaultEndpoints, ExtensionPageContext>
}
