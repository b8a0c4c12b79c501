import { describe, expect, it } from 'vitest'
import { exportMigrationQrPayloads } from '../core/export/index.ts'
import { readScannedText } from '../core/scan/read-scanned-text.ts'
import { serializeContent } from '../core/vault/content-codec.ts'
import { sampleContent } from '../../test/support/vault-fixtures.ts'
import { checkJobReply, type JobRequest } from './job-messages.ts'
import { checkJobRequest } from './job-requests.ts'
import { runJob } from './run-job.ts'

const content = serializeContent(sampleContent())
const request = { keyfob: 'job', id: 4, job: 'exportVault', input: { format: 'otpauth-uri-list', content, password: '' } }
const output = {
  text: 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP',
  qrSvgs: [],
  skipped: [{ name: 'B', reason: 'mOTP' }],
  warnings: ['tags'],
}
const done = { keyfob: 'jobDone', id: 4, job: 'exportVault', ok: true, output }

describe('a job request, as the offscreen document and the background job worker check it', () => {
  it('takes an id, a known job and its input, and nothing else of the message', () => {
    const extra = { ...request, extra: 'x', input: { ...request.input, evil: true } }
    expect(checkJobRequest(extra)).toEqual(request)
  })

  it.each([
    ['another kind of message', { ...request, keyfob: 'decodeQr' }],
    ['no id', { ...request, id: undefined }],
    ['a fractional id', { ...request, id: 1.5 }],
    ['a job nobody runs', { ...request, job: 'readFile' }],
    ['a job named after an Object property', { ...request, job: 'toString' }],
    ['a format Keyfob does not export', { ...request, input: { ...request.input, format: 'lastpass' } }],
    ['content that is not text', { ...request, input: { ...request.input, content: JSON.parse(content) as unknown } }],
    ['no file password', { ...request, input: { format: 'keyfob-backup', content } }],
    ['a file password longer than any the popup may send', { ...request, input: { ...request.input, password: 'x'.repeat(1025) } }],
    ['no input', { ...request, input: null }],
    ['a QR text longer than a QR code holds', { ...request, job: 'qrSvg', input: { text: 'x'.repeat(2954), level: 'M' } }],
    ['a QR error-correction level that does not exist', { ...request, job: 'qrSvg', input: { text: 'otpauth://', level: 'Z' } }],
    ['not an object', 'job'],
  ])('refuses %s', (_, message) => {
    expect(checkJobRequest(message)).toBeNull()
  })
})

describe('a job reply, as the background and the offscreen document check it', () => {
  it("takes the export's text, QR images, skipped accounts and warnings, and nothing else", () => {
    const skipped = [{ name: 'B', reason: 'mOTP', secret: 'JBSWY3DP' }]
    expect(checkJobReply({ ...done, output: { ...output, skipped, fileName: 'evil.exe' } }, 'exportVault')).toEqual(done)
    const qr = { ...done, output: { ...output, text: null, qrSvgs: ['<svg/>'] } }
    expect(checkJobReply(qr, 'exportVault')).toEqual(qr)
  })

  it("passes on Keyfob's error codes with their field, the sentence cut to a sane length; an unknown code is refused", () => {
    const error = { code: 'EXPORT_PASSWORD_REQUIRED', message: 'x'.repeat(2000), field: 'exportPassword' }
    expect(checkJobReply({ keyfob: 'jobDone', id: 1, job: 'exportVault', ok: false, error }, 'exportVault')).toEqual({
      keyfob: 'jobDone',
      id: 1,
      job: 'exportVault',
      ok: false,
      error: { ...error, message: 'x'.repeat(500) },
    })
    const unknown = { keyfob: 'jobDone', id: 1, job: 'exportVault', ok: false, error: { code: 'PWNED', message: 'x' } }
    expect(checkJobReply(unknown, 'exportVault')).toBeNull()
    // A code of Keyfob's that no job throws (the vault's own state) is not a job's to name.
    const locked = { keyfob: 'jobDone', id: 1, job: 'exportVault', ok: false, error: { code: 'VAULT_LOCKED', message: 'x' } }
    expect(checkJobReply(locked, 'exportVault')).toBeNull()
  })

  it('takes an SVG picture for a QR code, and nothing else', () => {
    const svg = { keyfob: 'jobDone', id: 2, job: 'qrSvg', ok: true, output: { svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' } }
    expect(checkJobReply(svg, 'qrSvg')).toEqual(svg)
    expect(checkJobReply({ ...svg, output: { svg: '<script>alert(1)</script>' } }, 'qrSvg')).toBeNull()
    expect(checkJobReply(svg, 'exportVault')).toBeNull() // the answer to another job than the one asked
  })

  it.each([
    ['a reply to another kind of request', { ...done, keyfob: 'decodedQr' }],
    ['text that is not text', { ...done, output: { ...output, text: 42 } }],
    ['a QR image that is not text', { ...done, output: { ...output, qrSvgs: [{}] } }],
    ['a skipped account without its reason', { ...done, output: { ...output, skipped: [{ name: 'B' }] } }],
    ['no warnings', { ...done, output: { text: '', qrSvgs: [], skipped: [] } }],
    ['no outcome', { ...done, ok: undefined }],
  ])('refuses %s', (_, reply) => {
    expect(checkJobReply(reply, 'exportVault')).toBeNull()
  })
})

describe('a job, run as the background job worker runs it', () => {
  const run = async (input: Record<string, unknown>) =>
    checkJobReply(await runJob(checkJobRequest({ ...request, input }) as JobRequest), 'exportVault')

  it('answers a reply its requester accepts: the file of the vault it was given', async () => {
    const reply = await run(request.input)
    expect(reply).toMatchObject({ id: 4, ok: true, output: { skipped: [], qrSvgs: [] } })
    const text = reply?.ok ? reply.output.text : null
    expect(text?.split('\n').filter(Boolean)).toHaveLength(2)
    expect(text).toContain('secret=JBSWY3DPEHPK3PXP')
  })

  it('renders a migration export as QR images, with no file text', async () => {
    const reply = await run({ ...request.input, format: 'google-migration' })
    expect(reply?.ok && reply.output.text).toBeNull()
    expect(reply?.ok && reply.output.qrSvgs).toEqual([expect.stringMatching(/^<svg[^]*<\/svg>\s*$/)])
  })

  it('draws a link as a QR code', async () => {
    const link = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme'
    const reply = checkJobReply(await runJob({ keyfob: 'job', id: 9, job: 'qrSvg', input: { text: link, level: 'M' } }), 'qrSvg')
    expect(reply?.ok && reply.output.svg).toMatch(/^<svg[^]*<path[^]*<\/svg>\s*$/)
  })

  it("fails with Keyfob's own code: a weak file password, or content that is not a vault's", async () => {
    expect(await run({ ...request.input, format: 'aegis-encrypted', password: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD' },
    })
    expect(await run({ ...request.input, content: '{"schemaVersion":1}' })).toMatchObject({ ok: false, error: { code: 'VAULT_CORRUPT' } })
  })
})

describe("a scan's reading job: what each decoded text is, checked again by the background", () => {
  const link = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme&image=https%3A%2F%2Facme.test%2Fa.png'
  const migration = exportMigrationQrPayloads(sampleContent()).uris[0]!
  const texts = [link, migration, 'otpauth://totp/x?secret=1', 'https://example.com']
  const read = async () => checkJobReply(await runJob({ keyfob: 'job', id: 5, job: 'readQrTexts', input: { texts } }), 'readQrTexts')

  it('reads each text in order as the parsers do: an account, an export part, the reason one is unreadable, or not a setup code', async () => {
    const reply = await read()
    expect(reply?.ok && reply.output.reads).toEqual(texts.map(readScannedText))
    expect(reply?.ok && reply.output.reads.map((r) => r.kind)).toEqual(['account', 'migration', 'invalid', 'other'])
    expect(reply?.ok && reply.output.reads[0]).toMatchObject({ fields: { issuer: 'Acme', image: 'https://acme.test/a.png', counter: 0n } })
  })

  const account = readScannedText(link)
  const reply = (reads: unknown[]) => ({ keyfob: 'jobDone', id: 5, job: 'readQrTexts', ok: true, output: { reads } })
  const withFields = (change: Record<string, unknown>) =>
    reply([{ kind: 'account', fields: { ...(account as { fields: object }).fields, ...change } }])

  it.each([
    ['an account already bound to a site', withFields({ sites: ['bank.test'] })],
    ['an account with the id of a stored one', withFields({ id: '0b7c4c8e-3c1f-4b59-9d51-3a3f0d7c2e11' })],
    ['a secret that is not base32', withFields({ secret: 'not base32!' })],
    ['a counter that is not a bigint', withFields({ counter: 0 })],
    ['an unknown OTP type', withFields({ type: 'sms' })],
    ['a read of no known kind', reply([{ kind: 'secret', text: link }])],
    [
      'an export part with a batch number that is not a number',
      reply([{ kind: 'migration', batch: { version: 1, batchSize: '2', batchIndex: 0, batchId: 1, accounts: [] } }]),
    ],
    [
      'an export account without its name',
      reply([
        {
          kind: 'migration',
          batch: { version: 1, batchSize: 1, batchIndex: 0, batchId: 1, accounts: [(account as { fields: object }).fields] },
        },
      ]),
    ],
  ])('refuses %s', (_, bad) => {
    expect(checkJobReply(bad, 'readQrTexts')).toBeNull()
  })

  it('takes the texts of one scan only: not too many, none longer than a QR code holds', () => {
    const ask = (t: unknown) => checkJobRequest({ keyfob: 'job', id: 1, job: 'readQrTexts', input: { texts: t } })
    expect(ask(texts)).toEqual({ keyfob: 'job', id: 1, job: 'readQrTexts', input: { texts } })
    expect(ask(Array.from({ length: 1001 }, () => link))).toBeNull()
    expect(ask(['1'.repeat(7090)])).toBeNull()
    expect(ask([42])).toBeNull()
  })
})
