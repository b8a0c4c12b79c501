/**
 * Where the background has its QR codes decoded: in the background job worker, never on its own
 * thread (off-thread-post.ts says where and how). Neither the service worker nor the event page
 * holds the decoder's code: src/core/qr, jsQR and ZXing load in the worker only.
 */
import { decoderVia, type QrDecoder } from '../../shared/qr-worker-client.ts'
import { offThreadPost } from '../off-thread-post.ts'

/** The browser's off-thread decoder; scans fail (INTERNAL) where there is neither an offscreen document nor a Worker. */
export const offThreadQr = (): QrDecoder => decoderVia(offThreadPost())
