import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import { account, fakeClient, list, loaded, opening, status } from '../../../test/fake-popup-client.ts'
import { createPopupModel } from './popup-model.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }

describe('panel models (loaded with their screens)', () => {
  it('load once, on first use', async () => {
    const m = createPopupModel(fakeClient({}).client, noTimers)
    expect(m.panels()).toBeNull()
    const panels = await loaded(m.panels)
    expect(m.panels()).toBe(panels)
  })

  it('unlock: a failure still shows the new throttle state; restoring the previous copy asks restorePrevious', async () => {
    const { client, types } = fakeClient({
      openPopup: () => opening(status('locked', { failures: 1 })),
      unlock: () => {
        throw new KeyfobError('WRONG_PASSWORD', 'wrong')
      },
      restorePrevious: () => status('unlocked'),
    })
    const m = createPopupModel(client, noTimers)
    const { lock } = await loaded(m.panels)
    await lock.unlock('x')
    expect([m.session.status.value?.failures, m.feedback.error.value]).toEqual([1, 'wrong'])
    await lock.unlock('x', true)
    expect(types()).toEqual(['unlock', 'openPopup', 'restorePrevious', 'openPopup'])
  })

  it('the edit panel’s suggested sites: as the background answers, and none when it cannot say (never an error)', async () => {
    const { client } = fakeClient({
      suggestSites: ({ id }) => {
        if (id === 'gone') throw new KeyfobError('ACCOUNT_NOT_FOUND', 'gone')
        return { sites: ['github.com'] }
      },
    })
    const m = createPopupModel(client, noTimers)
    const { account: panel } = await loaded(m.panels)
    expect(await panel.suggestions('1')).toEqual(['github.com'])
    expect(await panel.suggestions('gone')).toEqual([])
    expect(m.feedback.error.value).toBeNull()
  })

  it('delete offers undo with the name; the QR code is kept by its panel only until it closes', async () => {
    const { client } = fakeClient({
      openPopup: () => opening(status('unlocked'), { list: list([account('1', 30_000, { issuer: 'Acme' })]) }),
      deleteAccount: () => ({}),
      listAccounts: () => list([]),
      accountQr: () => ({ svg: '<svg/>' }),
    })
    const m = createPopupModel(client, noTimers)
    await m.session.open()
    const { account: panel } = await loaded(m.panels)
    m.session.show({ kind: 'qr', id: '1' })
    await panel.showQr('1', 'pw')
    expect(m.session.panel.value).toEqual({ kind: 'qr', id: '1', svg: '<svg/>' })
    m.session.close()
    m.session.show({ kind: 'qr', id: '1' })
    expect(m.session.panel.value).toEqual({ kind: 'qr', id: '1' })
    await panel.remove('1')
    expect(m.accounts.lastDeleted.value).toEqual({ id: '1', name: 'Acme' })
    expect([m.session.panel.value, m.accounts.accounts.value]).toEqual([null, []])
  })

  it('add: a form error names its field; scanning the tab in front asks for the tab at that moment', async () => {
    let front = 3
    const scanned = { scanId: 's', state: 'found' as const, items: [], batch: null, message: null, note: null }
    const { client, calls } = fakeClient({
      addManual: () => {
        throw new KeyfobError('INVALID_PARAMETER', 'bad digits', { field: 'digits' })
      },
      scanActiveTab: () => scanned,
    })
    const m = createPopupModel(client, { ...noTimers, activeTabId: async () => front })
    const { add } = await loaded(m.panels)
    m.session.show({ kind: 'add' })
    await add.addManual({
      issuer: 'x',
      account: '',
      secret: 'JBSWY3DPEHPK3PXP',
      type: 'totp',
      algorithm: 'SHA1',
      digits: '12',
      period: '30',
      counter: '0',
    })
    expect([m.feedback.errorField.value, m.session.panel.value?.kind]).toEqual(['digits', 'add'])
    front = 5
    await add.scanActiveTab()
    expect(calls.at(-1)).toEqual({ type: 'scanActiveTab', input: { tabId: 5 } })
    expect([m.scan.panel.value, m.session.panel.value]).toEqual([scanned, null])
  })

  it('settings panel: a password added shows the new status; a typed clock correction shows everything again', async () => {
    const { client, types } = fakeClient({
      addPassword: () => status('unlocked', { hasPassword: true }),
      updateSettings: () => status('unlocked').settings,
      openPopup: () => opening(status('unlocked')),
      changePassword: () => ({}),
    })
    const m = createPopupModel(client, noTimers)
    const { settings } = await loaded(m.panels)
    expect(await settings.addPassword('a long passphrase')).toBe(true)
    expect(m.session.status.value?.hasPassword).toBe(true)
    expect(await settings.setClockCorrection(120_000)).toBe(true)
    expect(await settings.changePassword('a', 'b')).toBe(true)
    expect(types()).toEqual(['addPassword', 'updateSettings', 'openPopup', 'changePassword'])
  })
})
