import { useSignal } from '@preact/signals'
import { formatCode } from '../../core/otp/format-code.ts'
import type { AccountView } from '../../shared/protocol.ts'
import { Avatar } from '../components/avatar.tsx'
import { CountdownRing } from '../components/countdown-ring.tsx'
import { t } from '../../shared/i18n.ts'
import type { AccountsModel } from '../models/accounts-model.ts'
import type { FillModel } from '../models/fill-model.ts'
import type { SessionModel } from '../models/session-model.ts'

const NEXT_CODE_SECONDS = 5

interface Props {
  account: AccountView
  index: number
  total: number
  now: number
  manual: boolean
  /** The setting: codes show as dots until clicked. */
  hideCodes: boolean
  accounts: AccountsModel
  fill: FillModel
  session: SessionModel
}

export function AccountRow({ account: a, index, total, now, manual, hideCodes, accounts, fill, session }: Props) {
  const copied = useSignal(false)
  const menu = useSignal(false)
  const revealed = useSignal(false)
  const hidden = hideCodes && !revealed.value
  const code = a.timed?.code ?? a.hotp?.code ?? null
  const remaining = a.timed ? Math.max(0, Math.ceil((a.timed.validUntil - now) / 1000)) : 0
  const name = a.issuer || a.account

  async function copy(code: string) {
    revealed.value = true
    await fill.copy(a.id, code)
    copied.value = true
    setTimeout(() => (copied.value = false), 1500)
  }

  return (
    <li
      class="account"
      data-index={index}
      aria-setsize={total}
      aria-posinset={index + 1}
      draggable={manual}
      onDragStart={(e) => e.dataTransfer?.setData('text/x-keyfob-id', a.id)}
      onDragOver={(e) => manual && e.preventDefault()}
      onDrop={(e) => {
        const id = e.dataTransfer?.getData('text/x-keyfob-id')
        if (manual && id && id !== a.id) void accounts.moveTo(id, a.id)
      }}
    >
      <Avatar name={name} />
      <div class="names">
        <span class="issuer">
          {a.pinned && (
            <span class="pin" aria-label={t('pinned')}>
              ★{' '}
            </span>
          )}
          {a.issuer || a.account}
        </span>
        {a.issuer && <span class="account-name">{a.account}</span>}
      </div>
      {code ? (
        <button
          type="button"
          class="code"
          data-account={a.id}
          onClick={() => void copy(code)}
          aria-label={hidden ? t('revealCodeFor', name) : t('copyCodeFor', [formatCode(code), name])}
        >
          {hidden ? '••• •••' : formatCode(code)}
        </button>
      ) : (
        <span class="code hidden-code" aria-hidden="true">
          ••• •••
        </span>
      )}
      <span class="timer">
        {a.timed && <CountdownRing remaining={remaining} period={a.period} />}
        {a.timed && <span class="sr-only">{t('secondsLeft', String(remaining))}</span>}
        {a.hotp && (
          <button
            type="button"
            class="small"
            data-account={code ? undefined : a.id}
            onClick={() => void accounts.nextHotpCode(a.id)}
            aria-label={a.hotp.code ? t('hotpNextFor', name) : t('hotpShowFor', name)}
          >
            {a.hotp.code ? t('hotpNext') : t('hotpShow')}
          </button>
        )}
        <button
          type="button"
          class="small more"
          aria-expanded={menu.value}
          aria-label={t('actionsFor', name)}
          onClick={() => (menu.value = !menu.value)}
        >
          ⋯
        </button>
      </span>
      {a.timed?.nextCode && remaining <= NEXT_CODE_SECONDS && !hidden && (
        <span class="next-code">{t('nextCode', formatCode(a.timed.nextCode))}</span>
      )}
      <span class="copied" role="status">
        {copied.value ? t('copied') : ''}
      </span>
      {menu.value && (
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
      )}
    </li>
  )
}
