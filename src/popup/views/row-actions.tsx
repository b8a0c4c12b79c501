/**
 * An account's menu (⋯): pin, edit, QR, and moves in the manual order. Loaded the first time a
 * menu opens (account-row.tsx), so that every popup open does not pay for it (scripts/check-size.mjs).
 */
import type { AccountView } from '../../shared/protocol.ts'
import { t } from '../../shared/i18n.ts'
import type { AccountsModel } from '../models/accounts-model.ts'
import type { SessionModel } from '../models/session-model.ts'

interface Props {
  account: AccountView
  name: string
  index: number
  total: number
  manual: boolean
  accounts: AccountsModel
  session: SessionModel
}

export default function RowActions({ account: a, name, index, total, manual, accounts, session }: Props) {
  return (
    <div class="row-actions" role="group" aria-label={t('actionsFor', name)}>
      <button type="button" class="small" onClick={() => void accounts.update(a.id, { pinned: !a.pinned })}>
        {a.pinned ? t('unpin') : t('pin')}
      </button>
      <button type="button" class="small" onClick={() => session.show({ kind: 'edit', id: a.id })}>
        {t('edit')}
      </button>
      <button type="button" class="small" onClick={() => session.show({ kind: 'qr', id: a.id })}>
        {t('showQr')}
      </button>
      {manual && index > 0 && (
        <button type="button" class="small" onClick={() => void accounts.moveBy(a.id, -1)}>
          {t('moveUp')}
        </button>
      )}
      {manual && index < total - 1 && (
        <button type="button" class="small" onClick={() => void accounts.moveBy(a.id, 1)}>
          {t('moveDown')}
        </button>
      )}
    </div>
  )
}
