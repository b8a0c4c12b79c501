/** The person's settings: they come with the vault's status. */
import { computed } from '@preact/signals'
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground } from '../../shared/protocol.ts'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts'
import type { FeedbackModel } from './feedback-model.ts'
import type { SessionModel } from './session-model.ts'

export function createSettingsModel(client: Client<PopupToBackground>, { run }: FeedbackModel, session: SessionModel) {
  return {
    settings: computed(() => session.status.value?.settings ?? DEFAULT_SETTINGS),
    update: (patch: Partial<Settings>) =>
      run(async () => {
        const settings = await client('updateSettings', patch)
        const s = session.status.value
        if (s) session.apply({ ...s, settings })
      }),
    /** Codes with the offset two sites agreed on (the background's own measurement), then everything shown again with them. */
    correctClock: () =>
      run(async () => {
        await client('correctClock', {})
        await session.reload()
      }),
  }
}

export type SettingsModel = ReturnType<typeof createSettingsModel>
