import { Module } from '@nestjs/common';
import { GuardrailPoliciesController } from './guardrail-policies.controller';
import { GuardrailPoliciesRepository } from './guardrail-policies.repository';
import { GuardrailPoliciesService } from './guardrail-policies.service';
import { PolicyHeadersBackfill } from './policy-headers.backfill';
import { PolicySecretsSealer } from './policy-secrets.sealer';

/**
 * Guardrail policies: CRUD with detector options checked at save time; remote rules' header values
 * sealed at rest (and sealed at start-up where an older version stored them in plaintext).
 */
@Module({
  controllers: [GuardrailPoliciesController],
  providers: [
    GuardrailPoliciesService,
    GuardrailPoliciesRepository,
    PolicySecretsSealer,
    PolicyHeadersBackfill,
  ],
  // The restore seals header values that a backup taken before they were sealed carries in plaintext.
  exports: [PolicySecretsSealer],
})
export class GuardrailPoliciesModule {}
