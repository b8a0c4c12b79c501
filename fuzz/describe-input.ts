/** A short, readable rendering of a fuzz input for reports: text as text, binary as hex, long things cut. */
const decoder = new TextDecoder('utf-8', { fatal: true })

export function describeInput(input: unknown, max = 2_000): string {
  if (typeof input === 'string') return `text(${input.length}) ${cut(JSON.stringify(input.slice(0, max)), max)}`
  if (input instanceof Uint8Array) return describeBytes(input, max)
  if (isFileInput(input)) {
    const password = 'password' in input ? `, password ${JSON.stringify(input.password)}` : ''
    return `${describeBytes(input.bytes, max)}${password}`
  }
  try {
    return `json ${cut(JSON.stringify(input, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(input), max)}`
  } catch {
    return `value ${cut(String(input), max)}`
  }
}

function describeBytes(bytes: Uint8Array, max: number): string {
  try {
    const text = decoder.decode(bytes)
    return `utf-8(${bytes.length} bytes) ${cut(JSON.stringify(text.slice(0, max)), max)}`
  } catch {
    return `bytes(${bytes.length}) hex ${Buffer.from(bytes.subarray(0, max / 2)).toString('hex')}${bytes.length > max / 2 ? '…' : ''}`
  }
}

function isFileInput(v: unknown): v is { bytes: Uint8Array; password?: string } {
  return typeof v === 'object' && v !== null && (v as { bytes?: unknown }).bytes instanceof Uint8Array
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)
