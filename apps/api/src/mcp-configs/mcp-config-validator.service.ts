import type { Tx } from '@bastion/db';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { ConfigWriter } from '../outbox/config-writer';
import { createMcpServerSchema, type McpServerInput } from './dto/mcp-server.dto';
import {
  definitionOutlineSchema,
  type ConfigProblem,
  type McpConfigValidationDto,
} from './dto/validate-mcp-config.dto';
import { McpConfigsRepository } from './mcp-configs.repository';
import { McpServersRepository } from './mcp-servers.repository';
import { maskedSecretProblems, siblingProblems, transportProblems } from './server-definition.rules';

/**
 * Checks a whole config definition (config fields and servers) without saving anything, and
 * reports every problem that creating it would run into.
 */
@Injectable()
export class McpConfigValidatorService {
  constructor(
    private readonly configs: McpConfigsRepository,
    private readonly servers: McpServersRepository,
    private readonly writer: ConfigWriter,
  ) {}

  validate(definition: unknown): Promise<McpConfigValidationDto> {
    return this.writer.read(async (tx) => {
      const outline = definitionOutlineSchema.safeParse(definition);
      const problems = outline.success ? [] : zodProblems(outline.error, []);
      const rawServers = outline.success ? outline.data.servers : serversOf(definition);
      const servers = rawServers.map((raw, index) => ({
        index,
        parsed: createMcpServerSchema.safeParse(raw),
      }));
      for (const { index, parsed } of servers) {
        if (!parsed.success) problems.push(...zodProblems(parsed.error, ['servers', String(index)]));
      }
      const valid = servers.flatMap(({ index, parsed }) =>
        parsed.success ? [{ index, server: parsed.data }] : [],
      );
      problems.push(...this.serverProblems(valid));
      problems.push(...(await this.policyProblems(tx, valid)));
      if (outline.success && (await this.configs.findByName(tx, outline.data.name))) {
        problems.push({ path: 'name', message: `An MCP config named ${outline.data.name} already exists.` });
      }
      return { valid: problems.length === 0, problems };
    });
  }

  private serverProblems(servers: Array<{ index: number; server: McpServerInput }>): ConfigProblem[] {
    const perServer = servers.flatMap(({ index, server }) => [
      ...transportProblems(server, `servers.${index}.`),
      ...maskedSecretProblems(server, `servers.${index}.`),
    ]);
    // Sibling rules report `servers.<position>`; map positions among the parsed servers back to indexes.
    const siblings = siblingProblems(servers.map(({ server }) => server)).map((problem) => ({
      ...problem,
      path: problem.path.replace(
        /^servers\.(\d+)/,
        (_, position: string) => `servers.${servers[Number(position)].index}`,
      ),
    }));
    return [...perServer, ...siblings];
  }

  private async policyProblems(tx: Tx, servers: Array<{ index: number; server: McpServerInput }>) {
    const wanted = servers.flatMap(({ server }) => [server.inputPolicyId, server.outputPolicyId]);
    const found = await this.servers.existingPolicyIds(tx, [
      ...new Set(wanted.filter((id): id is string => !!id)),
    ]);
    const problems: ConfigProblem[] = [];
    for (const { index, server } of servers) {
      for (const field of ['inputPolicyId', 'outputPolicyId'] as const) {
        const id = server[field];
        if (id && !found.has(id))
          problems.push({
            path: `servers.${index}.${field}`,
            message: `Guardrail policy ${id} was not found.`,
          });
      }
    }
    return problems;
  }
}

/** Zod issues as problems; `at` is the path of the value that was parsed (empty for the body). */
function zodProblems(error: z.ZodError, at: string[]): ConfigProblem[] {
  return error.issues.map((issue) => ({
    path: [...at, ...issue.path.map(String)].join('.') || '(root)',
    message: issue.message,
  }));
}

/** The servers array of a definition that failed its outer check, when there is one to look into. */
function serversOf(definition: unknown): unknown[] {
  const servers = (definition as { servers?: unknown } | null)?.servers;
  return Array.isArray(servers) ? servers.slice(0, 200) : [];
}
