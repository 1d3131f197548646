import { Module } from '@nestjs/common';
import { GuardrailPoliciesController } from './guardrail-policies.controller';
import { GuardrailPoliciesRepository } from './guardrail-policies.repository';
import { GuardrailPoliciesService } from './guardrail-policies.service';

/** Guardrail policies: CRUD with detector options checked at save time. */
@Module({
  controllers: [GuardrailPoliciesController],
  providers: [GuardrailPoliciesService, GuardrailPoliciesRepository],
})
export class GuardrailPoliciesModule {}
