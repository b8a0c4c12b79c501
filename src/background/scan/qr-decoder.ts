/**
 * Images for a scan, fetched or read in the service worker; their pixels are made and
 * decoded in the decoding worker (off-thread-qr.ts, src/offscreen/image-pixels.ts).
 */
import { KeyfobError } from '../../core/errors.ts'

/** A data: URL of an image, read locally (no network). */
export const dataUrlBlob = async (dataUrl: string) => {
  if (!/^data:image\//i.test(dataUrl)) throw new KeyfobError('INVALID_IMAGE', 'That is not an image Keyfob can read.')
  return (await fetch(dataUrl)).blob()
}

/**
 * Downloads an image the page showed, for a cross-origin image whose pixels the page
 * cannot hand over. `url` is where the download ended up, after any redirects.
 *
 * Never with cookies, whatever the site. Keyfob's host access makes its requests count
 * as same-site, so with credentials even SameSite=Strict cookies went along; a choice
 * made on the first URL does not hold for the URLs a redirect leads to; and an extension
 * service worker cannot check each hop itself (`redirect: 'manual'` gives an opaque
 * redirect with no Location). So a page could have had Keyfob read another site's
 * signed-in setup code and bind it to the page. An image that needs the person's
 * cookies is read from what the page itself shows instead (scan-element.ts): for that,
 * the browser decided what to send, under its own rules.
 * Never from the HTTP cache either: a refused or stale answer must not stand in for
 * the image the page shows now.
 */
export async function fetchImage(url: string): Promise<{ blob: Blob; url: string }> {
  if (!/^(https?:|data:image\/)/i.test(url)) throw new KeyfobError('INVALID_IMAGE', 'Keyfob cannot read images from that kind of address.')
  let response: Response
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' })
  } catch (e) {
    throw new KeyfobError('INVALID_IMAGE', 'The image could not be downloaded (network error).', { cause: e })
  }
  if (!response.ok) throw new KeyfobError('INVALID_IMAGE', `The image could not be downloaded (HTTP ${response.status}).`)
  return { blob: await response.blob(), url: response.url || url }
}
