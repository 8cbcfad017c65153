import { describe, expect, it } from 'vitest';
import { inviteLink, parseInvite, parseServerUrl } from '@/lib/sync/server-url';

describe('parseServerUrl: where customer data may travel', () => {
  it.each([
    ['https://team.example.com', 'https://team.example.com'],
    ['https://team.example.com/', 'https://team.example.com'],
    ['  https://team.example.com/buyerlens/  ', 'https://team.example.com/buyerlens'],
    ['team.example.com', 'https://team.example.com'],
    ['team.example.com:8443', 'https://team.example.com:8443'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['localhost:8787', 'http://localhost:8787'],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['https://team.example.com/?x=1#y', 'https://team.example.com'],
  ])('%s → %s', (input, url) => {
    expect(parseServerUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['http://team.example.com', 'insecure'],
    ['http://192.168.1.20:8787', 'insecure'],
    ['http://localhost.evil.com', 'insecure'],
    ['https://ann:secret@team.example.com', 'credentials'],
    ['ftp://team.example.com', 'malformed'],
    ['javascript:alert(1)', 'malformed'],
    ['https://', 'malformed'],
    ['https://exa mple.com', 'malformed'],
  ])('%j is refused: %s', (input, problem) => {
    expect(parseServerUrl(input)).toEqual({ ok: false, problem });
  });
});

describe('invites', () => {
  it('a link carries the server and the code, and reads back', () => {
    const link = inviteLink('https://team.example.com', 'bli_abc123DEF');
    expect(link).toBe('https://team.example.com/join#bli_abc123DEF');
    expect(parseInvite(link)).toEqual({ ok: true, server: 'https://team.example.com', code: 'bli_abc123DEF' });
    expect(parseInvite(`  ${inviteLink('http://127.0.0.1:8787', 'bli_x-y_z12')}\n`)).toEqual({ ok: true, server: 'http://127.0.0.1:8787', code: 'bli_x-y_z12' });
  });

  it('a bare code needs the server typed beside it', () => {
    expect(parseInvite('bli_abc123DEF')).toEqual({ ok: true, code: 'bli_abc123DEF' });
  });

  it.each([
    ['hello there', 'no-code'],
    ['https://team.example.com/join#', 'no-code'],
    ['short', 'no-code'],
    ['http://team.example.com/join#bli_abc123DEF', 'insecure'],
    ['https://team.example.com/join#%E0%A4%A', 'no-code'],
  ])('%j is refused: %s', (input, problem) => {
    expect(parseInvite(input)).toEqual({ ok: false, problem });
  });
});
