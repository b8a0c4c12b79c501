/**
 * Test support: an HTTP proxy (node:http) in front of a real server that passes requests
 * through unchanged, except the ones a test told it to break: an answer with a given status
 * (401, 403, 404, 412, 500, 507…), a redirect, a slow answer, a body cut off mid-way or ended
 * early, a connection dropped before any answer, request headers removed on the way. It records every request it saw,
 * with the bytes it carried each way (the sync benchmark and the request-count tests read them).
 */
import { createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'

export type Fault =
  /** Answer this status (and body) instead of the server. */
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Wait this long, then pass the request through. */
  | { delayMs: number }
  /** Pass through, then send half of the body and close the connection ("cut"), or end the half cleanly ("short"). */
  | { truncate: 'cut' | 'short' }
  /** Close the connection without answering. */
  | { drop: true }
  /** Pass the request through without these headers (a server that ignores them, as it sees it). */
  | { strip: string[] }

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  /** Bytes the client sent: the request body, and its request line and headers as HTTP/1.1 text. */
  up: { body: number; head: number }
  /** Bytes the client got back (0 until the answer is sent): the body, and the status line and headers. */
  down: { body: number; head: number }
}

export interface FaultProxy {
  origin: string
  /**
   * Breaks the next `times` requests (all of them by default) whose method is `method` (any by default)
   * and whose path matches `path` (any by default: e.g. only the record files, not a probe).
   */
  inject(fault: Fault, options?: { method?: string; times?: number; path?: RegExp }): void
  clear(): void
  readonly seen: SeenRequest[]
  close(): Promise<void>
}

interface Rule {
  fault: Fault
  method?: string
  path?: RegExp
  left: number
}

/** The request line and headers as the client sent them (HTTP/1.1 text: `Name: value` CRLF each, a blank line). */
function requestHeadBytes(req: IncomingMessage): number {
  let n = Buffer.byteLength(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n\r\n`)
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) n += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`)
  return n
}

/** The status line and headers Node wrote for an answer (its own Date, Connection and Keep-Alive included). */
function headBytes(res: ServerResponse): number {
  // `_header` is the head exactly as written to the socket (Node's OutgoingMessage, stable since 0.x).
  const head = (res as unknown as { _header?: string })._header
  return typeof head === 'string' ? Buffer.byteLength(head) : 0
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** `port`: listen there (a proxy started again where a closed one was: a server that comes back); a free one by default. */
export async function startFaultProxy(target: string, options: { port?: number } = {}): Promise<FaultProxy> {
  const upstream = new URL(target)
  let rules: Rule[] = []
  const seen: SeenRequest[] = []

  async function pass(
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    sent: SeenRequest,
    truncate?: 'cut' | 'short',
    strip: string[] = [],
  ) {
    const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host }
    for (const name of strip) delete headers[name.toLowerCase()]
    const answer = await new Promise<IncomingMessage>((resolve, reject) => {
      const out = forward({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, resolve)
      out.on('error', reject)
      out.end(body)
    })
    const data = await readAll(answer)
    const back = { ...answer.headers }
    delete back['transfer-encoding']
    if (!truncate) {
      res.writeHead(answer.statusCode ?? 502, { ...back, 'content-length': String(data.length) })
      res.end(data)
      sent.down = { body: data.length, head: headBytes(res) }
      return
    }
    const half = data.subarray(0, Math.floor(data.length / 2))
    if (truncate === 'short') {
      res.writeHead(answer.statusCode ?? 502, { ...back, 'content-length': String(half.length) })
      res.end(half)
      return
    }
    res.writeHead(answer.statusCode ?? 502, { ...back, 'content-length': String(data.length) })
    res.write(half, () => res.socket?.destroy())
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req)
      const sent: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        up: { body: body.length, head: requestHeadBytes(req) },
        down: { body: 0, head: 0 },
      }
      seen.push(sent)
      const rule = rules.find(
        (r) => r.left > 0 && (r.method === undefined || r.method === req.method) && (r.path === undefined || r.path.test(req.url ?? '')),
      )
      if (rule) rule.left -= 1
      const fault = rule?.fault
      try {
        if (!fault) return await pass(req, body, res, sent)
        if ('status' in fault) {
          res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers })
          res.end(fault.body ?? `injected ${fault.status}`)
        } else if ('delayMs' in fault) {
          await new Promise((r) => setTimeout(r, fault.delayMs))
          if (!res.destroyed) await pass(req, body, res, sent)
        } else if ('truncate' in fault) {
          await pass(req, body, res, sent, fault.truncate)
        } else if ('strip' in fault) {
          await pass(req, body, res, sent, undefined, fault.strip)
        } else {
          req.socket.destroy()
        }
      } catch {
        res.destroy()
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('The fault proxy has no port.')
  return {
    origin: `http://127.0.0.1:${address.port}`,
    inject(fault, options = {}) {
      rules.push({ fault, method: options.method, path: options.path, left: options.times ?? Infinity })
    },
    clear() {
      rules = []
    },
    seen,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/**
 * What a request to a sync folder touched, by its file name (docs/sync.md, Format): the folder
 * itself, the header, a record, a backup, the WebDAV remote's conditional-write probe, or other.
 */
export function syncFileKind(seen: Pick<SeenRequest, 'url'>): 'folder' | 'header' | 'record' | 'backup' | 'probe' | 'other' {
  const file = decodeURIComponent(seen.url.split('/').pop() ?? '')
  if (file === '') return 'folder'
  if (file === 'header.json') return 'header'
  if (file.startsWith('r-')) return 'record'
  if (file.startsWith('backup-') || file === 'floor-backup.json') return 'backup'
  if (file.startsWith('.keyfob-probe-')) return 'probe'
  return 'other'
}
