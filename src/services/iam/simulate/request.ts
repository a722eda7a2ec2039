// What SimulatePrincipalPolicy and SimulateCustomPolicy share: their input, the optional policies of
// that input, and paging of the results.
import { iamPage } from '../paging.js';
import { invalidInput } from '../errors.js';
import { contextFromEntries, type ContextEntry } from './context-entries.js';
import { simPolicy, simulate, type SimPolicy, type Simulation } from './simulate.js';
import type { RequestPrincipal } from '../../../policy/index.js';
import { ownerAccount } from './principal-source.js';

export interface SimulateInput {
  PolicyInputList?: string[];
  PermissionsBoundaryPolicyInputList?: string[];
  ActionNames: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  CallerArn?: string;
  ContextEntries?: ContextEntry[];
  ResourceHandlingOption?: string;
  MaxItems?: number;
  Marker?: string;
}

export function inputPolicies(list: readonly string[] | undefined): SimPolicy[] {
  return (list ?? []).map((text, i) =>
    simPolicy(text, 'identity', `PolicyInputList.${i + 1}`, undefined, { fromInput: true }),
  );
}

export function inputBoundary(list: readonly string[] | undefined): SimPolicy | undefined {
  if (!list || list.length === 0) return undefined;
  if (list.length > 1) throw invalidInput('Only one permissions boundary policy can be simulated.');
  return simPolicy(list[0]!, 'boundary', 'PermissionsBoundaryPolicyInputList.1', 'none', { fromInput: true });
}

export function runSimulation(
  input: SimulateInput,
  principal: RequestPrincipal,
  identity: SimPolicy[],
  boundary: SimPolicy | undefined,
) {
  const sim: Simulation = {
    principal,
    identity,
    boundary,
    resourcePolicy: input.ResourcePolicy
      ? simPolicy(input.ResourcePolicy, 'resource', 'ResourcePolicy', 'resource', { fromInput: true })
      : undefined,
    actions: input.ActionNames,
    resources: input.ResourceArns ?? [],
    resourceAccount: ownerAccount(input.ResourceOwner),
    context: contextFromEntries(input.ContextEntries),
  };
  const page = iamPage(simulate(sim), input.Marker, input.MaxItems);
  return { EvaluationResults: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
