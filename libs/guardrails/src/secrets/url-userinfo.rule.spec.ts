import { describe, expect, it } from 'vitest';
import { spanTexts } from './fake-secret.fixture';
import { urlUserinfoRule } from './url-userinfo.rule';

const passwords = (text: string): string[] => spanTexts(text, urlUserinfoRule.scan(text));

describe('URL userinfo passwords', () => {
  it.each([
    ['postgres://app:S3cr3tPw@db.internal:5432/app', 'S3cr3tPw'],
    ['postgresql://app:S3cr3tPw@db/app', 'S3cr3tPw'],
    ['mysql://root:r00t-pw@127.0.0.1/db', 'r00t-pw'],
    ['mongodb+srv://svc:Mongo99pw@cluster0.example.net/test?retryWrites=true', 'Mongo99pw'],
    ['redis://:RedisPw42@cache:6379/0', 'RedisPw42'],
    ['amqps://guest:Rabbit77@mq.example.com/vhost', 'Rabbit77'],
    ['smtp://mailer:Sm7pPass@smtp.example.com:587', 'Sm7pPass'],
    ['https://x-access-token:Tok3nValue@github.com/acme/app.git', 'Tok3nValue'],
    ['postgres://app:P@ss@word1@db:5432/app', 'P@ss@word1'],
    ['postgres://app:pa:ss#w?rd@db/app', 'pa:ss#w?rd'],
    ['postgres://app:pa/ss@db/app', 'pa/ss'],
    ['"DATABASE_URL": "postgres://app:Qw3rty77@db/app"', 'Qw3rty77'],
    ['cut off mid-URL: postgres://app:Qw3rty77', 'Qw3rty77'],
  ])('finds the password in %s', (text, password) => {
    expect(passwords(text)).toEqual([password]);
  });

  it.each([
    'https://example.com:8443/api/v1/items?page=2',
    'http://localhost:3000/health',
    'see http://localhost:3000',
    'https://user@example.com/profile',
    'ssh://git@gitlab.example.com:2222/acme/app.git',
    'git@github.com:acme/widgets.git',
    'postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app',
    'mongodb+srv://user:<password>@cluster0.example.net/test',
    'postgresql://user:password@localhost:5432/db',
    'redis://user:@cache:6379',
    'mailto:someone@example.com',
    'https://example.com:8080/x@y',
  ])('leaves %s alone', (text) => {
    expect(passwords(text)).toEqual([]);
  });
});
