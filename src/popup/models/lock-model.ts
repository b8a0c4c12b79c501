/** The first-run and unlock screens: create the vault, or open it. Loaded with those screens. */
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground } from '../../shared/protocol.ts'
import type { FeedbackModel } from './feedback-model.ts'
import type { SessionModel } from './session-model.ts'

export function createLockModel(client: Client<PopupToBackground>, { run }: FeedbackModel, session: SessionModel) {
  return {
    /** A password, or null: the person knowingly went without one. */
    setup: (password: string | null) =>
      run(async () => {
        await client('setup', { password })
        await session.reload()
      }),
    /** `restorePrevious`: the vault is damaged and the previous copy opens with this password. */
    unlock: (password: string, restorePrevious = false) =>
      run(async () => {
        try {
          await client(restorePrevious ? 'restorePrevious' : 'unlock', { password })
        } finally {
          // On a failure too: the throttle state (count, wait) has changed.
          await session.reload()
        }
      }),
  }
}

export type LockModel = ReturnType<typeof createLockModel>
