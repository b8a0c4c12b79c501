/** The edit and QR panels of one account: delete it, or show it as a QR code. Loaded with those panels. */
import type { Client } from '../../shared/messaging.ts'
import type { PopupToBackground } from '../../shared/protocol.ts'
import type { AccountsModel } from './accounts-model.ts'
import type { FeedbackModel } from './feedback-model.ts'
import type { SessionModel } from './session-model.ts'

export function createAccountPanelModel(
  client: Client<PopupToBackground>,
  { run }: FeedbackModel,
  session: SessionModel,
  accounts: AccountsModel,
) {
  return {
    /** Deletes the account; the list offers to undo it while the background still can. */
    remove: (id: string) =>
      run(async () => {
        const gone = accounts.accounts.value.find((a) => a.id === id)
        await client('deleteAccount', { id })
        accounts.deleted({ id, name: gone ? gone.issuer || gone.account : '' })
        session.close()
        await accounts.load()
      }),
    /**
     * Sites guessed from an unbound account's issuer name, for the edit panel to offer. Only a suggestion: one that
     * cannot be worked out (the list unavailable, the vault locked meanwhile) offers none.
     */
    suggestions: (id: string): Promise<string[]> =>
      client('suggestSites', { id }).then(
        (r) => r.sites,
        () => [],
      ),
    /** The account as a QR code, after the password is entered again; closing the panel drops the picture. */
    showQr: (id: string, password: string) =>
      run(async () => session.show({ kind: 'qr', id, svg: (await client('accountQr', { id, password })).svg })),
  }
}

export type AccountPanelModel = ReturnType<typeof createAccountPanelModel>
