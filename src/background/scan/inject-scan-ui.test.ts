/**
 * The scan UI is injected into the frame just before a request that needs it, and only then
 * (inject-scan-ui.ts); a refused injection leaves the request to succeed or fail on its own.
 */
import { describe, expect, it, vi } from 'vitest'
import { SCAN_UI, scanUiInjector } from './inject-scan-ui.ts'

const scripting = () => ({ executeScript: vi.fn(async () => []) })

describe('scanUiInjector', () => {
  it.each(['showScan', 'pickRegion', 'drawnBy'] as const)('injects the built scan UI into the frame asked, before %s', async (type) => {
    const api = scripting()
    await scanUiInjector(api)(7, 0, type)
    expect(api.executeScript).toHaveBeenCalledExactlyOnceWith({ target: { tabId: 7, frameIds: [0] }, files: ['src/content/scan-ui.js'] })
  })

  it('injects into every frame when the request goes to whichever frame answers', async () => {
    const api = scripting()
    await scanUiInjector(api)(7, undefined, 'showScan')
    expect(api.executeScript).toHaveBeenCalledExactlyOnceWith({ target: { tabId: 7, allFrames: true }, files: [SCAN_UI.file] })
  })

  it.each(['ping', 'elementImage', 'otpFieldStatus', 'fillCode', 'showNotice', 'qrOutsideView'] as const)(
    'injects nothing before %s, which the content script answers itself',
    async (type) => {
      const api = scripting()
      await scanUiInjector(api)(7, 0, type)
      expect(api.executeScript).not.toHaveBeenCalled()
    },
  )

  it('a refused injection (no activeTab, a page Keyfob cannot script) does not fail the request', async () => {
    const api = { executeScript: vi.fn(() => Promise.reject(new Error('Cannot access contents of the page.'))) }
    await expect(scanUiInjector(api)(7, 0, 'drawnBy')).resolves.toBeUndefined()
    expect(api.executeScript).toHaveBeenCalledOnce()
  })
})
