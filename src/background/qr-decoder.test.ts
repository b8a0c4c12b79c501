import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchImage } from './qr-decoder.ts'

afterEach(() => vi.unstubAllGlobals())

describe('fetchImage', () => {
  const stubFetch = () => {
    const fetch = vi.fn(async () => new Response(new Blob([new Uint8Array([1])], { type: 'image/png' })))
    vi.stubGlobal('fetch', fetch)
    return fetch
  }

  it('sends cookies only to the page’s own site, so a page cannot have Keyfob read another site’s QR code as the person', async () => {
    const fetch = stubFetch()
    await fetchImage('https://accounts.bank.example/2fa/qr.png', 'https://evil.test/offer')
    await fetchImage('https://static.bank.example/qr.png', 'https://login.bank.example/setup')
    await fetchImage('https://bank.example/qr.png', undefined)
    expect(fetch.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1].credentials)).toEqual(['omit', 'include', 'omit'])
  })

  it('refuses addresses that are not http(s) or data: images, without fetching', async () => {
    const fetch = stubFetch()
    for (const url of ['chrome-extension://abc/icon.png', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>']) {
      await expect(fetchImage(url, 'https://bank.example/')).rejects.toMatchObject({ code: 'INVALID_IMAGE' })
    }
    expect(fetch).not.toHaveBeenCalled()
  })
})
