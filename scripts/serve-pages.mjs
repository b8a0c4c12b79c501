// A small static server on 127.0.0.1 for the demo site and the e2e pages.
// `/qr.png?text=…` renders any text as a QR code (the demo's sign-up page uses it).
import { createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'
import QRCode from 'qrcode'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/**
 * @typedef {{ host: string, path: string, token: string | null, cookie: string | null, accept: string, referer: string | null }} SeenRequest
 * @param {{ root: string, port?: number, host?: string, tls?: { key: Buffer, cert: Buffer } }} options
 *   `tls`: serve https with this key and certificate (scripts/test-certificate.mjs) instead of http.
 * @returns {Promise<{ origin: string, port: number, close: () => Promise<void>, requests: SeenRequest[], openGate: (token: string) => void }>}
 */
export async function servePages({ root, port = 0, host = '127.0.0.1', tls }) {
  const base = resolve(root)
  /** Every /scan-test/ request, for the hostile scan tests to inspect (cookies sent, by whom). */
  /** @type {SeenRequest[]} */
  const requests = []
  const openGates = new Set()
  const server = tls ? createHttpsServer(tls) : createServer()
  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    // Test hosts named skew-…: a server whose clock is two minutes ahead (clock-skew tests).
    if ((req.headers.host ?? '').startsWith('skew-')) res.setHeader('date', new Date(Date.now() + 120_000).toUTCString())
    try {
      if (url.pathname.startsWith('/scan-test/')) {
        const token = url.searchParams.get('token')
        requests.push({
          host: req.headers.host ?? '',
          path: url.pathname,
          token,
          cookie: req.headers.cookie ?? null,
          accept: req.headers.accept ?? '',
          referer: req.headers.referer ?? null,
        })
        // ?to=<url>: a redirect, as an image host on one site pointing at another site's image.
        if (url.pathname === '/scan-test/redirect')
          return res.writeHead(302, { location: url.searchParams.get('to') ?? '/', 'cache-control': 'no-store' }).end()
        // A signed-in setup code: served only with the site's session cookie, like a real 2FA setup page's QR image.
        if (url.pathname === '/scan-test/private-qr.png' && !/(^|;\s*)session\w*=/.test(req.headers.cookie ?? '')) {
          return res.writeHead(403, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('sign in first')
        }
        // Refused (and cacheable for an hour) until the test opens the gate for its token.
        if (url.pathname === '/scan-test/gated.png' && !openGates.has(token)) {
          return res.writeHead(403, { 'content-type': 'text/plain', 'cache-control': 'max-age=3600' }).end('not yet')
        }
      }
      if (
        url.pathname === '/qr.png' ||
        url.pathname === '/qr.svg' ||
        url.pathname === '/scan-test/private-qr.png' ||
        url.pathname === '/scan-test/gated.png'
      ) {
        // ?text=…&scale=6&dark=000000&light=ffffff (inverted codes swap the colours)
        const opts = {
          margin: 4,
          scale: Number(url.searchParams.get('scale') ?? 6),
          errorCorrectionLevel: 'M',
          color: { dark: `#${url.searchParams.get('dark') ?? '000000'}ff`, light: `#${url.searchParams.get('light') ?? 'ffffff'}ff` },
        }
        const text = url.searchParams.get('text') ?? ''
        const svg = url.pathname === '/qr.svg'
        const body = svg ? await QRCode.toString(text, { ...opts, type: 'svg' }) : await QRCode.toBuffer(text, { ...opts, type: 'png' })
        // Cross-origin tests read it from another origin: no CORS header, like most real image hosts.
        res.writeHead(200, { 'content-type': svg ? 'image/svg+xml' : 'image/png', 'cache-control': 'no-store' })
        return res.end(body)
      }
      const path = normalize(join(base, url.pathname === '/' ? '/index.html' : url.pathname))
      if (!path.startsWith(base)) throw new Error('outside root')
      const body = await readFile(path)
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
      res.end(body)
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    }
  })
  await new Promise((ok, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => ok(undefined))
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    origin: `${tls ? 'https' : 'http'}://${host}:${address.port}`,
    port: address.port,
    requests,
    openGate: (token) => void openGates.add(token),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections()
        server.close(() => ok(undefined))
      }),
  }
}
