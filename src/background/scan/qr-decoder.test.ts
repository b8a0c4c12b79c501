import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchImage } from './qr-decoder.ts'

afterEach(() => vi.unstubAllGlobals())

describe('fetchImage', () => {
  const stubFetch = () => {
    const fetch = vi.fn(async () => new Response(new Blob([new Uint8Array([1])], { type: 'image/png' })))
    vi.stubGlobal('fetch', fetch)
    return fetch
  }

  it('never sends cookies and never answers from the HTTP cache, whatever the site (a redirect could lead anywhere)', async () => {
    const fetch = stubFetch()
    await fetchImage('https://accounts.bank.example/2fa/qr.png')
    await fetchImage('https://static.bank.example/qr.png')
    for (const [, init] of fetch.mock.calls as unknown as [string, RequestInit][])
      expect(init).toMatchObject({ credentials: 'omit', cache: 'no-store' })
  })

  it('refuses addresses that are not http(s) or data: images, without fetching', async () => {
    const fetch = stubFetch()
    for (const url of ['chrome-extension://abc/icon.png', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>']) {
      await expect(fetchImage(url)).rejects.toMatchObject({ code: 'INVALID_IMAGE' })
    }
    expect(fetch).not.toHaveBeenCalled()
  })

  it('says which HTTP status refused the image', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('sign in first', { status: 403 })),
    )
    await expect(fetchImage('https://bank.example/qr.png')).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      message: expect.stringContaining('HTTP 403') as unknown,
    })
  })
})
