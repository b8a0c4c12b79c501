import { signal } from '@preact/signals'
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground, StatusInfo } from '../../shared/protocol.ts'

/** The popup's view of the vault state, loaded from the background. */
export function createStatusModel(client: Client<PopupToBackground>) {
  const status = signal<StatusInfo | null>(null)
  const error = signal<string | null>(null)
  async function refresh(): Promise<void> {
    try {
      status.value = await client('getStatus', {})
      error.value = null
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    }
  }
  return { status, error, refresh }
}

export type StatusModel = ReturnType<typeof createStatusModel>
