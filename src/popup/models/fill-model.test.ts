import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import type { PopupOpening } from '../../shared/protocol.ts'
import { account, fakeClient, list, opening, status } from '../../../test/fake-popup-client.ts'
import { createPopupModel } from './popup-model.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }

async function opened(extra: Partial<PopupOpening>, answers: Parameters<typeof fakeClient>[0] = {}) {
  const copied: string[] = []
  const fake = fakeClient({
    openPopup: () => opening(status('unlocked'), { tabId: 9, list: list([account('1', 30_000)], { activeSite: 'shop.test' }), ...extra }),
    codeCopied: () => ({}),
    ...answers,
  })
  const m = createPopupModel(fake.client, { ...noTimers, copyText: async (t) => void copied.push(t) })
  await m.session.open()
  return { m, copied, ...fake }
}

describe('fill model', () => {
  it('a click on a code copies it, records the use and fills the tab when it has a code field: one action', async () => {
    const { m, copied, calls } = await opened({ fillable: true }, { fillFromPopup: () => ({ filled: true, site: 'shop.test' }) })
    await m.fill.copy('1', '123456')
    await expect.poll(() => m.fill.filled.value).toBe(true)
    expect(copied).toEqual(['123456'])
    expect(calls.slice(1)).toEqual([
      { type: 'codeCopied', input: { id: '1', code: '123456' } },
      { type: 'fillFromPopup', input: { id: '1', tabId: 9, confirmMismatch: false } },
    ])
  })

  it('a tab without a code field is not asked to fill; a failed copy records and fills nothing', async () => {
    const { m, types } = await opened({ fillable: false })
    await m.fill.copy('1', '123456')
    expect(types()).toEqual(['openPopup', 'codeCopied'])
    const failing = createPopupModel(fakeClient({}).client, {
      ...noTimers,
      copyText: async () => {
        throw new Error('denied')
      },
    })
    await expect(failing.fill.copy('1', '123456')).rejects.toThrow('denied')
  })

  it('an account not bound to the site waits for the go-ahead, naming the site', async () => {
    const { m, calls } = await opened(
      { fillable: true },
      {
        fillFromPopup: (i) => {
          if (!i.confirmMismatch) throw new KeyfobError('SITE_MISMATCH', 'not bound')
          return { filled: true, site: 'shop.test' }
        },
      },
    )
    await m.fill.fill('1')
    expect(m.fill.warning.value).toEqual({ id: '1', name: 'Acme', site: 'shop.test' })
    expect(m.fill.filled.value).toBe(false)
    await m.fill.fill('1', true)
    expect([m.fill.warning.value, m.fill.filled.value]).toEqual([null, true])
    expect(calls.at(-1)?.input).toEqual({ id: '1', tabId: 9, confirmMismatch: true })
  })

  it('a framed fill: confirmed with the account chosen, or cancelled; either way asked once', async () => {
    const framed = { site: 'bank.test', framedBy: 'shop.test', names: ['Acme', 'Other'] }
    const { m, calls } = await opened({ framed }, { confirmFramedFill: () => ({ filled: true }), cancelFramedFill: () => ({}) })
    expect(m.fill.framed.value).toEqual({ tabId: 9, ...framed })
    await m.fill.confirmFramed(1)
    expect([m.fill.framed.value, m.fill.filled.value]).toEqual([null, true])
    await m.fill.confirmFramed(0)
    expect(calls.filter((c) => c.type === 'confirmFramedFill').map((c) => c.input)).toEqual([{ tabId: 9, index: 1 }])
    const again = await opened({ framed }, { cancelFramedFill: () => ({}) })
    again.m.fill.cancelFramed()
    again.m.fill.cancelFramed()
    expect(again.calls.filter((c) => c.type === 'cancelFramedFill').map((c) => c.input)).toEqual([{ tabId: 9 }])
  })
})
