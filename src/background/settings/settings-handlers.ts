/** Settings requests from the extension's pages and the content script: preferences and the clock correction. */
import { KeyfobError } from '../../core/errors.ts'
import type { ContentToBackground, Handlers, PopupToBackground, StatusInfo } from '../../shared/protocol.ts'
import type { ContentContext, ExtensionPageContext } from '../check-sender.ts'
import type { ClockCheck } from './clock-check.ts'
import type { SettingsStore } from './settings-store.ts'

export function createSettingsPopupHandlers(deps: {
  settings: SettingsStore
  clock: Pick<ClockCheck, 'warning'>
  status: () => Promise<StatusInfo>
  scheduleAutoLock: () => Promise<void>
}) {
  const { settings } = deps
  return {
    updateSettings: async (patch) => {
      const next = await settings.update(patch)
      await deps.scheduleAutoLock()
      return next
    },
    correctClock: async () => {
      // The offset is the one measured here against two agreeing sites, never a number from the message.
      const offer = await deps.clock.warning((await settings.get()).clockCorrectionMs)
      if (!offer) throw new KeyfobError('CLOCK_NOT_AGREED', 'No two sites agree on a clock correction right now.')
      if (!offer.correctable) {
        throw new KeyfobError(
          'CLOCK_CORRECTION_TOO_LARGE',
          'That is more than Keyfob corrects on its own: set the computer’s clock, or type a correction in Settings.',
        )
      }
      await settings.update({ clockCorrectionMs: offer.skewMs })
      return deps.status()
    },
  } satisfies Handlers<Pick<PopupToBackground, 'updateSettings' | 'correctClock'>, ExtensionPageContext>
}

export function createSettingsContentHandlers(settings: Pick<SettingsStore, 'get'>) {
  return {
    fieldButtonEnabled: async () => ({ enabled: (await settings.get()).fieldButton }),
  } satisfies Handlers<Pick<ContentToBackground, 'fieldButtonEnabled'>, ContentContext>
}
