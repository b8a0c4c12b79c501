/**
 * The passkeys page's state: the vault's passkeys, adding one (password → create() → enrol) and
 * removing one (after the password). The ceremony is passed in, so the page's steps can be tested
 * without a browser; the password stays in the form until the person submits it.
 */
import { signal, type ReadonlySignal } from '@preact/signals'
import type { Client } from '../shared/messaging.ts'
import type { PasskeyCreation, PasskeyList, PopupToBackground } from '../shared/protocol.ts'
import type { PasskeyResult } from './passkey-webauthn.ts'

export function createPasskeysModel(
  client: Client<PopupToBackground>,
  describe: (e: unknown) => string,
  create: (begin: PasskeyCreation, name: string) => Promise<PasskeyResult>,
) {
  const passkeys = signal<PasskeyList['passkeys']>([])
  const busy = signal(false)
  const error = signal<string | null>(null)
  const notice = signal<string | null>(null)

  async function run(task: () => Promise<PasskeyList>, done: string): Promise<boolean> {
    busy.value = true
    error.value = null
    notice.value = null
    try {
      passkeys.value = (await task()).passkeys
      notice.value = done
      return true
    } catch (e) {
      error.value = describe(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return {
    passkeys: passkeys as ReadonlySignal<PasskeyList['passkeys']>,
    busy: busy as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    notice: notice as ReadonlySignal<string | null>,
    load: async () => {
      try {
        passkeys.value = (await client('passkeyList', {})).passkeys
      } catch (e) {
        error.value = describe(e)
      }
    },
    /** `added`: the sentence to show once it is in (it names the passkey). */
    add: (password: string, name: string, added: string) =>
      run(async () => {
        const begin = await client('passkeyBegin', { password })
        const made = await create(begin, name)
        return client('passkeyEnrol', { password, name, salt: begin.salt, ...made })
      }, added),
    remove: (id: string, password: string, removed: string) => run(() => client('passkeyRemove', { id, password }), removed),
  }
}

export type PasskeysModel = ReturnType<typeof createPasskeysModel>
