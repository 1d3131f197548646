// `npm run bootstrap:admin-key [-- <name>]`: issues a new admin key and prints it once on stdout.
import { ConfigError, loadConfig } from '@bastion/config';
import { apiKeyHints, generateApiKey, hashApiKey } from '@bastion/crypto';
import { PrismaService } from '@bastion/db';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.database.url) {
    throw new ConfigError([
      'DATABASE_URL: required. (With the embedded first-look database, `npm start` prints an admin key itself.)',
    ]);
  }
  const name = (process.argv[2] ?? 'bootstrap-cli').slice(0, 100);
  const prisma = new PrismaService(config.database.url);
  try {
    const key = generateApiKey();
    await prisma.apiKey.create({
      data: { kind: 'admin', name, keyHash: hashApiKey(key), ...apiKeyHints(key) },
    });
    process.stdout.write(`${key}\n`);
    process.stderr.write('Admin key created. It is shown only this once; store it safely.\n');
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
