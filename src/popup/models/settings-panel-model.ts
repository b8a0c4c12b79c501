/** The settings panel's forms: the password, and a clock correction the person types. Loaded with the panel. */
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground } from '../../shared/protocol.ts'
import type { FeedbackModel } from './feedback-model.ts'
import type { SessionModel } from './session-model.ts'

export function createSettingsPanelModel(client: Client<PopupToBackground>, { run }: FeedbackModel, session: SessionModel) {
  return {
    /** True once done. */
    changePassword: (current: string, next: string) =>
      run(async () => {
        await client('changePassword', { current, next })
        return true
      }),
    addPassword: (password: string) =>
      run(async () => {
        session.apply(await client('addPassword', { password }))
        return true
      }),
    /** In ms (the view has checked it with parseClockCorrection); everything shown again with the corrected codes. */
    setClockCorrection: (ms: number) =>
      run(async () => {
        await client('updateSettings', { clockCorrectionMs: ms })
        await session.reload()
        return true
      }),
  }
}

export type SettingsPanelModel = ReturnType<typeof createSettingsPanelModel>
