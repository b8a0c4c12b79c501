import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import { account, fakeClient, list, opening, status } from '../../../test/fake-popup-client.ts'
import { createPopupModel } from './popup-model.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }

describe('session model', () => {
  it('the screen follows the vault state, then the panel over the list', async () => {
    let s = status('corrupt')
    const { client } = fakeClient({ openPopup: () => opening(s) })
    const m = createPopupModel(client, noTimers)
    expect(m.session.screen.value).toBe('loading')
    for (const [state, screen] of [
      ['corrupt', 'corrupt'],
      ['locked', 'unlock'],
      ['uninitialized', 'setup'],
      ['unlocked', 'accounts'],
    ] as const) {
      s = status(state)
      await m.session.open()
      expect(m.session.screen.value).toBe(screen)
    }
    m.session.show({ kind: 'edit', id: '1' })
    expect(m.session.screen.value).toBe('edit')
    m.session.close()
    expect(m.session.screen.value).toBe('accounts')
  })

  it('showing or closing a panel drops the error; a failed open shows one', async () => {
    const { client } = fakeClient({
      openPopup: () => {
        throw new KeyfobError('INTERNAL', 'down')
      },
    })
    const m = createPopupModel(client, noTimers)
    await m.session.open()
    expect(m.feedback.error.value).toBe('down')
    m.session.show({ kind: 'settings' })
    expect(m.feedback.error.value).toBeNull()
  })

  it('lock closes the panel and drops the accounts', async () => {
    const { client } = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: list([account('1', 30_000)]) }),
      lock: () => status('locked'),
    })
    const m = createPopupModel(client, noTimers)
    await m.session.open()
    m.session.show({ kind: 'qr', id: '1', svg: '<svg/>' })
    await m.session.lock()
    expect([m.session.screen.value, m.session.panel.value, m.accounts.accounts.value]).toEqual(['unlock', null, []])
  })

  it('lock without a password locks nothing: it shows why instead, and sends no lock request', async () => {
    const { client, types } = fakeClient({
      openPopup: () => opening(status('unlocked', { hasPassword: false }), { list: list([account('1', 30_000)]) }),
      lock: () => status('locked'),
    })
    const m = createPopupModel(client, noTimers)
    await m.session.open()
    await m.session.lock()
    expect([m.session.screen.value, m.accounts.accounts.value.length, types()]).toEqual(['lockInfo', 1, ['openPopup']])
    m.session.close()
    expect(m.session.screen.value).toBe('accounts')
  })

  it('recheck: still unlocked shows the error, locked shows the lock screen', async () => {
    let state: 'locked' | 'unlocked' = 'unlocked'
    const { client } = fakeClient({ getStatus: () => status(state) })
    const m = createPopupModel(client, noTimers)
    await m.session.recheck(new Error('refused'))
    expect([m.session.screen.value, m.feedback.error.value]).toEqual(['accounts', 'refused'])
    state = 'locked'
    m.feedback.clearError()
    await m.session.recheck(new Error('refused'))
    expect([m.session.screen.value, m.feedback.error.value]).toEqual(['unlock', null])
  })
})
