// Two of tldts-core's own modules, imported alone (public-suffix-list.ts) so that the worker does not carry its URL
// parser (parseImpl's extractHostname), which Keyfob never runs: it parses hosts with the WHATWG URL parser first.
// Their types are in tldts-core/dist/types/src/, beside no .js file.
declare module 'tldts-core/dist/es6/src/is-ip.js' {
  /** Whether the host is an IPv4 or IPv6 address, as tldts's parse() tells (result.isIp). */
  export default function isIp(hostname: string): boolean
}
declare module 'tldts-core/dist/es6/src/domain.js' {
  import type { IOptions } from 'tldts-core/dist/types/src/options.d.ts'
  /** The registrable domain of `hostname` given its public suffix, as tldts's parse() finds it (result.domain). */
  export default function getDomain(suffix: string, hostname: string, options: Pick<IOptions, 'validHosts'>): string | null
}
