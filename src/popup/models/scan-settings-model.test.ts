import { describe, expect, it } from 'vitest'
import type { ScanPanel } from '../../shared/protocol.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { account, fakeClient, list, opening, status } from '../../../test/fake-popup-client.ts'
import { createPopupModel } from './popup-model.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }
const found: ScanPanel = { scanId: 's1', state: 'found', items: [], batch: null, message: null, note: null }

describe('scan model', () => {
  it('Add confirms the waiting scan and shows the list with the new account; dismiss puts it away', async () => {
    const { client, calls } = fakeClient({
      openPopup: () => opening(status('unlocked'), { scan: found }),
      confirmPendingScan: () => ({ ...found, state: 'added' }),
      listAccounts: () => list([account('new', 30_000)]),
    })
    const m = createPopupModel(client, noTimers)
    await m.session.open()
    await m.scan.confirm()
    expect(calls.find((c) => c.type === 'confirmPendingScan')?.input).toEqual({ scanId: 's1' })
    expect(m.scan.panel.value?.state).toBe('added')
    expect(m.accounts.accounts.value.map((a) => a.id)).toEqual(['new'])
    m.scan.dismiss()
    expect(m.scan.panel.value).toBeNull()
  })
})

describe('settings model', () => {
  it('a changed setting is shown at once; the clock correction shows everything again with corrected codes', async () => {
    const { client, types } = fakeClient({
      openPopup: () => opening(status('unlocked')),
      updateSettings: (patch) => ({ ...DEFAULT_SETTINGS, ...patch }),
      correctClock: () => status('unlocked'),
    })
    const m = createPopupModel(client, noTimers)
    expect(m.settings.settings.value).toEqual(DEFAULT_SETTINGS) // before the status arrives
    await m.session.open()
    await m.settings.update({ sortOrder: 'issuer' })
    expect(m.settings.settings.value.sortOrder).toBe('issuer')
    await m.settings.correctClock()
    expect(types()).toEqual(['openPopup', 'updateSettings', 'correctClock', 'openPopup'])
  })
})
