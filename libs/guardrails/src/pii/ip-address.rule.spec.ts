import { describe, expect, it } from 'vitest';
import { scanIpv4, scanIpv6 } from './ip-address.rule';

const v4 = (text: string): string[] => scanIpv4(text).map((s) => text.slice(s.start, s.end));
const v6 = (text: string): string[] => scanIpv6(text).map((s) => text.slice(s.start, s.end));

describe('IPv4', () => {
  it.each([
    ['host 192.168.1.1 up', '192.168.1.1'],
    ['10.0.0.1:8080', '10.0.0.1'],
    ['CIDR 172.16.5.0/24', '172.16.5.0'],
    ['edge 255.255.255.255.', '255.255.255.255'],
    ['http://203.0.113.7/path', '203.0.113.7'],
  ])('finds the address in %s', (text, address) => {
    expect(v4(text)).toEqual([address]);
  });

  it.each([
    ['an octet over 255', '999.1.1.1'],
    ['256', '256.10.10.10'],
    ['three parts', '1.2.3'],
    ['five parts', '1.2.3.4.5'],
    ['a version after "version"', 'version 1.2.3.4'],
    ['a v-prefixed version', 'v1.2.3.4'],
    ['a build number', '10.0.19041.1'],
    ['leading zeros', '01.02.03.04'],
  ])('leaves %s alone', (_name, text) => {
    expect(v4(text)).toEqual([]);
  });
});

describe('IPv6', () => {
  it.each([
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['2001:db8::8a2e:370:7334'],
    ['fe80::1ff:fe23:4567:890a'],
    ['::1'],
    ['::ffff:192.0.2.128'],
    ['2001:DB8::1'],
  ])('finds %s', (address) => {
    expect(v6(`addr ${address} up`)).toEqual([address]);
  });

  it('finds an address in brackets with a port', () => {
    expect(v6('http://[2001:db8::5]:443/')).toEqual(['2001:db8::5']);
  });

  it.each([
    ['a time', '10:30:45'],
    ['a MAC address', '00:1a:2b:3c:4d:5e'],
    ['C++ scope', 'std::vector and Foo::Bar'],
    ['a Haskell signature', 'f :: Int'],
    ['too many groups', '1:2:3:4:5:6:7:8:9'],
    ['a group too long', 'deadbeef::cafe'],
  ])('leaves %s alone', (_name, text) => {
    expect(v6(text)).toEqual([]);
  });
});
