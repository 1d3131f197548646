/** A compiled exfiltration allowlist. */
export type HostAllowlist = readonly string[];

/** Lower-cases entries and drops scheme, path, port and a leading `*.` or `.`. */
export function compileAllowedHosts(entries: readonly string[] | undefined): HostAllowlist {
  if (!entries) return [];
  return entries
    .map((entry) =>
      entry
        .trim()
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]{0,20}:\/\//, '')
        .replace(/[/?#].*$/, '')
        .replace(/:\d{1,5}$/, '')
        .replace(/^\*?\./, ''),
    )
    .filter((entry) => entry.length > 0);
}

/** Host of an absolute http(s) URL (userinfo and port removed), lower-cased; '' when there is none. */
export function urlHost(url: string): string {
  const authority = /^[a-z][a-z0-9+.-]{0,20}:\/\/([^/?#\s]{1,300})/i.exec(url)?.[1] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d{0,5}$/, '');
  return host.toLowerCase().replace(/\.$/, '');
}

/** True when `host` equals an allowlisted host or is a subdomain of one. */
export function isAllowedHost(host: string, allowlist: HostAllowlist): boolean {
  return allowlist.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
