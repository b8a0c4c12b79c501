import { describe, expect, it } from 'vitest'
import { checkDecodeRequest } from './job-requests.ts'
import { MAX_IMAGE_BYTES, checkDecodeReply } from './qr-messages.ts'

const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' })
const corners = { topLeft: { x: 1, y: 2 }, topRight: { x: 9, y: 2 }, bottomRight: { x: 9, y: 10 }, bottomLeft: { x: 1, y: 10 } }
const scan = {
  codes: [{ text: 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP', corners }],
  sawCandidates: true,
  width: 640,
  height: 480,
  region: null,
}

describe('the decode request, as the offscreen document and the decoding worker check it', () => {
  it('takes an id, an image Blob and a box or none, and nothing else of the message', () => {
    expect(checkDecodeRequest({ keyfob: 'decodeQr', id: 3, image: png, crop: null, extra: 'x' })).toEqual({
      keyfob: 'decodeQr',
      id: 3,
      image: png,
      crop: null,
    })
    const crop = { x: 10, y: 20.5, width: 100, height: 50, evil: true }
    expect(checkDecodeRequest({ keyfob: 'decodeQr', id: 0, image: png, crop })?.crop).toEqual({ x: 10, y: 20.5, width: 100, height: 50 })
  })

  it.each([
    ['another kind of message', { keyfob: 'clearClipboard', id: 1, image: png, crop: null }],
    ['no id', { keyfob: 'decodeQr', image: png, crop: null }],
    ['a negative id', { keyfob: 'decodeQr', id: -1, image: png, crop: null }],
    [
      'raw pixels instead of an image',
      { keyfob: 'decodeQr', id: 1, image: { data: new Uint8ClampedArray(4), width: 1, height: 1 }, crop: null },
    ],
    ['a data: URL instead of an image', { keyfob: 'decodeQr', id: 1, image: 'data:image/png;base64,iVBORw0KGgo=', crop: null }],
    [
      'an image larger than the popup may send',
      { keyfob: 'decodeQr', id: 1, image: new Blob([new Uint8Array(MAX_IMAGE_BYTES + 1)]), crop: null },
    ],
    ['a box with a side that is not a number', { keyfob: 'decodeQr', id: 1, image: png, crop: { x: 0, y: 0, width: '9', height: 9 } }],
    ['a box reaching to infinity', { keyfob: 'decodeQr', id: 1, image: png, crop: { x: 0, y: 0, width: Infinity, height: 9 } }],
    ['no box field at all', { keyfob: 'decodeQr', id: 1, image: png }],
    ['not an object', 'decodeQr'],
  ])('refuses %s', (_, message) => {
    expect(checkDecodeRequest(message)).toBeNull()
  })
})

describe('the decode reply, as the service worker and the offscreen document check it', () => {
  it('takes codes with four finite corners, the flag, the sizes and the box read', () => {
    expect(checkDecodeReply({ keyfob: 'decodedQr', id: 7, ok: true, scan })).toEqual({ keyfob: 'decodedQr', id: 7, ok: true, scan })
  })

  it('passes on only the two failures a worker may name, with its sentence cut to a sane length', () => {
    const long = 'x'.repeat(1000)
    expect(checkDecodeReply({ keyfob: 'decodedQr', id: 1, ok: false, error: { code: 'INVALID_IMAGE', message: long } })).toEqual({
      keyfob: 'decodedQr',
      id: 1,
      ok: false,
      error: { code: 'INVALID_IMAGE', message: 'x'.repeat(200) },
    })
    expect(checkDecodeReply({ keyfob: 'decodedQr', id: 1, ok: false, error: { code: 'VAULT_LOCKED', message: 'x' } })).toBeNull()
  })

  it.each([
    ['a code without text', { ...scan, codes: [{ corners }] }],
    ['a corner that is not a number', { ...scan, codes: [{ text: 't', corners: { ...corners, topLeft: { x: NaN, y: 0 } } }] }],
    ['a missing corner', { ...scan, codes: [{ text: 't', corners: { topLeft: corners.topLeft } }] }],
    ['no candidates flag', { codes: [], width: 1, height: 1, region: null }],
    ['a negative width', { ...scan, width: -1 }],
    ['a box that is not one', { ...scan, region: { x: 0 } }],
  ])('refuses a scan with %s', (_, bad) => {
    expect(checkDecodeReply({ keyfob: 'decodedQr', id: 1, ok: true, scan: bad })).toBeNull()
  })
})
