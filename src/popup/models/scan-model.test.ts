import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import type { ScanPanel } from '../../shared/protocol.ts'
import { fakeClient, opening, status } from '../../../test/fake-popup-client.ts'
import { createPopupModel } from './popup-model.ts'

const noTimers = { now: () => 0, setTimer: () => 0, clearTimer: () => {} }
const nothing: ScanPanel = {
  scanId: 's1',
  state: 'nothing',
  items: [],
  batch: null,
  message: { key: 'scanNoCodeVisible' },
  note: null,
  offerRegion: true,
  tabId: 7,
}

describe('scan model: "Select the code on the page"', () => {
  it('asks the background for the picker in the scanned tab, and says it started', async () => {
    const { client, calls } = fakeClient({ openPopup: () => opening(status('unlocked')), pickScanRegion: () => ({}) })
    const m = createPopupModel(client, noTimers)
    m.scan.show(nothing)
    expect(await m.scan.pickOnPage(7)).toEqual({})
    expect(calls).toEqual([{ type: 'pickScanRegion', input: { tabId: 7 } }])
    expect(m.feedback.error.value).toBeNull()
  })

  it('a page Keyfob does not run on: the error is shown, and the popup stays (nothing started)', async () => {
    const { client } = fakeClient({
      pickScanRegion: () => {
        throw new KeyfobError('PICKER_UNAVAILABLE', 'Keyfob does not run on this page, so the code cannot be selected here.')
      },
    })
    const m = createPopupModel(client, { ...noTimers, errorText: (e) => (e as KeyfobError).code })
    m.scan.show(nothing)
    expect(await m.scan.pickOnPage(7)).toBeUndefined()
    expect(m.feedback.error.value).toBe('PICKER_UNAVAILABLE')
    expect(m.scan.panel.value).toEqual(nothing)
  })
})
