/**
 * Where the platform may reach out to a source system (数据汇聚, 目录采集): only the hosts the
 * operator lists in SHUKAI_SOURCE_HOSTS. An entry is a host name (`data.example.gov.cn`), a
 * subdomain pattern (`*.example.gov.cn`), an address (`10.20.1.5`, `::1`) or a range
 * (`10.20.0.0/16`).
 *
 * A listed name is checked again after DNS resolution: an address in a loopback, private,
 * link-local or otherwise non-public range is refused unless the operator listed that address
 * or its range too, so a public name that resolves — or is re-pointed — to an internal address
 * reaches nothing. The connection then goes to the address that was checked, never to a second
 * lookup's answer.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../domain/errors.js';

/** Ranges no public service lives in (IANA special-purpose registries). */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // IPv4-mapped, NAT64 and 6to4 addresses carry an IPv4 address inside: refused whole rather than unpacked.
  ['::', 127], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

export class SourceReach {
  private readonly names: string[] = [];
  private readonly suffixes: string[] = [];
  private readonly addresses = new BlockList();
  private readonly listed: readonly string[];

  /** `entries`: SHUKAI_SOURCE_HOSTS split at commas. A malformed entry stops start-up. */
  constructor(entries: readonly string[]) {
    this.listed = entries.map((e) => e.trim()).filter(Boolean);
    for (const entry of this.listed) {
      const [network, prefix] = entry.replace(/^\[|\]$/g, '').split('/');
      const family = isIP(network ?? '');
      if (family) {
        const bits = prefix === undefined ? undefined : Number(prefix);
        if (bits === undefined) this.addresses.addAddress(network!, family === 4 ? 'ipv4' : 'ipv6');
        else if (Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)) this.addresses.addSubnet(network!, bits, family === 4 ? 'ipv4' : 'ipv6');
        else throw new Error(`SHUKAI_SOURCE_HOSTS: ${entry} is not a valid address range`);
      } else if (/^\*\.[a-z0-9.-]+$/i.test(entry)) {
        this.suffixes.push(entry.slice(1).toLowerCase());
      } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry)) {
        this.names.push(entry.toLowerCase());
      } else {
        throw new Error(`SHUKAI_SOURCE_HOSTS: ${entry} is neither a host name, *.domain, an address nor a range`);
      }
    }
  }

  static fromEnv(value: string | undefined): SourceReach {
    return new SourceReach((value ?? '').split(','));
  }

  /** Whether the host (as a URL names it: brackets around IPv6) is listed, before any lookup: for refusing a registration early. */
  allows(host: string): boolean {
    const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
    const family = isIP(bare);
    if (family) return this.addresses.check(bare, family === 4 ? 'ipv4' : 'ipv6');
    return this.names.includes(bare) || this.suffixes.some((s) => bare.endsWith(s) && bare.length > s.length);
  }

  /** Refuses, naming the allowed hosts, a host that is not listed: a registration's early check. */
  assertAllowed(host: string): void {
    if (!this.allows(host)) throw notAllowed(host, this.listed);
  }

  /**
   * The address to connect to for `host`, checked: the host is listed, and every address it
   * resolves to is public or listed itself. Refused with SOURCE_HOST_NOT_ALLOWED otherwise.
   */
  async address(host: string): Promise<CheckedAddress> {
    if (!this.allows(host)) throw notAllowed(host, this.listed);
    const bare = host.replace(/^\[|\]$/g, '');
    const found = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolve(bare);
    // Every answer is checked, not only the one used: a mixed answer is a rebinding attempt.
    for (const { address, family } of found) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (NON_PUBLIC.check(address, type) && !this.addresses.check(address, type)) {
        throw new AppError('SOURCE_HOST_NOT_ALLOWED', undefined, `${host} 解析为内部地址 ${address}，该地址未列入允许访问的范围`);
      }
    }
    const first = found[0]!;
    return { address: first.address, family: first.family === 6 ? 6 : 4 };
  }
}

async function resolve(host: string): Promise<{ address: string; family: number }[]> {
  try {
    const found = await lookup(host, { all: true, verbatim: true });
    if (found.length === 0) throw new Error('no address');
    return found;
  } catch {
    throw new AppError('SOURCE_UNREACHABLE', undefined, `无法解析主机名 ${host}`);
  }
}

function notAllowed(host: string, listed: readonly string[]): AppError {
  const allowed = listed.length ? `允许的主机：${listed.join('、')}` : '当前未配置任何允许访问的主机';
  return new AppError('SOURCE_HOST_NOT_ALLOWED', undefined, `${host} 不在允许访问的主机范围内（${allowed}）`);
}
