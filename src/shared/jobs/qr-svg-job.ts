/**
 * The QR encoder job (npm `qrcode`, 23 KB minified), run in the background job worker (job-messages.ts
 * says why): an otpauth:// link as an SVG picture of its QR code, so that a page is given a picture
 * of a key, never the key as text. The export job uses it for a migration's QR codes; an account's
 * picture for the popup is drawn with it in the service worker itself (codes/account-handlers.ts, loaded on first use).
 */
import QRCode from 'qrcode'
import type { QrSvgInput } from '../job-messages.ts'

/** Margin 2 modules: enough quiet zone for phone cameras on Keyfob's white background. */
export const qrSvg = async ({ text, level }: QrSvgInput): Promise<{ svg: string }> => ({
  svg: await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: level }),
})
